import { describe, expect, it } from 'vitest';
import { prepared, STATEMENT_CACHE_LIMITS, statementCacheSize } from '../../../electron/app/db/connection.ts';
import { countDialogs } from '../../../electron/app/db/queries/dialogs.ts';
import { openTempDb } from '../../support/temp-cache.ts';

describe('prepared-statement cache', () => {
  it('stays within its count and size budget whatever filters arrive', () => {
    const { db } = openTempDb();
    // The largest filter the schema allows: 64 conditions × 500 values.
    const huge = (salt: number) => ({
      conditions: Array.from({ length: 64 }, (_, i) => ({
        column: 'operator' as const,
        op: 'in' as const,
        values: Array.from({ length: 500 }, (_, j) => salt * 100_000 + i * 500 + j),
      })),
    });
    for (let i = 0; i < 40; i += 1) expect(countDialogs(db, huge(i), 0)).toBe(0);
    for (let i = 0; i < 1000; i += 1) expect(countDialogs(db, { conditions: [{ column: 'operator', op: 'in', values: Array.from({ length: (i % 90) + 1 }, (_, j) => j + 1) }] }, 0)).toBe(0);
    const size = statementCacheSize(db);
    expect(size.statements).toBeLessThanOrEqual(STATEMENT_CACHE_LIMITS.maxStatements);
    expect(size.chars).toBeLessThanOrEqual(STATEMENT_CACHE_LIMITS.maxTotalChars);
    db.close();
  });

  it('reuses a statement and keeps the recently used one when evicting', () => {
    const { db } = openTempDb();
    const hot = prepared(db, 'SELECT 1 AS hot');
    for (let i = 0; i < STATEMENT_CACHE_LIMITS.maxStatements * 2; i += 1) {
      prepared(db, `SELECT ${i} AS n`);
      expect(prepared(db, 'SELECT 1 AS hot')).toBe(hot);
    }
    db.close();
  });
});
