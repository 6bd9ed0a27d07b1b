/**
 * The quick search box (spec §5): dialog number, client name and message
 * text. Typing is debounced, then written into THE filter's `search` (the
 * grid reloads; the summary, export and the history pane read it there);
 * beside it, whether matches come by relevance or in the grid's sort.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { useSearchStore } from '../store/search.ts';

/** long enough to let a word be typed, short enough to feel live */
export const SEARCH_DEBOUNCE_MS = 300;

export function QuickSearch() {
  const { t } = useT();
  const stored = useGridStore((s) => s.filter.search ?? '');
  const rank = useSearchStore((s) => s.rank);
  const setRank = useSearchStore((s) => s.setRank);
  const [text, setText] = useState(stored);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // a preset or "clear" replaces the filter: show its search, unless this box is mid-edit towards it
  useEffect(() => {
    if (!timer.current) setText(stored);
  }, [stored]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const commit = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { filter } = useGridStore.getState();
    const search = value.trim();
    if ((filter.search ?? '') === search) return;
    const { search: _old, ...rest } = filter;
    void _old;
    // the filter is now the user's own edit, no longer the preset it came from
    useGridStore.getState().setFilter(search ? { ...rest, search } : rest, null);
  };

  const onChange = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(value), SEARCH_DEBOUNCE_MS);
  };

  return (
    <div className="ols-quick-search" role="search" data-testid="quick-search" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <input
        type="search"
        className="ols-input"
        value={text}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        title={t('search.hint')}
        maxLength={500}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
          else if (e.key === 'Escape' && text) {
            // Esc empties the box first; a second Esc is left to the page (the side pane closes)
            e.stopPropagation();
            setText('');
            commit('');
          }
        }}
        style={{ width: 220 }}
      />
      <div className="ols-segmented" role="group" aria-label={t('search.order')} data-testid="search-order">
        {(['sort', 'relevance'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={rank === value} onClick={() => setRank(value)} title={t(`search.order.${value}.hint`)}>
            {t(`search.order.${value}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
