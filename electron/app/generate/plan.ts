/**
 * The demo world a generated cache belongs to: a history of about N dialogs,
 * a year of it for a large N (at most 365 days, at least the 220 dialogs a
 * day of the default demo), ending now. Its arrivals are random, and a new
 * rate draws a new realisation, so a few corrected rates are counted (cheap:
 * no dialog is planned) and the closest kept: within a thousandth of N or
 * about √N, whichever is more.
 */
import { countHistory } from '../backends/demo/history.ts';
import type { WorldSpec } from '../backends/demo/simulator.ts';
import { BUSY_TAIL, LIVE_MEAN_GAP, MAX_LIVE_GAP } from '../backends/demo/timebase.ts';

const DEFAULT_PER_DAY = 220;
const MAX_DAYS = 365;
/** the busy 40 minutes before the anchor, at the live pace (gaps cut at MAX_LIVE_GAP): a first guess */
const TAIL_DIALOGS = BUSY_TAIL / (LIVE_MEAN_GAP * (1 - Math.exp(-MAX_LIVE_GAP / LIVE_MEAN_GAP)));

export const MIN_GENERATED_DIALOGS = 1000;

export function planGeneratedWorld(seed: number, dialogs: number, anchor: number): { spec: WorldSpec; count: number } {
  const historyDays = Math.min(MAX_DAYS, Math.max(1, Math.round(dialogs / DEFAULT_PER_DAY)));
  const wanted = Math.max(1, dialogs - TAIL_DIALOGS);
  const specAt = (dialogsPerDay: number): WorldSpec => ({
    seed,
    anchor,
    historyDays,
    dialogsPerDay,
    // set once the history is written: the first dialog still running at the anchor
    cacheOnlyBelow: 0,
    segments: [{ wall: anchor, sim: anchor, speed: 1, live: true }],
  });
  let spec = specAt(wanted / historyDays);
  let counted = countHistory(spec);
  let best = { spec, count: counted.count };
  for (let pass = 0; pass < 6 && Math.abs(best.count - dialogs) > dialogs / 1000; pass++) {
    // the busy tail does not scale with the rate: correct the rest
    const history = Math.max(1, counted.count - counted.busy);
    spec = specAt(spec.dialogsPerDay * (Math.max(1, dialogs - counted.busy) / history));
    counted = countHistory(spec);
    if (Math.abs(counted.count - dialogs) < Math.abs(best.count - dialogs)) best = { spec, count: counted.count };
  }
  return best;
}
