/**
 * What the kill -9 tests share: a reproducible stream of moments to kill at,
 * and the look at a cache just after a kill (integrity, and whether the kill
 * left queued actions unsettled, without which a run proves nothing).
 */
import { expect } from 'vitest';
import { openDatabase } from '../../electron/app/db/connection.ts';

/** Numbers in [0, 1) from a linear congruential generator: the same seed, the same kill moments. */
export function* moments(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    yield x / 2 ** 32;
  }
}

/** Checks the killed host's cache passes integrity_check; true when actions were left pending or sending. */
export function checkAfterKill(cacheFile: string, label: string): boolean {
  const db = openDatabase(cacheFile, { readonly: true, migrate: false });
  try {
    expect(String(db.pragma('integrity_check', { simple: true })), label).toBe('ok');
    return (db.prepare("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')").pluck().get() as number) > 0;
  } finally {
    db.close();
  }
}
