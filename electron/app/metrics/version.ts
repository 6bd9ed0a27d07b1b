/**
 * Version of the metric definitions. The cache stores it beside each
 * computed dialog and recomputes every dialog whose version differs, so bump
 * it whenever a status, date or metric can come out differently.
 */
export const METRIC_ENGINE_VERSION = 1;
