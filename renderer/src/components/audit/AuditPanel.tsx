/**
 * The audit log view: filters (dates, action, outcome, dialog number), one
 * row per dialog of each supervisor request, newest first, paged, and the
 * CSV export of what the filters select. State and calls: store/audit.ts.
 */
import { useEffect, useRef } from 'react';
import { AUDIT_KINDS, AUDIT_OUTCOMES, type AuditEntry } from '../../../../shared/ipc/contract-audit.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useAppStore, useT, type Reference } from '../../store/app.ts';
import { AUDIT_PAGE, useAuditStore } from '../../store/audit.ts';
import { DayInput } from '../DayInput.tsx';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

function parameters(t: T, entry: AuditEntry, names: Reference): string {
  const a = entry.action;
  if ('toOperatorId' in a) return t('audit.toOperator', { name: names.operators.get(a.toOperatorId) ?? `#${a.toOperatorId}` });
  if ('toLineId' in a) return t('audit.toLine', { name: names.lines.get(a.toLineId) ?? `#${a.toLineId}` });
  if ('rating' in a) return a.comment ? `${a.rating}: ${a.comment}` : String(a.rating);
  if ('pinned' in a) return t(a.pinned ? 'audit.pinOn' : 'audit.pinOff');
  if ('batchId' in a) return t('audit.cancelBatch', { id: a.batchId });
  if ('outboxId' in a) return t('audit.cancelEntry', { id: a.outboxId });
  return '';
}

/** A skip reason or a backend reason in words; the backend's own text stays as it came. */
function detail(t: T, entry: AuditEntry): string {
  if (!entry.detail) return '';
  const word = (key: string) => {
    const text = t(key as MessageKey);
    return text === key ? null : text;
  };
  if (entry.outcome === 'skipped') return word(`actions.skip.${entry.detail}`) ?? entry.detail;
  if (entry.outcome === 'done') return entry.detail === 'alreadyInState' ? t('audit.alreadyInState') : '';
  return entry.detail;
}

export function AuditPanel() {
  const tr = useT();
  const { t, locale } = tr;
  const { open, draft, entries, total, offset, loading, error, savedTo, setOpen, setDraft, load, exportCsv } = useAuditStore();
  const reference = useAppStore((s) => s.reference);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const node = ref.current;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        setOpen(false);
      }
    };
    node?.addEventListener('keydown', onKey);
    return () => node?.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  if (!open) return null;
  const when = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const n = (v: number) => v.toLocaleString(locale);
  const invalid = error === 'dialog' ? t('audit.invalidDialog') : error === 'dates' ? t('audit.invalidDates') : null;

  return (
    <div className="ols-modal-backdrop">
      <div
        className="ols-modal"
        style={{ width: 'min(1100px, 96vw)', maxHeight: '88vh' }}
        role="dialog"
        aria-modal="true"
        aria-labelledby="ols-audit-title"
        ref={ref}
        data-testid="audit-panel"
      >
        <h2 id="ols-audit-title" className="ols-popover-title">
          {t('audit.title')}
        </h2>
        <div role="group" aria-label={t('audit.filters')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'end', marginBottom: 8 }}>
          <label>
            {t('audit.from')}{' '}
            <DayInput value={draft.from} label={t('audit.from')} tr={tr} onChange={(from) => setDraft({ from })} data={{ 'data-testid': 'audit-from', 'data-autofocus': true }} />
          </label>
          <label>
            {t('audit.to')} <DayInput value={draft.to} label={t('audit.to')} tr={tr} onChange={(to) => setDraft({ to })} data={{ 'data-testid': 'audit-to' }} />
          </label>
          <label>
            {t('audit.kind')}{' '}
            <select value={draft.kind} onChange={(e) => setDraft({ kind: e.target.value as typeof draft.kind })} data-testid="audit-kind">
              <option value="">{t('audit.any')}</option>
              {AUDIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`audit.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.outcome')}{' '}
            <select value={draft.outcome} onChange={(e) => setDraft({ outcome: e.target.value as typeof draft.outcome })} data-testid="audit-outcome">
              <option value="">{t('audit.any')}</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`audit.outcome.${o}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.dialog')}{' '}
            <input
              type="text"
              inputMode="numeric"
              size={10}
              value={draft.dialog}
              aria-invalid={error === 'dialog'}
              onChange={(e) => setDraft({ dialog: e.target.value })}
              data-testid="audit-dialog"
            />
          </label>
          <button type="button" className="ols-button ols-button--small" onClick={() => setDraft({ from: '', to: '', kind: '', outcome: '', dialog: '' })}>
            {t('audit.clear')}
          </button>
          <span className="ols-spacer" />
          <button type="button" className="ols-button ols-button--small" disabled={invalid !== null} onClick={() => void exportCsv()} data-testid="audit-export">
            {t('audit.export')}
          </button>
        </div>
        {invalid && (
          <p role="alert" data-testid="audit-invalid">
            {invalid}
          </p>
        )}
        {error && !invalid && <p role="alert">{error}</p>}
        {savedTo && <p role="status">{t('audit.savedTo', { path: savedTo })}</p>}
        <table className="ols-table" data-testid="audit-table" aria-busy={loading}>
          <caption className="ols-visually-hidden">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.colTime')}</th>
              <th scope="col">{t('audit.colWho')}</th>
              <th scope="col">{t('audit.colAction')}</th>
              <th scope="col">{t('audit.colParams')}</th>
              <th scope="col">{t('audit.colDialog')}</th>
              <th scope="col">{t('audit.colOutcome')}</th>
              <th scope="col">{t('audit.colDetail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-dialog={e.dialogId} data-kind={e.kind} data-outcome={e.outcome}>
                <td>{when.format(e.createdAt)}</td>
                <td>{e.actor}</td>
                <td>{t(`audit.kind.${e.kind}` as MessageKey)}</td>
                <td>{parameters(t, e, reference)}</td>
                <td>{e.dialogId}</td>
                <td>{t(`audit.outcome.${e.outcome}` as MessageKey)}</td>
                <td>{detail(t, e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 && !loading && !invalid && <p data-testid="audit-empty">{t('audit.empty')}</p>}
        <div className="ols-popover-actions">
          {total > 0 && (
            <span role="status" data-testid="audit-count">
              {t('audit.count', { from: n(offset + 1), to: n(offset + entries.length), total: n(total) })}
            </span>
          )}
          <button type="button" className="ols-button ols-button--small" disabled={offset === 0} onClick={() => void load(Math.max(0, offset - AUDIT_PAGE))}>
            {t('audit.prev')}
          </button>
          <button type="button" className="ols-button ols-button--small" disabled={offset + entries.length >= total} onClick={() => void load(offset + AUDIT_PAGE)}>
            {t('audit.next')}
          </button>
          <button type="button" className="ols-button ols-button--primary" onClick={() => setOpen(false)} data-testid="audit-close">
            {t('audit.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The toolbar's button. */
export function AuditButton() {
  const { t } = useT();
  const setOpen = useAuditStore((s) => s.setOpen);
  return (
    <button type="button" className="ols-button ols-button--small" title={t('audit.openTitle')} onClick={() => setOpen(true)} data-testid="audit-open">
      {t('audit.open')}
    </button>
  );
}
