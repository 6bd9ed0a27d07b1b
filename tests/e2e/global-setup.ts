import { ensureBuilt } from '../../electron/tools/build.ts';

/** Build the renderer once for the whole run, not per test. */
export default async function globalSetup(): Promise<void> {
  await ensureBuilt({ renderer: true, electron: false });
}
