/**
 * The virtual list's rows: each history entry, plus a day line where a new
 * day starts (bubbles show times only). The list scrolls by row; a search
 * match names an entry, so rowOfEntry maps one to the other.
 */

export type HistoryRow = { kind: 'day'; at: number; key: string } | { kind: 'entry'; entry: number; key: string };

export interface HistoryRows {
  rows: HistoryRow[];
  /** the row index of each entry */
  rowOfEntry: number[];
}

/** `dayOf` names a timestamp's calendar day in the viewer's time zone. */
export function historyRows(entries: ReadonlyArray<{ seq: number; at: number }>, dayOf: (ms: number) => string): HistoryRows {
  const rows: HistoryRow[] = [];
  const rowOfEntry: number[] = [];
  let day: string | null = null;
  entries.forEach((entry, index) => {
    const thisDay = dayOf(entry.at);
    if (thisDay !== day) {
      rows.push({ kind: 'day', at: entry.at, key: `day-${entry.seq}` });
      day = thisDay;
    }
    rowOfEntry.push(rows.length);
    rows.push({ kind: 'entry', entry: index, key: `seq-${entry.seq}` });
  });
  return { rows, rowOfEntry };
}

export const localDay = (ms: number): string => new Date(ms).toDateString();
