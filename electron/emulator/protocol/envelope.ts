/** The `time` block every answer carries (spec §1.2); `operating` and `operating_reset_at` come from operating.ts. */
import type { WireTime } from '../../app/backends/bitrix24/wire.ts';
import { wireTime } from '../render/time.ts';

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
  };
}
