/**
 * The numeric session STATUS (spec §3.1) a portal would hold for a session:
 * the metrics engine's status detail of the whole demo timeline (a portal
 * knows everything, the wire shows a part), as a Bitrix24 code.
 */
import { computeDialog } from '../app/metrics/engine.ts';
import { STATUS_CODE } from '../../shared/domain/status.ts';
import type { SessionRecord } from './state.ts';

export const STATUS_SPAM = 65;
export const STATUS_CLOSE = 60;
/** im.recent.get keeps an ended chat this long (spec §5.9, wire.ts) */
export const RECENT_WINDOW_MS = 7 * 24 * 3600 * 1000;

export function endEntry(record: SessionRecord) {
  return record.entries.find((e) => e.kind === 'closed' || e.kind === 'spam') ?? null;
}

export function statusCode(record: SessionRecord): number {
  const end = endEntry(record);
  if (end) return end.kind === 'spam' ? STATUS_SPAM : STATUS_CLOSE;
  const computed = computeDialog({ id: record.snapshot.id, direction: record.snapshot.direction, entries: record.entries });
  return STATUS_CODE[computed.statusDetail];
}
