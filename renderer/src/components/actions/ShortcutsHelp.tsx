/** The ? key's list of every keyboard shortcut of the dialog list, in the UI language. */
import { useEffect, useRef } from 'react';
import { TRIAGE_SHORTCUTS } from '../../grid/triage-keys.ts';
import { useT } from '../../store/app.ts';
import { useActionsStore } from '../../store/actions.ts';

export function ShortcutsHelp() {
  const { t } = useT();
  const open = useActionsStore((s) => s.helpOpen);
  const setHelp = useActionsStore((s) => s.setHelp);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const node = ref.current;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' || event.key === '?') {
        event.stopPropagation();
        setHelp(false);
      }
    };
    node?.addEventListener('keydown', onKey);
    return () => node?.removeEventListener('keydown', onKey);
  }, [open, setHelp]);
  if (!open) return null;
  return (
    <div className="ols-modal-backdrop">
      <div className="ols-modal" role="dialog" aria-modal="true" aria-labelledby="ols-shortcuts-title" ref={ref} data-testid="shortcuts-help">
        <h2 id="ols-shortcuts-title" className="ols-popover-title">
          {t('actions.shortcutsTitle')}
        </h2>
        <table className="ols-table">
          <tbody>
            {TRIAGE_SHORTCUTS.map(([key, what]) => (
              <tr key={key}>
                <th scope="row">
                  <kbd>{key}</kbd>
                </th>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="ols-popover-actions">
          <button type="button" className="ols-button ols-button--primary" onClick={() => setHelp(false)}>
            {t('actions.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
