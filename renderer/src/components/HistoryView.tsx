/**
 * A dialog's history in the side pane: a header, the pane's own search and
 * the entries as a virtual list (components/history/). The whole timeline
 * comes in one `dialogs:history` answer, read on a reader worker: measured
 * at 10,000 messages it is ~30 ms of SQL and ~4 MB, so it is cheaper than
 * paging and lets the search run here on every keystroke.
 *
 * Two kinds of marks: where the grid's quick search (THE filter's `search`)
 * matches, the services say so (`highlights`, folded as the index folds);
 * once something is typed in the pane's field, its matches take over.
 * Reading a history never acts on the dialog: the channel is a read.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { call } from '../ipc.ts';
import { useAppStore, useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import type { Translator } from '../i18n/index.ts';
import { formatDateTime } from '../grid/format.ts';
import { badgeTone } from './cells.tsx';
import { useDialogQuery } from './useDialogQuery.ts';
import { HistoryList, type HistoryListHandle } from './history/HistoryList.tsx';
import { HistorySearch } from './history/HistorySearch.tsx';
import { findMatches, foldTexts, matchesByEntry, stepMatch } from './history/history-search.ts';
import { historyRows, localDay } from './history/history-rows.ts';
import './history/history.css';

function Header({ dialog, tr }: { dialog: DialogListItem; tr: Translator }) {
  const { t, locale } = tr;
  const status = dialog.statusDetail === 'unknown' ? t('statusDetail.unknown', { code: dialog.statusCode }) : t(`statusDetail.${dialog.statusDetail}`);
  return (
    <div className="ols-history-head">
      <div>
        <strong>{dialog.client}</strong> · {dialog.line}
      </div>
      <div className="ols-muted">
        {t('column.operator')}: {dialog.operator ?? t('value.none')} · {t('column.createdAt')}:{' '}
        {formatDateTime(dialog.createdAt, locale) ?? t('value.none')}
      </div>
      <span className={`ols-badge ols-badge--${badgeTone(dialog, 'statusDetail')}`}>{status}</span>
    </div>
  );
}

export function HistoryView({ id }: { id: number }) {
  const tr = useT();
  const { t } = tr;
  const reference = useAppStore((s) => s.reference);
  const search = useGridStore((s) => s.filter.search?.trim() ?? '');
  // a new quick search loads the history again, with its highlights
  const loadHistory = useCallback((dialog: number) => call('dialogs:history', search ? { id: dialog, search } : { id: dialog }), [search]);
  const { data, error, loading } = useDialogQuery(id, loadHistory);

  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  // typing stays responsive on a long history: the search re-runs at React's pace, not per key
  const deferredQuery = useDeferredValue(query);
  const listRef = useRef<HistoryListHandle>(null);

  const entries = useMemo(() => data?.entries ?? [], [data]);
  const layout = useMemo(() => historyRows(entries, localDay), [entries]);
  const paneSearching = deferredQuery.trim() !== '';
  // folded once per history, and only once the pane's search is used
  const folded = useMemo(() => (paneSearching ? foldTexts(entries.map((e) => (e.kind === 'message' ? e.text : null))) : []), [entries, paneSearching]);
  const matches = useMemo(() => findMatches(folded, deferredQuery), [folded, deferredQuery]);
  const ranges = useMemo(() => (paneSearching ? matchesByEntry(matches) : null), [matches, paneSearching]);

  // a new search starts at its first match; a reload (same search) keeps the place when it can
  const searchedRef = useRef('');
  useEffect(() => {
    const sameSearch = searchedRef.current === deferredQuery;
    searchedRef.current = deferredQuery;
    setCurrent((c) => (matches.length === 0 ? -1 : sameSearch && c >= 0 && c < matches.length ? c : 0));
  }, [matches, deferredQuery]);

  // bring the current match into view
  const target = current >= 0 ? matches[current]?.entry : undefined;
  useEffect(() => {
    if (target !== undefined) listRef.current?.scrollToEntry(target);
  }, [target, current]);

  // with a quick search and no pane search, open where its first mark is
  const firstHighlighted = useMemo(() => entries.findIndex((e) => e.highlights?.length), [entries]);
  useEffect(() => {
    if (firstHighlighted > 0 && !paneSearching) listRef.current?.scrollToEntry(firstHighlighted);
  }, [firstHighlighted, paneSearching]);

  // another dialog: its own search
  useEffect(() => {
    setQuery('');
    setCurrent(-1);
  }, [id]);

  const step = (direction: 1 | -1): void => {
    const next = stepMatch(current, matches.length, direction);
    setCurrent(next);
    // the same match again (only one): scroll to it anyway
    if (next === current && next >= 0) listRef.current?.scrollToEntry(matches[next]!.entry);
  };

  return (
    <section className="ols-history" data-testid="history-view" aria-busy={loading}>
      {loading && !data && <p className="ols-muted">{t('pane.loading')}</p>}
      {error && (
        <p className="ols-error" role="alert">
          {t('pane.error', { message: error })}
        </p>
      )}
      {data && (
        <>
          <Header dialog={data.dialog} tr={tr} />
          <HistorySearch query={query} onQuery={setQuery} current={current} total={paneSearching ? matches.length : 0} onStep={step} tr={tr} />
          {entries.length === 0 ? (
            <p className="ols-muted">{t('history.empty')}</p>
          ) : (
            <HistoryList entries={entries} layout={layout} ranges={ranges} current={current} tr={tr} reference={reference} handle={listRef} />
          )}
        </>
      )}
    </section>
  );
}
