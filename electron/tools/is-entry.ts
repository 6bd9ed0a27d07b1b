import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module at `metaUrl` is the tool being run, directly or through
 * launch.cjs (which sets process.argv[1] to the tool's file). import.meta.main
 * is false for launch.cjs's in-process import, so it cannot be used.
 */
export function isEntry(metaUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(metaUrl));
  } catch {
    return false;
  }
}
