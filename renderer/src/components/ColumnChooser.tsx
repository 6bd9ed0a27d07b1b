/**
 * ⚙: tick columns, pin them to the left, Apply (spec §1.2). Edits a draft so
 * Cancel leaves the grid alone; Apply hands the new state to the grid store,
 * which saves it and has the grid apply it. Order and widths are kept; only
 * visibility and pinning change here (a header can also be dragged into the
 * pinned area; the grid keeps that too).
 */
import { useDismiss } from './use-dismiss.ts';
import { useRef, useState } from 'react';
import type { ColumnStateEntry } from '../../../shared/ipc/contract.ts';
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { defaultEntries } from '../grid/column-state.ts';

export function ColumnChooser() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ColumnStateEntry[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);

  const show = (): void => {
    setDraft(useGridStore.getState().columns);
    setOpen(true);
  };
  const apply = (): void => {
    useGridStore.getState().applyColumns(draft);
    setOpen(false);
  };

  // Escape and a click outside close it, like any popover.
  useDismiss(open, () => setOpen(false), rootRef);

  const toggle = (id: ColumnStateEntry['id'], visible: boolean): void =>
    setDraft((entries) => entries.map((e) => (e.id === id ? { ...e, visible } : e)));
  const togglePin = (id: ColumnStateEntry['id']): void =>
    setDraft((entries) => entries.map((e) => (e.id === id ? { ...e, pinned: e.pinned ? null : 'left' } : e)));

  const visibleCount = draft.filter((e) => e.visible).length;

  return (
    <div className="ols-popover-anchor" ref={rootRef}>
      <button
        type="button"
        className="ols-button ols-icon-button"
        aria-label={t('toolbar.columns')}
        title={t('toolbar.columns')}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="column-chooser-button"
        onClick={() => (open ? setOpen(false) : show())}
      >
        <span aria-hidden="true">⚙</span>
      </button>
      {open && (
        <div className="ols-popover ols-chooser" role="dialog" aria-label={t('chooser.title')} data-testid="column-chooser">
          <h2 className="ols-popover-title">{t('chooser.title')}</h2>
          <ul className="ols-chooser-list">
            {draft.map((entry) => (
              <li key={entry.id}>
                <label>
                  <input
                    type="checkbox"
                    name={entry.id}
                    checked={entry.visible}
                    // keep at least one column: an empty grid cannot be fixed from the grid
                    disabled={entry.visible && visibleCount === 1}
                    onChange={(e) => toggle(entry.id, e.target.checked)}
                  />
                  {t(`column.${entry.id}`)}
                </label>
                <button
                  type="button"
                  className="ols-chooser-pin"
                  aria-pressed={!!entry.pinned}
                  aria-label={t('chooser.pin', { column: t(`column.${entry.id}`) })}
                  title={t('chooser.pin', { column: t(`column.${entry.id}`) })}
                  data-testid={`column-pin-${entry.id}`}
                  onClick={() => togglePin(entry.id)}
                >
                  <span aria-hidden="true">📌</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="ols-popover-actions">
            <button type="button" className="ols-button" onClick={() => setDraft(defaultEntries())}>
              {t('chooser.reset')}
            </button>
            <span className="ols-spacer" />
            <button type="button" className="ols-button" onClick={() => setOpen(false)}>
              {t('chooser.cancel')}
            </button>
            <button type="button" className="ols-button ols-button--primary" data-testid="column-chooser-apply" onClick={apply}>
              {t('chooser.apply')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
