/**
 * `node electron/tools/metrics.ts FILE` (npm run metrics -- FILE): prints the
 * statuses, dates and metrics of the timeline(s) in FILE in the timeline.md
 * output format, so anyone can check a figure by hand. On bad input it prints
 * one line on stderr naming the problem, nothing on stdout, and exits 1.
 */
import { readFileSync } from 'node:fs';
import { computeDialog, parseTimelineFile, toTimelineOutput } from '../app/metrics/engine.ts';
import { isEntry } from './is-entry.ts';

const USAGE = `Usage: node electron/tools/metrics.ts FILE
       npm run metrics -- FILE

Reads a timeline file (one JSON object, or an array of them; see
docs/metrics.md and the timeline.md spec) and prints each dialog's statuses,
dates and metrics as JSON: one object for an object, an array for an array.

Exit status: 0 on success, 1 when the file cannot be read or is not a valid
timeline (the reason, with the event index, goes to stderr), 2 on wrong usage.`;

/** What to print and the exit code; the shell wrapper below does the writing. */
export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function runMetricsCli(args: readonly string[], readFile: (path: string) => string): CliResult {
  if (args.includes('--help') || args.includes('-h')) return { stdout: `${USAGE}\n`, stderr: '', exitCode: 0 };
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0 || file.startsWith('-')) {
    return { stdout: '', stderr: `metrics: expected one FILE argument (see --help)\n`, exitCode: 2 };
  }
  const fail = (problem: string): CliResult => ({ stdout: '', stderr: `metrics: ${file}: ${problem}\n`, exitCode: 1 });

  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    return fail(`cannot read the file (${errorText(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`invalid JSON (${errorText(error)})`);
  }
  try {
    const outputs = parseTimelineFile(json).map((timeline) => toTimelineOutput(timeline.id, computeDialog(timeline)));
    const printed = Array.isArray(json) ? outputs : outputs[0];
    return { stdout: `${JSON.stringify(printed, null, 2)}\n`, stderr: '', exitCode: 0 };
  } catch (error) {
    // TimelineInputError messages already name the timeline and event index.
    return fail(errorText(error));
  }
}

/** One line: stderr carries exactly one line per failure. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}

// Run only when executed directly, not when a test imports runMetricsCli.
if (isEntry(import.meta.url)) {
  const result = runMetricsCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
