/**
 * The audit log's SQL (tables: migration 0009). The migration's triggers
 * write a request's rows with its enqueue and a dialog's outcome with its
 * settle; here: who acts, the cancel requests, and the reads — the list
 * (newest first, paged) and the rows an export writes, under one filter.
 */
import type { AuditEntry, AuditFilter, AuditKind, AuditOutcome, CancelRequest } from '../../../../shared/ipc/contract-audit.ts';
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';

export interface AuditActionRow {
  id: number;
  source: string;
  actor: string;
  kind: AuditKind;
  payload: string;
  batch_id: number | null;
  created_at: number;
  requested: number;
  accepted: number;
}

export interface AuditDialogRow {
  id: number;
  audit_id: number;
  source: string;
  created_at: number;
  kind: AuditKind;
  dialog_id: number;
  action_id: string | null;
  outcome: AuditOutcome;
  detail: string | null;
  settled_at: number | null;
}

/** Who acts for this source from now on; the triggers put it on each request they audit. */
export function setAuditActor(db: WritableDB, source: string, actor: string): void {
  prepared(db, 'INSERT INTO audit_actors (source, actor) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET actor = excluded.actor').run(source, actor);
}

/** The actor recorded for the source (the source key itself when none was). */
export function auditActor(db: Db, source: string): string {
  return (prepared(db, 'SELECT actor FROM audit_actors WHERE source = ?').pluck().get(source) as string | undefined) ?? source;
}

/** A supervisor cancelled queued actions: the cancel itself is a request, done for each dialog it took back. */
export function recordCancelAudit(
  db: WritableDB,
  entry: { source: string; request: CancelRequest; batchId: number | null; dialogIds: readonly number[]; now: number },
): number {
  const auditId = Number(
    prepared(
      db,
      `INSERT INTO audit_actions (source, actor, kind, payload, batch_id, created_at, requested, accepted) VALUES (?, ?, 'cancel', ?, ?, ?, ?, ?)`,
    ).run(entry.source, auditActor(db, entry.source), JSON.stringify(entry.request), entry.batchId, entry.now, entry.dialogIds.length, entry.dialogIds.length).lastInsertRowid,
  );
  prepared(
    db,
    `INSERT INTO audit_dialogs (audit_id, source, created_at, kind, dialog_id, outcome, settled_at)
     SELECT ?, ?, ?, 'cancel', value, 'done', ? FROM json_each(?)`,
  ).run(auditId, entry.source, entry.now, entry.now, JSON.stringify(entry.dialogIds));
  return auditId;
}

/** The WHERE of a filter, bound parameters only. */
function whereOf(source: string, filter: AuditFilter): { sql: string; params: unknown[] } {
  const parts = ['d.source = ?'];
  const params: unknown[] = [source];
  if (filter.from !== undefined) {
    parts.push('d.created_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push('d.created_at < ?');
    params.push(filter.to);
  }
  if (filter.kinds && filter.kinds.length > 0) {
    parts.push('d.kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.kinds));
  }
  if (filter.outcomes && filter.outcomes.length > 0) {
    parts.push('d.outcome IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.outcomes));
  }
  if (filter.dialogId !== undefined) {
    parts.push('d.dialog_id = ?');
    params.push(filter.dialogId);
  }
  return { sql: parts.join(' AND '), params };
}

function entryOf(row: AuditDialogRow & { actor: string; payload: string }): AuditEntry {
  return {
    id: row.id,
    auditId: row.audit_id,
    createdAt: row.created_at,
    actor: row.actor,
    kind: row.kind,
    action: JSON.parse(row.payload) as AuditEntry['action'],
    dialogId: row.dialog_id,
    outcome: row.outcome,
    detail: row.detail,
    settledAt: row.settled_at,
  };
}

/** Newest first (by the request's time, then the row), `limit` rows from `offset`. */
export function listAudit(db: Db, source: string, filter: AuditFilter, offset: number, limit: number): AuditEntry[] {
  const where = whereOf(source, filter);
  const rows = prepared(
    db,
    `SELECT d.*, a.actor, a.payload FROM audit_dialogs d JOIN audit_actions a ON a.id = d.audit_id
     WHERE ${where.sql} ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?`,
  ).all(...where.params, limit, offset) as Array<AuditDialogRow & { actor: string; payload: string }>;
  return rows.map(entryOf);
}

export function countAudit(db: Db, source: string, filter: AuditFilter): number {
  const where = whereOf(source, filter);
  return prepared(db, `SELECT COUNT(*) FROM audit_dialogs d WHERE ${where.sql}`).pluck().get(...where.params) as number;
}
