/**
 * What the sync engine needs from the cache, as async calls: in the app they
 * go to the writer worker (electron/app/data/write-api.ts has the same
 * methods); tools and tests in one thread use the local form over a
 * connection they hold.
 */
import type { DialogChange, ReferenceData } from '../backends/backend.ts';
import type { WritableDB } from '../db/connection.ts';
import { upsertReference } from '../db/queries/reference.ts';
import { clearCursor, countAllDialogs, readCursor } from '../db/queries/sync-state.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { applyChanges, type AppliedChanges } from './apply-changes.ts';

export interface SyncStore {
  readCursor(name: string): Promise<string | null>;
  clearCursor(name: string): Promise<void>;
  writeReference(reference: ReferenceData): Promise<void>;
  applyBatch(changes: DialogChange[], cursor: string | null): Promise<AppliedChanges>;
  countAll(): Promise<number>;
}

export function localSyncStore(db: WritableDB, log: Logger): SyncStore {
  return {
    readCursor: async (name) => readCursor(db, name),
    clearCursor: async (name) => clearCursor(db, name),
    writeReference: async (reference) => db.transaction(() => upsertReference(db, reference.lines, reference.operators))(),
    applyBatch: async (changes, cursor) => applyChanges(db, changes, cursor, log),
    countAll: async () => countAllDialogs(db),
  };
}
