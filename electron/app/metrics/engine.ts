/**
 * The metrics engine: pure functions from a dialog's timeline to its
 * statuses, dates and metrics (docs/metrics.md). No I/O, so the same code
 * runs in the main process, in the sync worker and in `npm run metrics`.
 */
export { computeDialog } from './compute.ts';
export { explainDialog } from './explain.ts';
export { parseTimelineFile, TimelineInputError } from './parse.ts';
export { toTimelineOutput, type TimelineOutput } from './output.ts';
export { METRIC_ENGINE_VERSION } from './version.ts';
export { parseIsoInstant } from './iso-time.ts';
