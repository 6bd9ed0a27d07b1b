/**
 * Every table the migrations create is declared source- or user-owned, and a
 * change of source clears exactly the source-owned ones: what the user made
 * survives switching demo worlds or portals.
 */
import { enqueueActions } from '../../../electron/app/actions/enqueue.ts';
import { describe, expect, it } from 'vitest';
import { adoptIdentity } from '../../../electron/app/db/queries/cache-identity.ts';
import { WORKSPACE_READ_API, WORKSPACE_WRITE_API } from '../../../electron/app/data/workspace-api.ts';
import { SOURCE_IDENTITY_KEY } from '../../../electron/app/db/queries/workspace-state.ts';
import { DERIVED_TABLES, SOURCE_OWNED_TABLES, USER_OWNED_TABLES } from '../../../electron/app/db/tables.ts';
import { filledCache, silentLog } from '../../support/temp-cache.ts';
import { setAuditActor } from '../../../electron/app/db/queries/audit.ts';

const tablesOf = (db: import('../../../electron/app/db/connection.ts').Db) =>
  (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
      )
      .all() as Array<{ name: string }>
  )
    .map((t) => t.name)
    // FTS5 shadow tables belong to their virtual table's owner.
    .filter((name) => !/_(data|idx|content|docsize|config)$/.test(name));

describe('table ownership', () => {
  it('declares every table of the schema exactly once', async () => {
    const { db } = await filledCache(1, 1);
    const declared = [...SOURCE_OWNED_TABLES, ...USER_OWNED_TABLES, ...DERIVED_TABLES];
    expect(new Set(declared).size).toBe(declared.length);
    expect(tablesOf(db).filter((t) => !declared.includes(t))).toEqual([]);
    db.close();
  });

  it('a source change clears the source-owned tables and leaves every other table alone', async () => {
    const { db } = await filledCache(1, 1);
    // Stands in for a user-owned table of a later migration (presets, outbox, audit…).
    db.exec("CREATE TABLE user_things (source TEXT, name TEXT); INSERT INTO user_things VALUES ('demo:seed=1', 'my preset')");
    expect((db.prepare('SELECT COUNT(*) AS n FROM dialogs').get() as { n: number }).n).toBeGreaterThan(0);
    // The cache belongs to one source, then another one takes the folder over.
    adoptIdentity(db, 'demo:seed=1', silentLog);
    adoptIdentity(db, 'another-source', silentLog);
    for (const table of SOURCE_OWNED_TABLES) {
      const rows = db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>;
      // sync_cursors keeps exactly the new identity
      expect(table === 'sync_cursors' ? rows.map((r) => r.value) : rows, table).toEqual(table === 'sync_cursors' ? ['another-source'] : []);
    }
    expect(db.prepare('SELECT * FROM user_things').all()).toEqual([{ source: 'demo:seed=1', name: 'my preset' }]);
    // derived data goes with the source; the rollups' calendar is no source's and stays
    expect(db.prepare('SELECT COUNT(*) AS n FROM summary_cells').get()).toEqual({ n: 0 });
    expect((db.prepare('SELECT COUNT(*) AS n FROM summary_days').get() as { n: number }).n).toBeGreaterThan(30_000);
    db.close();
  });

  it('a source change never touches the presets, layouts or workspace state, and each source sees its own', async () => {
    const { db } = await filledCache(1, 1);
    adoptIdentity(db, 'demo:seed=1', silentLog);
    // the key the workspace reads its source from is the one adoptIdentity writes
    expect(db.prepare('SELECT value FROM sync_cursors WHERE name = ?').pluck().get(SOURCE_IDENTITY_KEY)).toBe('demo:seed=1');
    const mine = WORKSPACE_WRITE_API.presetCreate(db, null, { name: 'Mine', filter: { conditions: [] }, sort: null }, 1);
    const layout = WORKSPACE_WRITE_API.layoutCreate(db, null, { name: 'Wide', columns: [{ id: 'id', visible: true }] }, 1).layouts[0]!;
    WORKSPACE_WRITE_API.workspaceSetState(db, null, { presetId: `user:${mine.presets[0]!.id}`, layoutId: layout.id });
    // and a queued action: the outbox, its batch and the dialog's base are the user's too
    const active = db.prepare('SELECT id FROM dialogs WHERE status_code < 60 LIMIT 1').pluck().get() as number;
    // the audit's actor for the source, as the outbox records it when it starts; the enqueue's triggers audit it
    setAuditActor(db, 'demo:seed=1', 'demo #1');
    enqueueActions(db, 'demo:seed=1', [active], { kind: 'pin', pinned: true }, 1);
    const dump = () => USER_OWNED_TABLES.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    const before = dump();
    expect(before.every((rows) => rows.length > 0)).toBe(true);
    adoptIdentity(db, 'another-source', silentLog);
    expect(dump()).toEqual(before);
    expect(WORKSPACE_READ_API.workspace(db, null)).toMatchObject({ presets: [], layouts: [], state: { presetId: null, layoutId: null } });
    adoptIdentity(db, 'demo:seed=1', silentLog);
    expect(WORKSPACE_READ_API.workspace(db, null).presets.map((p) => p.name)).toEqual(['Mine']);
    expect(WORKSPACE_READ_API.workspace(db, null).state.layoutId).toBe(layout.id);
    db.close();
  });
});
