/**
 * A demo world's own files in the data folder, so that the same seed
 * continues the same world after a restart:
 *
 *  - `demo-world-seed<N>.json`: what makes the world (WorldSpec: seed,
 *    anchor, history settings, the runs' time segments). Small, rewritten
 *    whole through a temp file and a rename, so a kill leaves the old or the
 *    new file, never half of one.
 *  - `demo-world-seed<N>.actions.jsonl`: every action performed on it, one
 *    JSON line each, appended and fsync'd before the action is applied. A
 *    kill mid-append leaves a torn last line: it is cut off (that action was
 *    never applied nor answered).
 *
 * A file that does not read back as a consistent world (hand-edited, say) is
 * moved aside with a log line and a fresh world starts; the cache, filled
 * from the old world, is then cleared by the identity check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateFile, moveAside, PRIVATE_FILE_MODE } from '../../storage/private-files.ts';
import type { LoggedAction, WorldSpec } from './simulator.ts';
import { createTimebase, simAt, type TimeSegment } from './timebase.ts';

export const WORLD_FILE_KIND = 'open-lines-supervisor/demo-world';
export const WORLD_FILE_VERSION = 1;

export interface WorldFiles {
  world: string;
  actions: string;
}

export function worldFiles(dir: string, seed: number): WorldFiles {
  return {
    world: path.join(dir, `demo-world-seed${seed}.json`),
    actions: path.join(dir, `demo-world-seed${seed}.actions.jsonl`),
  };
}

const wholeMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const segmentSchema = z.strictObject({ wall: wholeMs, sim: wholeMs, speed: z.number().finite().min(0), live: z.boolean() });
const worldSchema = z.strictObject({
  kind: z.literal(WORLD_FILE_KIND),
  version: z.literal(WORLD_FILE_VERSION),
  seed: z.number().finite(),
  anchor: wholeMs,
  historyDays: z.number().finite().min(0),
  dialogsPerDay: z.number().finite().min(0),
  cacheOnlyBelow: z.number().int().min(0),
  segments: z.array(segmentSchema).min(1),
  /** how far (wall time) the last run may have taken the world: where it ended, if it was killed */
  leaseUntil: wholeMs,
  /** a generated world: how many dialogs its cache was built with (information only) */
  generated: z.strictObject({ dialogs: z.number().int().min(0) }).optional(),
});
export type WorldFileContents = z.infer<typeof worldSchema>;

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const actionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('finish'), dialogId: id, chatId: id }),
  z.strictObject({ kind: z.literal('spam'), dialogId: id, chatId: id }),
  z.strictObject({ kind: z.literal('transfer'), dialogId: id, chatId: id, toOperatorId: id.optional(), toLineId: id.optional() }),
  z.strictObject({ kind: z.literal('vote'), dialogId: id, chatId: id, rating: z.number(), comment: z.string() }),
  z.strictObject({ kind: z.literal('pin'), dialogId: id, chatId: id, pinned: z.boolean() }),
  z.strictObject({ kind: z.literal('intercept'), dialogId: id, chatId: id, operatorId: id }),
]);
const loggedSchema = z.strictObject({
  n: z.number().int().min(1),
  wall: wholeMs,
  sim: z.number().int(),
  action: actionSchema,
  actionId: z.string().min(1).max(100).optional(),
});

/** A world file that does not describe a consistent world. */
export class WorldFileDamage extends Error {}

export function toWorldFile(spec: WorldSpec, leaseUntil: number, generated?: { dialogs: number }): WorldFileContents {
  return { kind: WORLD_FILE_KIND, version: WORLD_FILE_VERSION, ...spec, leaseUntil, ...(generated ? { generated } : {}) };
}

/** Checks what zod cannot: the file is this seed's, its runs continue each other. */
function checkSpec(contents: WorldFileContents, seed: number): WorldSpec {
  if (contents.seed !== seed) throw new WorldFileDamage(`it holds seed ${contents.seed}, not ${seed}`);
  const [first, ...rest] = contents.segments as [TimeSegment, ...TimeSegment[]];
  if (first.wall !== contents.anchor || first.sim !== contents.anchor) throw new WorldFileDamage('its first run does not start at the anchor');
  let previous = first;
  for (const segment of rest) {
    if (segment.wall < previous.wall) throw new WorldFileDamage('its runs are not in time order');
    if (segment.sim !== simAt(previous, segment.wall)) throw new WorldFileDamage('a run does not continue where the previous one stopped');
    previous = segment;
  }
  if (!first.live || !previous.live) throw new WorldFileDamage('its first and last segments are not runs');
  if (contents.leaseUntil < previous.wall) throw new WorldFileDamage('its last run ends before it starts');
  const { kind: _kind, version: _version, generated: _generated, leaseUntil: _lease, ...spec } = contents;
  return spec;
}

