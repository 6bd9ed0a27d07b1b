/**
 * Every built-in preset's live count equals a hand-written SQL count (the
 * statuses of spec §3 spelled out, not compiled from the filter), and each
 * one is answered by the rollups or an index, never a walk of the table or
 * of a whole sort index: at 1 M dialogs that is the difference between
 * well under 5 ms and 30 ms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/app/db/connection.ts';
import { WORKSPACE_READ_API } from '../../../electron/app/data/workspace-api.ts';
import { countFromRollups } from '../../../electron/app/db/queries/dialog-counts.ts';
import { compileFilter, countBranches, whereClause } from '../../../electron/app/db/queries/filter-sql.ts';
import { BUILT_IN_PRESET_IDS, builtInPresetFilter, type BuiltInPresetId } from '../../../shared/domain/presets.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: Db;
let operator: number;
beforeAll(async () => {
  ({ db } = await filledCache(2, 7));
  // the operator with the most active dialogs stands in for the connected user
  operator = db
    .prepare('SELECT operator_id FROM dialogs WHERE status_code IN (0, 5, 10, 20, 25, 40) AND operator_id IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1')
    .pluck()
    .get() as number;
});

function direct(id: BuiltInPresetId): number {
  const start = new Date(FIXED_NOW);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  const sql: Record<BuiltInPresetId, [string, unknown[]]> = {
    all: ['SELECT COUNT(*) FROM dialogs', []],
    active: ['SELECT COUNT(*) FROM dialogs WHERE status_code IN (0, 5, 10, 20, 25, 40)', []],
    myActive: ['SELECT COUNT(*) FROM dialogs WHERE status_code IN (0, 5, 10, 20, 25, 40) AND operator_id = ?', [operator]],
    waiting: ['SELECT COUNT(*) FROM dialogs WHERE waiting_since IS NOT NULL', []],
    spam: ['SELECT COUNT(*) FROM dialogs WHERE status_code = 65', []],
    finishedToday: ['SELECT COUNT(*) FROM dialogs WHERE status_code IN (60, 69, 75) AND closed_at >= ? AND closed_at < ?', [start.getTime(), end.getTime()]],
  };
  const [text, params] = sql[id];
  return db.prepare(text).pluck().get(...params) as number;
}

describe('built-in preset counts', () => {
  it('equal a direct SQL count, each of them, for a connected user', () => {
    const counts = WORKSPACE_READ_API.presetCounts(db, operator, FIXED_NOW);
    expect(Object.keys(counts).sort()).toEqual([...BUILT_IN_PRESET_IDS].sort());
    for (const id of BUILT_IN_PRESET_IDS) expect(counts[id], id).toBe(direct(id));
    // the comparison means something only where there is something to count
    for (const id of BUILT_IN_PRESET_IDS) expect(counts[id], id).toBeGreaterThan(0);
  });

  it('leave out "My active dialogs" where the source has no user', () => {
    const counts = WORKSPACE_READ_API.presetCounts(db, null, FIXED_NOW);
    expect(counts).not.toHaveProperty('myActive');
    expect(counts.active).toBe(direct('active'));
  });

  it('each use the rollups or an index (EXPLAIN QUERY PLAN)', () => {
    const plans: Record<string, string> = {};
    for (const id of BUILT_IN_PRESET_IDS) {
      const filter = builtInPresetFilter(id, { operatorId: operator });
      const compiled = compileFilter(filter, FIXED_NOW);
      if (countFromRollups(db, filter, compiled) !== null) {
        plans[id] = 'rollups';
        continue;
      }
      plans[id] = countBranches(compiled)
        .map((branch) => {
          const sql = `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM dialogs${whereClause(branch)}`;
          return (db.prepare(sql).all(...branch.params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
        })
        .join(' | ');
    }
    expect(plans.active).toBe('rollups');
    expect(plans.myActive).toBe('rollups');
    expect(plans.spam).toBe('rollups');
    // no WHERE: SQLite counts the smallest index (0.45 ms at 1 M in bench/results/latest-L.md)
    expect(plans.all).toMatch(/^SCAN dialogs USING COVERING INDEX \w+$/);
    // migration 0005's partial indexes: only the waiting dialogs, and a seek per finished code into today
    expect(plans.waiting).toBe('SCAN dialogs USING COVERING INDEX ix_dialogs_waiting_now');
    expect(plans.finishedToday).toBe('SEARCH dialogs USING COVERING INDEX ix_dialogs_status_closed (status_code=? AND closed_at>? AND closed_at<?)');
  });
});
