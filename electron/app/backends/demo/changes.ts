/**
 * pullChanges over the store's revisions.
 *
 * A pull *cycle* delivers every dialog changed after revision `base`, paged
 * by dialog id (`after`), each with its entries newer than `base`. The cycle
 * fixes `high`, the revision current when it began; when its last page is out,
 * the next cycle starts from base = high. A dialog that changes while a cycle
 * pages is therefore either still ahead of the page (delivered now) or picked
 * up by the next cycle: nothing is lost, and what is sent twice is the same
 * (dialog id, seq) again, which the consumer upserts idempotently.
 * The backfill is simply the cycle from base 0.
 *
 * Revisions come from the changes' own stamps (store.ts), so a cursor stays
 * valid across restarts of the same world: the replayed world has the same
 * revisions, and the next pull sends exactly what happened after the cursor,
 * the time the app was closed included. The cursor names the world
 * (fingerprint), never one run of it.
 */
import { BackendError, type ChangeBatch, type DialogChange } from '../backend.ts';
import { copySnapshot, entriesAfter, revisionAt, type DialogStore } from './store.ts';

interface Cursor {
  base: number;
  high: number;
  /** last dialog id delivered in this cycle; 0 at a cycle's start */
  after: number;
}

const CURSOR_PATTERN = /^d2-([0-9a-f]{8})-([0-9a-z]{1,11})-([0-9a-z]{1,11})-([0-9a-z]{1,11})$/;

export function encodeCursor(fingerprint: string, cursor: Cursor): string {
  return ['d2', fingerprint, cursor.base.toString(36), cursor.high.toString(36), cursor.after.toString(36)].join('-');
}

/**
 * The cursor of a consumer that holds the world as it stood at wall time
 * `wall` with no action in that millisecond: a generated cache, for one.
 */
export function cursorAtWall(fingerprint: string, wall: number): string {
  const rev = revisionAt(wall);
  return encodeCursor(fingerprint, { base: rev, high: rev, after: 0 });
}

/** Accepts only cursors this world could have issued by wall time `wall`. */
export function decodeCursor(text: string, fingerprint: string, wall: number): Cursor {
  const match = CURSOR_PATTERN.exec(text);
  if (!match) throw new BackendError('BAD_CURSOR', `not a demo cursor: ${JSON.stringify(text.slice(0, 40))}`, false);
  if (match[1] !== fingerprint) throw new BackendError('BAD_CURSOR', 'the cursor belongs to another demo world or seed', false);
  const [base, high, after] = [match[2], match[3], match[4]].map((part) => parseInt(part as string, 36)) as [number, number, number];
  // a cursor from the future: the clock went back since it was issued
  if (!(base <= high && high <= revisionAt(wall) + 1)) throw new BackendError('BAD_CURSOR', 'the cursor is out of range for this demo world', false);
  return { base, high, after };
}

/** One page of changes, pulled at wall time `wall` (the simulator was just advanced to it). */
export function pullPage(store: DialogStore, fingerprint: string, cursorText: string | null, limit: number, wall: number): ChangeBatch {
  const cursor = cursorText === null ? { base: 0, high: 0, after: 0 } : decodeCursor(cursorText, fingerprint, wall);
  const { base } = cursor;
  store.acknowledge(base);
  // a cycle starts now: it covers every scripted change stamped up to this pull
  const high = cursor.after === 0 ? revisionAt(wall) : cursor.high;
  const max = Math.max(1, Math.floor(limit));
  const records = store.records;
  const changes: DialogChange[] = [];
  let i = store.indexAfter(cursor.after);
  let lastId = cursor.after;
  for (; i < records.length && changes.length < max; i++) {
    const record = records[i];
    if (record === undefined || record.lastRev <= base) continue;
    changes.push({ dialog: copySnapshot(record.snapshot), entries: entriesAfter(record, base), replaceTimeline: false });
    lastId = record.snapshot.id;
  }
  const delivered = i;
  while (i < records.length && (records[i]?.lastRev ?? 0) <= base) i++;
  const hasMore = i < records.length;
  const next: Cursor = hasMore ? { base, high, after: lastId } : { base: high, high, after: 0 };
  const backfill = base === 0;
  return {
    changes,
    cursor: encodeCursor(fingerprint, next),
    hasMore,
    progress: backfill ? (hasMore ? delivered / records.length : 1) : null,
  };
}
