/**
 * The Source dialog: the sources the console can read, each with Use and
 * Forget, and the form that connects a portal. Forget asks first, and offers
 * to delete the source's cache too (its dialogs and what was saved for it:
 * queue, presets, layouts) — left unticked, the file stays and reconnecting
 * the same portal later finds it. A native modal <dialog>:
 * focus stays inside while it is open, Esc closes it, and focus goes back
 * to the button that opened it.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SavedSource } from '../../../../shared/ipc/contract-sources.ts';
import { useT } from '../../store/app.ts';
import { useSourcesStore } from '../../store/sources.ts';
import { ConnectPortal } from './ConnectPortal.tsx';
import { SourcesErrorText } from './SourcesErrorText.tsx';

export function SourcesDialog({ returnFocus }: { returnFocus: RefObject<HTMLElement | null> }) {
  const { t } = useT();
  const { open, list, switching, error, hide, use, forget } = useSourcesStore();
  const dialogRef = useRef<HTMLDialogElement>(null);
  /** the source whose Forget is being confirmed, and whether its cache goes too */
  const [forgetting, setForgetting] = useState<{ id: string; deleteCache: boolean } | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) {
      dialog.close();
      returnFocus.current?.focus();
    }
  }, [open, returnFocus]);

  const name = (source: SavedSource) => `${t(`sources.kind.${source.kind}`)} ${source.label}`;

  return (
    <dialog
      ref={dialogRef}
      className="ols-modal ols-sources"
      aria-labelledby="ols-sources-title"
      data-testid="sources-dialog"
      // Esc: the browser would close the dialog behind React's back; let the store close it
      onCancel={(event) => {
        event.preventDefault();
        hide();
      }}
    >
      {open && (
        <>
          <h2 id="ols-sources-title" className="ols-popover-title">
            {t('sources.dialogTitle')}
          </h2>
          <section aria-labelledby="ols-sources-list-title">
            <h3 id="ols-sources-list-title">{t('sources.listTitle')}</h3>
            <ul className="ols-sources-list" data-testid="sources-list">
              {(list?.saved ?? []).map((source) => {
                const current = list?.current.id === source.id;
                return (
                  <li key={source.id} data-testid="source-item" data-source-id={source.id} data-current={current}>
                    <span className={`ols-backend-kind ols-backend-kind--${source.kind}`}>{t(`sources.kind.${source.kind}`)}</span>{' '}
                    <span>{source.label}</span>
                    {source.secretStorage && <span className="ols-muted"> · {t(`sources.secret.${source.secretStorage}`)}</span>}
                    {current ? (
                      <strong> · {t('sources.current')}</strong>
                    ) : (
                      <>
                        {' '}
                        <button type="button" className="ols-button ols-button--small" aria-label={t('sources.useLabel', { name: name(source) })} disabled={switching !== null} onClick={() => void use(source.id)}>
                          {switching === source.id ? t('sources.switching') : t('sources.use')}
                        </button>{' '}
                        <button
                          type="button"
                          className="ols-button ols-button--small"
                          aria-label={t('sources.forgetLabel', { name: name(source) })}
                          aria-expanded={forgetting?.id === source.id}
                          disabled={switching !== null}
                          onClick={() => setForgetting(forgetting?.id === source.id ? null : { id: source.id, deleteCache: false })}
                        >
                          {t('sources.forget')}
                        </button>
                        {forgetting?.id === source.id && (
                          <div className="ols-sources-forget" role="group" aria-label={t('sources.forgetConfirmLabel', { name: name(source) })} data-testid="source-forget-confirm">
                            <label>
                              <input
                                type="checkbox"
                                checked={forgetting.deleteCache}
                                onChange={(e) => setForgetting({ id: source.id, deleteCache: e.target.checked })}
                                data-testid="source-forget-delete-cache"
                              />{' '}
                              {t('sources.forgetDeleteCache')}
                            </label>{' '}
                            <button
                              type="button"
                              className="ols-button ols-button--small ols-button--danger"
                              data-testid="source-forget-confirm-button"
                              onClick={() => {
                                setForgetting(null);
                                void forget(source.id, forgetting.deleteCache);
                              }}
                            >
                              {forgetting.deleteCache ? t('sources.forgetAndDelete') : t('sources.forgetKeep')}
                            </button>{' '}
                            <button type="button" className="ols-button ols-button--small" onClick={() => setForgetting(null)}>
                              {t('sources.forgetCancel')}
                            </button>
                          </div>
                        )}
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
          {error && <SourcesErrorText error={error} />}
          <ConnectPortal />
          <div className="ols-popover-actions">
            <button type="button" className="ols-button" disabled={switching !== null} onClick={hide} data-testid="sources-close">
              {t('sources.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
