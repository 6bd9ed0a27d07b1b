/**
 * Timeline order and duplicate removal. timeline.md orders entries by `at`,
 * then by position (`seq`), whatever order they arrive in. A backend that
 * pages through history can deliver the same event twice; an exact duplicate
 * (same instant, kind and fields, another seq) is counted once so that a
 * retried sync never changes a metric.
 */
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';

export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return a.at - b.at || a.seq - b.seq;
}

export interface OrderedEntries {
  /** distinct entries in timeline order */
  distinct: TimelineEntry[];
  /** later copies of an entry already in `distinct` */
  duplicates: TimelineEntry[];
}

export function orderEntries(entries: readonly TimelineEntry[]): OrderedEntries {
  const sorted = [...entries].sort(compareEntries);
  const seen = new Set<string>();
  const distinct: TimelineEntry[] = [];
  const duplicates: TimelineEntry[] = [];
  for (const entry of sorted) {
    const key = identityKey(entry);
    if (seen.has(key)) duplicates.push(entry);
    else {
      seen.add(key);
      distinct.push(entry);
    }
  }
  return { distinct, duplicates };
}

/** Everything but `seq`; an absent `hidden` means visible, as `hidden: false` does. */
function identityKey(entry: TimelineEntry): string {
  return JSON.stringify([
    entry.at,
    entry.kind,
    entry.author ?? null,
    entry.hidden === true,
    entry.operatorId ?? null,
    entry.toOperatorId ?? null,
    entry.toLineId ?? null,
    entry.rating ?? null,
    entry.text ?? null,
  ]);
}

/** Whole seconds from `start` to `stop`, rounded down, never negative (clock skew between systems). */
export function secondsBetween(startMs: number, stopMs: number): number {
  return Math.max(0, Math.floor((stopMs - startMs) / 1000));
}

export function isClientMessage(entry: TimelineEntry): boolean {
  return entry.kind === 'message' && entry.author === 'client';
}

/** Only operator messages the client can see count as replies (dialog-list.md §4). */
export function isOperatorReply(entry: TimelineEntry): boolean {
  return entry.kind === 'message' && entry.author === 'operator' && entry.hidden !== true;
}

export function isHiddenMessage(entry: TimelineEntry): boolean {
  return entry.kind === 'message' && entry.hidden === true;
}

export function isBotMessage(entry: TimelineEntry): boolean {
  return entry.kind === 'message' && entry.author === 'bot';
}
