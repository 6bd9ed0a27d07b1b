/**
 * The audit log's reads, answered by a reader worker (merged into READ_API):
 * a page of it, and the rows an export writes, for the cache's current
 * source.
 */
import { MAX_AUDIT_EXPORT_ROWS, type AuditEntry, type AuditFilter, type AuditPage } from '../../../shared/ipc/contract-audit.ts';
import type { Db } from '../db/connection.ts';
import { countAudit, listAudit } from '../db/queries/audit.ts';
import { IDENTITY_KEY } from '../db/queries/cache-identity.ts';
import { readCursor } from '../db/queries/sync-state.ts';

const sourceOf = (db: Db): string => readCursor(db, IDENTITY_KEY) ?? 'unknown';

export const AUDIT_READ_API = {
  auditList(db: Db, filter: AuditFilter, offset: number, limit: number): AuditPage {
    const source = sourceOf(db);
    return { entries: listAudit(db, source, filter, offset, limit), total: countAudit(db, source, filter) };
  },
  /** Up to one more than an export takes, so the caller can tell "too many" from "exactly the most". */
  auditExportRows(db: Db, filter: AuditFilter): AuditEntry[] {
    return listAudit(db, sourceOf(db), filter, 0, MAX_AUDIT_EXPORT_ROWS + 1);
  },
};
