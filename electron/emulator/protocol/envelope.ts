/** The `time` block every answer carries (spec §1.2). */
import type { WireTime } from '../../app/backends/bitrix24/wire.ts';
import { wireTime } from '../render/time.ts';

/** The operating budget window (spec §1.4): 10 one-minute buckets. */
const OPERATING_WINDOW_S = 600;

export function timeBlock(startMs: number, finishMs: number): WireTime {
  const start = startMs / 1000;
  const finish = finishMs / 1000;
  return {
    start,
    finish,
    duration: finish - start,
    processing: finish - start,
    date_start: wireTime(startMs),
    date_finish: wireTime(finishMs),
    operating_reset_at: Math.floor(start) + OPERATING_WINDOW_S,
    operating: 0,
  };
}
