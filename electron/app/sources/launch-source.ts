/**
 * Whether the launch options name a source at all. They win over the source
 * saved as current (source-switch.ts), so `npm run web -- --seed 2` opens
 * seed 2 whatever was used last; with none given, the saved choice applies.
 */
import type { BackendConfig } from '../backends/factory.ts';
import { SOURCE_OPTIONS, sourceFromOptions, type SourceValues } from '../backends/source-options.ts';

export function launchSource(values: SourceValues, env: NodeJS.ProcessEnv = process.env): BackendConfig | null | { error: string } {
  const named = Object.keys(SOURCE_OPTIONS).some((key) => values[key as keyof SourceValues] !== undefined) || Boolean(env.OLS_WEBHOOK?.trim());
  return named ? sourceFromOptions(values, env) : null;
}
