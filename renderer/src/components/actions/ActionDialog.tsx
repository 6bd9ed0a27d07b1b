/**
 * The one action flow: the preview before anything is queued (how many
 * dialogs, how many skipped and why), then the per-dialog report as the
 * outbox drains it (done / failed with the backend's reason / skipped),
 * exportable as CSV.
 */
import { useEffect, useRef } from 'react';
import type { DialogAction } from '../../../../shared/domain/actions.ts';
import { useAppStore, useT, type Reference } from '../../store/app.ts';
import { reportCsv, useActionsStore } from '../../store/actions.ts';
import { useCancelRestStore } from '../../store/audit.ts';
import type { MessageKey } from '../../i18n/index.ts';

function actionLabel(t: (key: MessageKey, params?: Record<string, string | number>) => string, action: DialogAction, names: Reference): string {
  switch (action.kind) {
    case 'finish':
      return t('actions.finishVerb');
    case 'spam':
      return t('actions.spamVerb');
    case 'transfer':
      return 'toOperatorId' in action
        ? t('actions.transferToOperator', { name: names.operators.get(action.toOperatorId) ?? `#${action.toOperatorId}` })
        : t('actions.transferToLine', { name: names.lines.get(action.toLineId) ?? `#${action.toLineId}` });
    case 'vote':
      return t('actions.rateVerb', { rating: action.rating });
    case 'pin':
      return t(action.pinned ? 'actions.pinVerb' : 'actions.unpinVerb');
    case 'intercept':
      return t('actions.interceptVerb');
  }
}

