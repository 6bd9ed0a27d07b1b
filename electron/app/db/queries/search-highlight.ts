/** The history pane's highlights: where the quick search matches each message (search-query.ts highlightRanges). */
import type { HistoryEntry } from '../../../../shared/domain/dialog.ts';
import { highlightRanges, parseSearch } from './search-query.ts';

export function withHighlights(entries: HistoryEntry[], search: string | undefined): Array<HistoryEntry & { highlights?: Array<[number, number]> }> {
  const parsed = parseSearch(search);
  if (!parsed) return entries;
  return entries.map((entry) => {
    const highlights = entry.kind === 'message' ? highlightRanges(entry.text, parsed) : [];
    return highlights.length ? { ...entry, highlights } : entry;
  });
}
