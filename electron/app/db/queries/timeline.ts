/**
 * Timeline storage: messages and events of a dialog, keyed by (dialog, seq).
 * Upserts make a replayed batch a no-op; reading merges both tables back into
 * timeline order for the metrics engine and the history pane.
 */
import type { HistoryEntry } from '../../../../shared/domain/dialog.ts';
import type { ClientRating, MessageAuthor, TimelineEntry, TimelineKind } from '../../../../shared/domain/timeline.ts';
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';

export function upsertTimelineEntry(db: WritableDB, dialogId: number, entry: TimelineEntry): void {
  if (entry.kind === 'message') {
    prepared(
      db,
      `INSERT INTO messages (dialog_id, seq, at, author, operator_id, hidden, text)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dialog_id, seq) DO UPDATE SET
         at = excluded.at, author = excluded.author, operator_id = excluded.operator_id,
         hidden = excluded.hidden, text = excluded.text`,
    ).run(
      dialogId,
      entry.seq,
      entry.at,
      entry.author ?? 'system',
      entry.operatorId ?? null,
      entry.hidden ? 1 : 0,
      entry.text ?? null,
    );
    return;
  }
  prepared(
    db,
    `INSERT INTO dialog_events (dialog_id, seq, at, kind, operator_id, to_operator_id, to_line_id, rating)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dialog_id, seq) DO UPDATE SET
       at = excluded.at, kind = excluded.kind, operator_id = excluded.operator_id,
       to_operator_id = excluded.to_operator_id, to_line_id = excluded.to_line_id, rating = excluded.rating`,
  ).run(
    dialogId,
    entry.seq,
    entry.at,
    entry.kind,
    entry.operatorId ?? null,
    entry.toOperatorId ?? null,
    entry.toLineId ?? null,
    entry.rating ?? null,
  );
}

export function deleteTimeline(db: WritableDB, dialogId: number): void {
  prepared(db, 'DELETE FROM messages WHERE dialog_id = ?').run(dialogId);
  prepared(db, 'DELETE FROM dialog_events WHERE dialog_id = ?').run(dialogId);
}

interface EntryRecord {
  seq: number;
  at: number;
  kind: string;
  author: string | null;
  operator_id: number | null;
  hidden: number;
  to_operator_id: number | null;
  to_line_id: number | null;
  rating: string | null;
  text: string | null;
}

/** Both tables by the (dialog_id, seq) keys; exported so a test can assert the plan (no table scan at 10,000 messages). */
export const TIMELINE_SQL = `
  SELECT seq, at, 'message' AS kind, author, operator_id, hidden, NULL AS to_operator_id,
         NULL AS to_line_id, NULL AS rating, text
    FROM messages WHERE dialog_id = ?
  UNION ALL
  SELECT seq, at, kind, NULL, operator_id, 0, to_operator_id, to_line_id, rating, NULL
    FROM dialog_events WHERE dialog_id = ?
  ORDER BY seq`;

function readEntries(db: Db, dialogId: number): EntryRecord[] {
  return prepared(db, TIMELINE_SQL).all(dialogId, dialogId) as EntryRecord[];
}

/** The stored timeline in the engine's form (kinds are validated on the way in). */
export function readTimelineEntries(db: Db, dialogId: number): TimelineEntry[] {
  return readEntries(db, dialogId).map((r) => {
    const entry: TimelineEntry = { seq: r.seq, at: r.at, kind: r.kind as TimelineKind };
    if (r.author !== null) entry.author = r.author as MessageAuthor;
    if (r.hidden) entry.hidden = true;
    if (r.operator_id !== null) entry.operatorId = r.operator_id;
    if (r.to_operator_id !== null) entry.toOperatorId = r.to_operator_id;
    if (r.to_line_id !== null) entry.toLineId = r.to_line_id;
    if (r.rating !== null) entry.rating = r.rating as ClientRating;
    if (r.text !== null) entry.text = r.text;
    return entry;
  });
}

/** The history pane's view: entries in timeline order, operator names resolved. */
export function readHistory(db: Db, dialogId: number): HistoryEntry[] {
  const names = new Map(
    (prepared(db, 'SELECT id, name FROM operators').all() as Array<{ id: number; name: string }>).map((o) => [o.id, o.name]),
  );
  return readEntries(db, dialogId)
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .map((r) => ({
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      author: r.author,
      hidden: r.hidden === 1,
      operatorId: r.operator_id,
      operatorName: r.operator_id === null ? null : (names.get(r.operator_id) ?? null),
      toOperatorId: r.to_operator_id,
      toLineId: r.to_line_id,
      rating: r.rating as HistoryEntry['rating'],
      text: r.text,
    }));
}