export function ActionDialog() {
  const { t, locale } = useT();
  const flow = useActionsStore((s) => s.flow);
  const confirm = useActionsStore((s) => s.confirm);
  const close = useActionsStore((s) => s.close);
  const reference = useAppStore((s) => s.reference);
  const cancelRest = useCancelRestStore();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!flow) return;
    dialogRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        close();
      }
    };
    const node = dialogRef.current;
    node?.addEventListener('keydown', onKey);
    return () => node?.removeEventListener('keydown', onKey);
  }, [flow?.phase, close, flow]);

  // while the report still waits on the backend, read it every second too: events are throttled and
  // may be missed across a reconnection, and a report that stops moving would look like a stall
  const refresh = useActionsStore((s) => s.refresh);
  const reportWaiting = flow?.phase === 'report' && (flow.report === null || flow.report.entries.some((e) => e.state === 'pending' || e.state === 'sending'));
  useEffect(() => {
    if (!reportWaiting) return;
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [reportWaiting, refresh]);

  if (!flow) return null;
  const n = (value: number) => value.toLocaleString(locale);
  const what = actionLabel(t, flow.action, reference);
  const word = (key: string) => t(`actions.${key}` as MessageKey);

  let body: React.ReactNode;
  let buttons: React.ReactNode;
  if (flow.phase === 'previewing') {
    body = <p role="status">{t('actions.previewing')}</p>;
    buttons = (
      <button type="button" className="ols-button" onClick={close} data-autofocus>
        {t('actions.cancel')}
      </button>
    );
  } else if (flow.phase === 'confirm') {
    const { preview } = flow;
    const reasons = new Map<string, number>();
    for (const s of preview.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    body = (
      <>
        <p data-testid="action-preview" data-accepted={preview.accepted} data-skipped={preview.skipped.length}>
          {t('actions.previewText', { action: what, accepted: n(preview.accepted), requested: n(preview.requested) })}
        </p>
        {reasons.size > 0 && (
          <ul className="ols-action-skips" data-testid="action-skips">
            {[...reasons].map(([reason, count]) => (
              <li key={reason}>{t('actions.skippedBecause', { count: n(count), reason: word(`skip.${reason}`) })}</li>
            ))}
          </ul>
        )}
      </>
    );
    buttons = (
      <>
        <button type="button" className="ols-button ols-button--primary" disabled={preview.accepted === 0} onClick={() => void confirm()} data-testid="action-confirm" data-autofocus>
          {t('actions.confirm', { count: n(preview.accepted) })}
        </button>
        <button type="button" className="ols-button" onClick={close}>
          {t('actions.cancel')}
        </button>
      </>
    );
  } else if (flow.phase === 'report') {
    const entries = flow.report?.entries ?? [];
    const done = entries.filter((e) => e.state === 'done').length;
    const failed = entries.filter((e) => e.state === 'failed').length;
    const waiting = entries.filter((e) => e.state === 'pending' || e.state === 'sending').length;
    const skipped = flow.report?.batch?.skipped.length ?? 0;
    const cancelled = entries.filter((e) => e.state === 'cancelled').length;
    const total = Math.max(1, entries.length);
    body = (
      <>
        <progress className="ols-action-progress" max={total} value={total - waiting} aria-label={t('actions.progress')} />
        <p data-testid="action-report" data-done={done} data-failed={failed} data-waiting={waiting} data-skipped={skipped} role="status">
          {t('actions.reportText', { done: n(done), failed: n(failed), waiting: n(waiting), skipped: n(skipped) })}
        </p>
        {cancelled > 0 && (
          <p data-testid="action-report-cancelled" data-cancelled={cancelled}>
            {t('audit.cancelled', { count: n(cancelled) })}
          </p>
        )}
        {cancelRest.batchId === flow.batchId && (cancelRest.error || cancelRest.sending > 0) && (
          <p role={cancelRest.error ? 'alert' : 'status'} data-testid="action-cancel-rest-result">
            {cancelRest.error ?? t('audit.stillSending', { count: n(cancelRest.sending) })}
          </p>
        )}
        {failed > 0 && (
          <table className="ols-table" data-testid="action-failures">
            <caption className="ols-visually-hidden">{t('actions.failures')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('actions.colDialog')}</th>
                <th scope="col">{t('actions.colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {entries
                .filter((e) => e.state === 'failed')
                .slice(0, 50)
                .map((e) => (
                  <tr key={e.id}>
                    <td>{e.dialogId}</td>
                    <td>{e.error ? `${word(`reason.${e.error.reason}`)} (${e.error.code})` : ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </>
    );
    const batchId = flow.batchId;
    buttons = (
      <>
        {waiting > 0 && (
          // entries already being sent finish; only those not yet sent are taken back
          <button
            type="button"
            className="ols-button"
            title={t('audit.cancelRestTitle')}
            data-testid="action-cancel-rest"
            onClick={() => void useCancelRestStore.getState().cancelRest(batchId).then(() => refresh())}
          >
            {t('audit.cancelRest')}
          </button>
        )}
        <button
          type="button"
          className="ols-button"
          disabled={!flow.report}
          data-testid="action-report-csv"
          onClick={() => {
            if (!flow.report) return;
            const csv = reportCsv(flow.report, { dialog: t('actions.colDialog'), result: t('actions.colResult'), reason: t('actions.colReason') }, word);
            const link = document.createElement('a');
            link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
            link.download = `actions-${flow.batchId}.csv`;
            link.click();
            setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
          }}
        >
          {t('actions.reportCsv')}
        </button>
        <button type="button" className="ols-button ols-button--primary" onClick={close} data-testid="action-close" data-autofocus>
          {t('actions.close')}
        </button>
      </>
    );
  } else {
    body = (
      <p role="alert" data-testid="action-error">
        {flow.message}
      </p>
    );
    buttons = (
      <button type="button" className="ols-button" onClick={close} data-autofocus>
        {t('actions.close')}
      </button>
    );
  }

  return (
    <div className="ols-modal-backdrop">
      <div className="ols-modal" role="dialog" aria-modal="true" aria-labelledby="ols-action-title" ref={dialogRef} data-testid="action-dialog" data-phase={flow.phase}>
        <h2 id="ols-action-title" className="ols-popover-title">
          {what}
        </h2>
        {body}
        <div className="ols-popover-actions">{buttons}</div>
      </div>
    </div>
  );
}
