/**
 * Summary rollups (issue 7, point 7): per local day, dekad, month and all
 * time × status × spam × line × operator, the count, the maximum and a
 * histogram of every metric over the settled dialogs, kept in step by
 * triggers on `dialogs`, plus a partial index over the live (unsettled)
 * dialogs the summary reads row by row. An existing cache is filled here in
 * one pass. The design: electron/app/db/queries/rollup-schema.ts (and
 * rollup-rebuild.ts for the fill) and
 * docs/metrics.md "Aggregates".
 */
import type { Migration } from './index.ts';
import { installSummaryRollups } from '../queries/rollup-rebuild.ts';

export const migration0004: Migration = {
  version: 4,
  name: '0004-summary-rollups',
  up(db) {
    installSummaryRollups(db);
  },
};
