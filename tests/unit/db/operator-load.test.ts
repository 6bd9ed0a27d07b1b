/**
 * The transfer picker's load per operator: on a real cache filled from the
 * demo world, each operator's number equals what the grid counts for
 * "Active dialogs" narrowed to that operator, a finished dialog is not
 * counted, and the query seeks the active statuses in a covering index
 * (never a scan of every dialog, never the table's rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../electron/app/db/connection.ts';
import { countDialogs } from '../../../electron/app/db/queries/dialogs.ts';
import { OPERATOR_LOAD_SQL, operatorLoad } from '../../../electron/app/db/queries/operator-load.ts';
import { ACTIVE_DIALOGS_FILTER, type DialogFilter } from '../../../shared/domain/filter.ts';
import { STATUS_CODE } from '../../../shared/domain/status.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: WritableDB;
beforeAll(async () => {
  ({ db } = await filledCache(4, 3));
});
afterAll(() => db.close());

const activeOf = (operatorId: number): DialogFilter => ({
  ...ACTIVE_DIALOGS_FILTER,
  conditions: [...ACTIVE_DIALOGS_FILTER.conditions, { column: 'operator', op: 'in', values: [operatorId] }],
});

describe('operator load', () => {
  it('counts, per operator, the active dialogs the grid counts for them', () => {
    const load = operatorLoad(db);
    expect(load.length).toBeGreaterThan(1);
    expect(load.reduce((sum, l) => sum + l.active, 0)).toBeGreaterThan(0);
    for (const { operatorId, active } of load) expect(active, `operator ${operatorId}`).toBe(countDialogs(db, activeOf(operatorId), FIXED_NOW));
    // an operator with no active dialog is absent, not listed with a zero
    expect(load.every((l) => l.active > 0)).toBe(true);
  });

  it('drops a dialog from its operator’s load once it is finished', () => {
    const [busiest] = [...operatorLoad(db)].sort((a, b) => b.active - a.active);
    const one = db
      .prepare(`SELECT id FROM dialogs WHERE operator_id = ? AND status_code IN (${[0, 5, 10, 20, 25, 40].join(',')}) LIMIT 1`)
      .pluck()
      .get(busiest!.operatorId) as number;
    db.prepare('UPDATE dialogs SET status_code = ? WHERE id = ?').run(STATUS_CODE.finished, one);
    expect(operatorLoad(db).find((l) => l.operatorId === busiest!.operatorId)?.active ?? 0).toBe(busiest!.active - 1);
  });

  it('seeks the active statuses in a covering index, never scanning the dialogs', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${OPERATOR_LOAD_SQL}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/SEARCH dialogs USING COVERING INDEX \w+ \(status_code=\?\)/);
    expect(plan).not.toMatch(/SCAN dialogs/);
  });
});
