/**
 * Applies one pulled batch in one transaction: snapshot and timeline upserts,
 * then each touched dialog is recomputed from its whole stored timeline (only
 * that dialog: the engine is per-dialog and pure). The cursor is written in
 * the same transaction, so a crash leaves either the whole batch or none of it.
 */
import { STATUS_CODE } from '../../../shared/domain/status.ts';
import type { DialogChange } from '../backends/backend.ts';
import type { WritableDB } from '../db/connection.ts';
import { dialogExists, upsertDialog } from '../db/queries/dialog-write.ts';
import { lineName, operatorName, upsertClient } from '../db/queries/reference.ts';
import { readCursor, writeCursor } from '../db/queries/sync-state.ts';
import { refreshSearchDocs } from '../db/queries/search-index.ts';
import { deleteTimeline, readTimelineEntries, upsertTimelineEntry } from '../db/queries/timeline.ts';
import { hasOpenActions, overlayAfterSync } from '../db/queries/outbox.ts';
import { IDENTITY_KEY } from '../db/queries/cache-identity.ts';
import { computeDialog, METRIC_ENGINE_VERSION } from '../metrics/engine.ts';
import type { Logger } from '../ipc/dispatch.ts';

export const CHANGES_CURSOR = 'changes';

export interface AppliedChanges {
  inserted: number[];
  updated: number[];
}

export function applyChanges(db: WritableDB, changes: DialogChange[], cursor: string | null, log: Logger): AppliedChanges {
  const applied: AppliedChanges = { inserted: [], updated: [] };
  db.transaction(() => {
    // the outbox is keyed by the source the cache holds (cache-identity.ts writes it)
    const source = readCursor(db, IDENTITY_KEY) ?? '';
    // almost always nothing is queued: then a backfill of a million dialogs pays one lookup, not one per dialog
    const overlays = hasOpenActions(db, source);
    for (const change of changes) {
      const { dialog } = change;
      const isNew = !dialogExists(db, dialog.id);
      if (change.replaceTimeline) deleteTimeline(db, dialog.id);
      for (const entry of change.entries) upsertTimelineEntry(db, dialog.id, entry);
      const computed = computeDialog({
        id: dialog.id,
        direction: dialog.direction,
        entries: readTimelineEntries(db, dialog.id),
      });
      const derivedCode = STATUS_CODE[computed.statusDetail];
      if (dialog.reportedStatusCode !== null && dialog.reportedStatusCode !== derivedCode) {
        log.info(
          `[sync] dialog ${dialog.id}: backend reports status ${dialog.reportedStatusCode}, timeline gives ${derivedCode}; showing the reported one`,
        );
      }
      const operatorId = dialog.operatorId ?? computed.operatorId;
      upsertClient(db, dialog.clientId, dialog.clientName);
      upsertDialog(db, {
        snapshot: dialog,
        computed,
        lineName: lineName(db, dialog.lineId) ?? `#${dialog.lineId}`,
        operatorId,
        operatorName: operatorId === null ? null : (operatorName(db, operatorId) ?? `#${operatorId}`),
        metricsVersion: METRIC_ENGINE_VERSION,
      });
      // the source's fresh values are the base its unsettled actions are shown over, until they settle
      if (overlays) overlayAfterSync(db, source, dialog.id);
      (isNew ? applied.inserted : applied.updated).push(dialog.id);
    }
    // the quick-search documents of every dialog the batch touched, once per batch (search-index.ts)
    refreshSearchDocs(db, [...applied.inserted, ...applied.updated]);
    if (cursor !== null) writeCursor(db, CHANGES_CURSOR, cursor);
  })();
  return applied;
}
