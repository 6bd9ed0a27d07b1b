/**
 * The history as a virtual list (@tanstack/react-virtual): only the rows in
 * view (plus a few) are in the DOM, each measured as it renders, so a
 * 10,000-message dialog opens at once and bubbles of any height scroll
 * smoothly. The list is its own scroll container; the parent asks it to
 * bring an entry into view (a search match) through `scrollToEntry`.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Reference } from '../../store/app.ts';
import type { Translator } from '../../i18n/index.ts';
import { formatDate } from '../../grid/format.ts';
import { authorOf, EventLine, MessageBubble, type Entry, type MarkRange } from './HistoryEntryView.tsx';
import type { HistoryRows } from './history-rows.ts';

export interface HistoryListHandle {
  scrollToEntry(entry: number): void;
}

interface Props {
  entries: readonly Entry[];
  layout: HistoryRows;
  /** the pane search's ranges per entry; null while the pane search is empty (the quick search's marks show then) */
  ranges: Map<number, MarkRange[]> | null;
  current: number;
  tr: Translator;
  reference: Reference;
  handle: Ref<HistoryListHandle>;
}

// first guesses only: every row is measured once rendered
const ESTIMATE = { day: 22, event: 20, message: 58 } as const;

export function HistoryList({ entries, layout, ranges, current, tr, reference, handle }: Props) {
  const { t, locale } = tr;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, rowOfEntry } = layout;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => {
      const row = rows[index]!;
      if (row.kind === 'day') return ESTIMATE.day;
      return entries[row.entry]!.kind === 'message' ? ESTIMATE.message : ESTIMATE.event;
    },
    getItemKey: (index) => rows[index]!.key,
    overscan: 6,
    gap: 8,
  });

  useImperativeHandle(handle, () => ({
    scrollToEntry(entry: number) {
      const row = rowOfEntry[entry];
      if (row !== undefined) virtualizer.scrollToIndex(row, { align: 'center' });
    },
  }), [rowOfEntry, virtualizer]);

  // another dialog (or a reload that changed the rows' keys) starts from the top
  const firstKey = rows[0]?.key;
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [firstKey]);

  return (
    <div
      className="ols-history-scroll"
      data-testid="history-scroll"
      ref={scrollRef}
      // a keyboard user scrolls the history with the arrows and Page keys
      tabIndex={0}
      role="region"
      aria-label={t('history.listLabel', { count: entries.length })}
    >
      <ol className="ols-chat ols-chat--virtual" data-testid="history-list" data-count={entries.length} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const style = { transform: `translateY(${item.start}px)` };
          if (row.kind === 'day') {
            return (
              <li key={item.key} className="ols-history-row ols-history-row--day" data-index={item.index} ref={virtualizer.measureElement} style={style} aria-hidden="true">
                <span className="ols-day">{formatDate(row.at, locale)}</span>
              </li>
            );
          }
          const entry = entries[row.entry]!;
          const isMessage = entry.kind === 'message';
          return (
            <li
              key={item.key}
              className={`ols-history-row ols-history-row--${isMessage ? authorOf(entry) : 'event'}`}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={style}
              data-testid="history-entry"
              data-seq={entry.seq}
              data-kind={entry.kind}
              data-author={isMessage ? authorOf(entry) : undefined}
              data-hidden={entry.hidden || undefined}
            >
              {isMessage ? (
                <MessageBubble entry={entry} ranges={ranges ? (ranges.get(row.entry) ?? []) : undefined} current={current} tr={tr} />
              ) : (
                <EventLine entry={entry} tr={tr} reference={reference} />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
