/**
 * How fast the history loads and when it will be done, from the sync
 * statuses seen over the last minute: the same figures for `npm run sync`'s
 * progress line and the console's status bar. A Bitrix24 portal answers
 * about two requests a second, so a year of a busy line takes hours to load:
 * the supervisor needs the rate and the time left, not a bare percentage.
 */

export interface PaceSample {
  /** epoch ms when the status was seen */
  at: number;
  dialogs: number;
}

export interface SyncPace {
  /** dialogs stored per second over the window; null until a second has passed */
  perSecond: number | null;
  /** seconds until the backfill ends at that rate; null when it cannot be told */
  secondsLeft: number | null;
}

/** Samples older than this drop out of the window. */
export const PACE_WINDOW_MS = 60_000;

/** The window after adding a sample: oldest first, at most a minute long. */
export function addPaceSample(samples: readonly PaceSample[], sample: PaceSample): PaceSample[] {
  // a cache switched or rebuilt counts down: the old samples describe another load
  const kept = samples.filter((s) => s.at >= sample.at - PACE_WINDOW_MS && s.at <= sample.at && s.dialogs <= sample.dialogs);
  return [...kept, sample];
}

export function syncPace(status: { phase: string; progress: number; dialogs: number }, samples: readonly PaceSample[]): SyncPace {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at - first.at < 1000) return { perSecond: null, secondsLeft: null };
  const perSecond = ((last.dialogs - first.dialogs) * 1000) / (last.at - first.at);
  const loading = status.phase === 'backfill' && status.progress > 0 && status.progress < 1;
  const secondsLeft = loading && perSecond > 0 ? (status.dialogs / status.progress - status.dialogs) / perSecond : null;
  return { perSecond, secondsLeft };
}
