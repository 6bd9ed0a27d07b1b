/**
 * The history pane's own search field: "n of m", previous / next buttons,
 * Enter for the next match and Shift+Enter for the previous one, Esc clears
 * a filled field (an empty one lets Esc close the pane, as everywhere).
 */
import type { Translator } from '../../i18n/index.ts';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  /** the current match's index, -1 for none */
  current: number;
  total: number;
  onStep: (direction: 1 | -1) => void;
  tr: Translator;
}

export function HistorySearch({ query, onQuery, current, total, onStep, tr }: Props) {
  const { t } = tr;
  const searching = query.trim() !== '';
  const status = !searching ? '' : total === 0 ? t('history.search.none') : t('history.search.count', { n: current + 1, m: total });
  return (
    <div className="ols-history-search" role="search" data-testid="history-search">
      <input
        type="search"
        className="ols-input"
        value={query}
        placeholder={t('history.search.placeholder')}
        aria-label={t('history.search.label')}
        aria-keyshortcuts="Enter Shift+Enter Escape"
        title={t('history.search.hint')}
        data-history-search=""
        data-testid="history-search-input"
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onStep(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape' && query !== '') {
            event.preventDefault();
            onQuery('');
          }
        }}
      />
      <output className="ols-history-search-count" data-testid="history-search-count" aria-live="polite">
        {status}
      </output>
      <button type="button" className="ols-button ols-icon-button" aria-label={t('history.search.previous')} title={t('history.search.previous')} disabled={total === 0} data-testid="history-search-prev" onClick={() => onStep(-1)}>
        <span aria-hidden="true">↑</span>
      </button>
      <button type="button" className="ols-button ols-icon-button" aria-label={t('history.search.next')} title={t('history.search.next')} disabled={total === 0} data-testid="history-search-next" onClick={() => onStep(1)}>
        <span aria-hidden="true">↓</span>
      </button>
    </div>
  );
}
