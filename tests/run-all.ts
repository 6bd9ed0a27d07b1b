/**
 * `npm test`: type-check, the Vitest suite, then the Playwright suite, each
 * with its own reporter output, then ONE closing line summing both:
 * `N passed, N failed, N skipped` (CI reads that line). A runner that crashes
 * or reports nothing counts as a failure, so a broken setup cannot pass green.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-test-report-'));

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function typecheck(): Tally {
  console.log('\n== typecheck (tsc -b)');
  const status = run(bin('tsc'), ['-b']);
  return status === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
}

function vitest(): Tally {
  console.log('\n== unit tests (vitest)');
  const out = path.join(reportDir, 'vitest.json');
  const status = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!fs.existsSync(out)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTestSuites: number;
    testResults: Array<{ status: string }>;
  };
  // A suite file that fails to load has no tests but must still fail the run.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed').length;
  const failed = Math.max(report.numFailedTests, brokenFiles > 0 && report.numFailedTests === 0 ? brokenFiles : 0);
  const tally = { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
  if (status !== 0 && tally.failed === 0) tally.failed = 1;
  return tally;
}

function playwright(): Tally {
  console.log('\n== end-to-end tests (playwright, chromium)');
  const out = path.join(reportDir, 'playwright.json');
  const status = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (!fs.existsSync(out)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    errors?: unknown[];
  };
  const tally = {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + (report.errors?.length ?? 0),
    skipped: report.stats.skipped,
  };
  if (status !== 0 && tally.failed === 0) tally.failed = 1;
  return tally;
}

const tallies = [typecheck(), vitest(), playwright()];
const total = tallies.reduce((a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }));
console.log('');
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