/** Parses the action log; a torn last line (no newline yet) is reported, not refused. */
export function parseActionLog(text: string, spec: WorldSpec): { actions: LoggedAction[]; tornBytes: number } {
  const end = text.lastIndexOf('\n') + 1;
  const tornBytes = Buffer.byteLength(text.slice(end));
  const timebase = createTimebase(spec.segments);
  const actions: LoggedAction[] = [];
  for (const [i, line] of text.slice(0, end).split('\n').slice(0, -1).entries()) {
    let logged: LoggedAction;
    try {
      logged = loggedSchema.parse(JSON.parse(line)) as LoggedAction;
    } catch {
      throw new WorldFileDamage(`action line ${i + 1} does not read`);
    }
    const previous = actions[actions.length - 1];
    if (logged.n !== i + 1) throw new WorldFileDamage(`action line ${i + 1} is numbered ${logged.n}`);
    if (logged.wall < (previous?.wall ?? spec.anchor)) throw new WorldFileDamage(`action ${logged.n} is out of time order`);
    if (logged.sim !== timebase.toSim(logged.wall)) throw new WorldFileDamage(`action ${logged.n} does not match the world's clock`);
    actions.push(logged);
  }
  return { actions, tornBytes };
}

/** Reads both files; throws WorldFileDamage when they do not make a consistent world. */
export function readWorld(
  files: WorldFiles,
  seed: number,
): { spec: WorldSpec; leaseUntil: number; generated: WorldFileContents['generated']; actions: LoggedAction[]; tornBytes: number } {
  let contents: WorldFileContents;
  try {
    contents = worldSchema.parse(JSON.parse(fs.readFileSync(files.world, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES') throw error;
    throw new WorldFileDamage(error instanceof SyntaxError ? 'it is not JSON' : 'it is not a demo world file');
  }
  const spec = checkSpec(contents, seed);
  const log = fs.existsSync(files.actions) ? fs.readFileSync(files.actions, 'utf8') : '';
  return { spec, leaseUntil: contents.leaseUntil, generated: contents.generated, ...parseActionLog(log, spec) };
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // not every platform opens a directory (Windows); the rename is still atomic there
  }
}

/** Replaces `file` atomically and durably: a temp file, fsync, rename, fsync of the folder. */
export function writeFileAtomic(file: string, text: string): void {
  ensurePrivateFile(file);
  const temp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  syncDir(path.dirname(file));
}

export function writeWorldFile(files: WorldFiles, contents: WorldFileContents): void {
  writeFileAtomic(files.world, `${JSON.stringify(contents, null, 2)}\n`);
}

/** Starts an empty action log (a new world). */
export function resetActionLog(files: WorldFiles): void {
  ensurePrivateFile(files.actions);
  fs.truncateSync(files.actions, 0);
}

/** Appends one action and waits until it is on disk. */
export function appendAction(files: WorldFiles, logged: LoggedAction): void {
  ensurePrivateFile(files.actions);
  const fd = fs.openSync(files.actions, 'a', PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, `${JSON.stringify(logged)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Cuts a torn last line off, so the next append starts on a line of its own. */
export function cutTornTail(files: WorldFiles, tornBytes: number): void {
  const size = fs.statSync(files.actions).size;
  fs.truncateSync(files.actions, size - tornBytes);
}

/** Removes temp files a kill left behind mid-write (the rename never happened: the old file stands). */
export function removeStaleTemps(files: WorldFiles): void {
  const dir = path.dirname(files.world);
  const prefix = `${path.basename(files.world)}.tmp-`;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Moves both files aside (never deletes); returns where the world file went. */
export function moveWorldAside(files: WorldFiles): string | null {
  const moved = fs.existsSync(files.world) ? moveAside(files.world, 'corrupt') : null;
  if (fs.existsSync(files.actions)) moveAside(files.actions, 'corrupt');
  return moved;
}
