// The `metrics` command line, run as a user runs it: a separate Node process on a file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'metrics-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['electron/tools/metrics.ts', ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// timeline.md "Input", verbatim.
const SPEC_INPUT = `{
  "id": 1042,
  "direction": "in",
  "events": [
    { "at": "2026-11-02T09:00:00Z", "kind": "created" },
    { "at": "2026-11-02T09:00:00Z", "kind": "message", "author": "client" },
    { "at": "2026-11-02T09:00:05Z", "kind": "message", "author": "bot" },
    { "at": "2026-11-02T09:01:00Z", "kind": "botHandoff" },
    { "at": "2026-11-02T09:03:00Z", "kind": "taken", "operatorId": 7 },
    { "at": "2026-11-02T09:04:00Z", "kind": "message", "author": "operator", "operatorId": 7 },
    { "at": "2026-11-02T09:10:00Z", "kind": "closedByOperator", "operatorId": 7 },
    { "at": "2026-11-02T09:10:00Z", "kind": "closed" }
  ]
}`;

// timeline.md "Output", verbatim.
const SPEC_OUTPUT = `{
  "id": 1042,
  "status": "finished",
  "statusDetail": "finished",
  "createdAt": "2026-11-02T09:00:00.000Z",
  "queuedAt": "2026-11-02T09:01:00.000Z",
  "operatorAnsweredAt": "2026-11-02T09:04:00.000Z",
  "operatorStartedAt": "2026-11-02T09:03:00.000Z",
  "lastMessageAt": "2026-11-02T09:04:00.000Z",
  "operatorClosedAt": "2026-11-02T09:10:00.000Z",
  "closedAt": "2026-11-02T09:10:00.000Z",
  "waitFirstAnswer": 240,
  "timeToStart": 180,
  "timeToOperatorClose": 600,
  "duration": 240,
  "firstResponse": 240,
  "botTime": 60,
  "responseTotal": 180,
  "responseAvg": 180,
  "responseMax": 180
}`;

describe('metrics CLI', () => {
  it('prints exactly the documented output for the timeline.md example', () => {
    const result = run(file('example.json', SPEC_INPUT));
    expect(result).toEqual({ code: 0, stdout: `${SPEC_OUTPUT}\n`, stderr: '' });
  });

  it('prints an array for an array', () => {
    const second = { id: 7, direction: 'out', events: [{ at: '2026-11-02T10:00:00+01:00', kind: 'created' }] };
    const result = run(file('array.json', `[${SPEC_INPUT}, ${JSON.stringify(second)}]`));
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(printed).toHaveLength(2);
    expect(printed[0]).toEqual(JSON.parse(SPEC_OUTPUT));
    expect(printed[1]).toMatchObject({ id: 7, status: 'waiting', statusDetail: 'new', createdAt: '2026-11-02T09:00:00.000Z', closedAt: null });
    expect(result.stdout).toBe(`${JSON.stringify(printed, null, 2)}\n`);
  });

  it('an unknown kind: names the event index, exits non-zero, prints nothing on stdout', () => {
    const bad = SPEC_INPUT.replace('"kind": "botHandoff"', '"kind": "foo"');
    const path = file('unknown-kind.json', bad);
    const result = run(path);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`metrics: ${path}: event 3: unknown kind "foo"\n`);
  });

  it('an invalid timeline in an array names the timeline and the event', () => {
    const bad = `[${SPEC_INPUT}, {"id": 2, "direction": "in", "events": [{"at": "2026-11-02T09:00:00", "kind": "created"}]}]`;
    const result = run(file('array-bad.json', bad));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^metrics: .*: timeline 1, event 0: "at" must be an ISO 8601 date-time with an offset or Z, got "2026-11-02T09:00:00"\n$/);
  });

  it('invalid JSON: one line, non-zero exit, empty stdout', () => {
    const result = run(file('broken.json', '{ "id": 1042, '));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^metrics: .*broken\.json: invalid JSON \(.+\)\n$/);
  });

  it('missing file: one line, non-zero exit, empty stdout', () => {
    const result = run(join(dir, 'missing.json'));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^metrics: .*missing\.json: cannot read the file \(ENOENT[^\n]*\)\n$/);
  });

  it('--help prints the usage and exits 0', () => {
    const result = run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: node electron/tools/metrics.ts FILE');
  });

  it('no file argument is a usage error', () => {
    const result = run();
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('expected one FILE argument');
  });
});
