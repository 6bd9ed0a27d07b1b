/**
 * The summary charts' counts (issue 8, point 6): every rollup cell gains `t`,
 * its dialogs per local hour and per local day of creation, kept by the same
 * triggers as its histograms, so the charts of a preset at a million
 * dialogs are read from the cells the summary reads anyway (docs/metrics.md
 * "Charts"). The rollups are derived data: re-installed and refilled from
 * `dialogs` in one pass, nothing lost.
 */
import type { Migration } from './index.ts';
import { installSummaryRollups } from '../queries/rollup-rebuild.ts';

export const migration0007: Migration = {
  version: 7,
  name: '0007-chart-rollups',
  up(db) {
    installSummaryRollups(db);
  },
};
