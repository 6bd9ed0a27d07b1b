/**
 * Each operator's current load for the transfer picker: how many active
 * dialogs (spec §3: new … answered, the same set as the "Active dialogs"
 * preset) are assigned to them now. Read-only; one grouped pass over
 * ix_dialogs_operator_status_created, which holds both columns, so the
 * table itself is never read.
 */
import { ACTIVE_STATUS_DETAILS, codesOfStatusDetail } from '../../../../shared/domain/status.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';

interface OperatorLoadRow {
  operator_id: number;
  active: number;
}

/** The status codes an active dialog may have: fixed, so they are written into the SQL, not bound. */
const ACTIVE_CODES = ACTIVE_STATUS_DETAILS.flatMap(codesOfStatusDetail);

export const OPERATOR_LOAD_SQL = `SELECT operator_id, COUNT(*) AS active FROM dialogs
  WHERE operator_id IS NOT NULL AND status_code IN (${ACTIVE_CODES.join(', ')})
  GROUP BY operator_id`;

/** Operator id → active dialogs assigned to them now; an operator with none is absent (load 0). */
export function operatorLoad(db: Db): Array<{ operatorId: number; active: number }> {
  const rows = prepared(db, OPERATOR_LOAD_SQL).all() as OperatorLoadRow[];
  return rows.map((r) => ({ operatorId: r.operator_id, active: r.active }));
}
