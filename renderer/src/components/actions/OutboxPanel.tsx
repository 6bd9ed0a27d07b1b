/** The queue: recent actions with their state; one not yet sent can be cancelled. */
import { useAppStore, useT } from '../../store/app.ts';
import { useActionsStore } from '../../store/actions.ts';
import { formatDateTime } from '../../grid/format.ts';
import type { MessageKey } from '../../i18n/index.ts';

export function OutboxPanel() {
  const { t, locale } = useT();
  const entries = useActionsStore((s) => s.entries);
  const sender = useActionsStore((s) => s.sender);
  const cancelEntry = useActionsStore((s) => s.cancelEntry);
  const toggleQueue = useActionsStore((s) => s.toggleQueue);
  const reference = useAppStore((s) => s.reference);
  const word = (key: string) => t(`actions.${key}` as MessageKey);

  const describe = (action: (typeof entries)[number]['action']): string => {
    if (action.kind === 'transfer') {
      return 'toOperatorId' in action
        ? t('actions.transferToOperator', { name: reference.operators.get(action.toOperatorId) ?? `#${action.toOperatorId}` })
        : t('actions.transferToLine', { name: reference.lines.get(action.toLineId) ?? `#${action.toLineId}` });
    }
    if (action.kind === 'vote') return t('actions.rateVerb', { rating: action.rating });
    if (action.kind === 'pin') return word(action.pinned ? 'pinVerb' : 'unpinVerb');
    if (action.kind === 'intercept') return word('interceptVerb');
    return word(action.kind === 'finish' ? 'finishVerb' : 'spamVerb');
  };

  return (
    <section id="ols-outbox-panel" className="ols-outbox" aria-label={t('actions.queueTitle')} data-testid="outbox-panel">
      <header className="ols-outbox-head">
        <h2 className="ols-popover-title">{t('actions.queueTitle')}</h2>
        {sender?.state === 'offline' && (
          <p className="ols-outbox-offline" role="status" data-testid="outbox-offline">
            {t('actions.offlineNote')}
          </p>
        )}
        <button type="button" className="ols-button ols-button--small" onClick={toggleQueue} aria-label={t('actions.closeQueue')}>
          ×
        </button>
      </header>
      {entries.length === 0 ? (
        <p className="ols-muted">{t('actions.queueEmpty')}</p>
      ) : (
        <table className="ols-table" data-testid="outbox-entries">
          <thead>
            <tr>
              <th scope="col">{t('actions.colDialog')}</th>
              <th scope="col">{t('actions.colAction')}</th>
              <th scope="col">{t('actions.colResult')}</th>
              <th scope="col">{t('actions.colTime')}</th>
              <th scope="col">
                <span className="ols-visually-hidden">{t('actions.cancelAction')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="outbox-entry" data-state={e.state} data-dialog={e.dialogId}>
                <td>{e.dialogId}</td>
                <td>{describe(e.action)}</td>
                <td title={e.error ? `${e.error.code}: ${e.error.message}` : undefined}>
                  {word(`state.${e.state}`)}
                  {e.state === 'failed' && e.error ? ` — ${word(`reason.${e.error.reason}`)}` : ''}
                </td>
                <td>{formatDateTime(e.settledAt ?? e.createdAt, locale)}</td>
                <td>
                  {e.state === 'pending' && (
                    <button
                      type="button"
                      className="ols-button ols-button--small"
                      aria-label={t('actions.cancelFor', { id: e.dialogId })}
                      onClick={() => void cancelEntry(e.id)}
                      data-testid="outbox-cancel"
                    >
                      {t('actions.cancelAction')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
