/** Transfer to an operator (people only, no bots) or to another open line, with a search over both. */
import { useEffect, useMemo, useState } from 'react';
import type { OpenLine, Operator } from '../../../../shared/domain/dialog.ts';
import { call } from '../../ipc.ts';
import { useT } from '../../store/app.ts';
import { useActionsStore } from '../../store/actions.ts';
import { useActionMenu } from './usePopover.ts';

export function TransferMenu({ disabled }: { disabled: boolean }) {
  const { t } = useT();
  const begin = useActionsStore((s) => s.begin);
  const { open, setOpen, rootRef, target: dialogs, oneDialog } = useActionMenu('transfer');
  const [reference, setReference] = useState<{ lines: OpenLine[]; operators: Operator[] } | null>(null);
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState('');

  useEffect(() => {
    if (open && !reference) void call('reference:get', {}).then((r) => setReference({ lines: r.lines, operators: r.operators.filter((o) => !o.isBot) }));
  }, [open, reference]);

  const options = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    const match = (name: string) => needle === '' || name.toLocaleLowerCase().includes(needle);
    return {
      operators: (reference?.operators ?? []).filter((o) => match(o.name)),
      lines: (reference?.lines ?? []).filter((l) => match(l.name)),
    };
  }, [reference, query]);

  // Enter in the list passes the list's own value: arrow keys move it before React hears of it
  const go = (value: string = target) => {
    const [kind, id] = value.split(':');
    if (!id) return;
    setOpen(false);
    void begin(kind === 'operator' ? { kind: 'transfer', toOperatorId: Number(id) } : { kind: 'transfer', toLineId: Number(id) }, dialogs);
  };

  return (
    <div className="ols-popover-anchor" ref={rootRef}>
      <button type="button" className="ols-button ols-button--small" aria-expanded={open} disabled={disabled} data-testid="action-transfer" onClick={() => setOpen(!open)}>
        {t('actions.transfer')}
      </button>
      {open && (
        <div className="ols-popover" role="dialog" aria-label={t('actions.transferTitle')} data-testid="transfer-menu">
          <h2 className="ols-popover-title">
            {oneDialog !== null ? t('actions.forDialog', { id: oneDialog }) : t('actions.transferTitle')}
          </h2>
          <input
            className="ols-input"
            type="search"
            aria-label={t('actions.transferSearch')}
            placeholder={t('actions.transferSearch')}
            autoFocus
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="transfer-search"
          />
          <select
            className="ols-select ols-transfer-list"
            size={10}
            aria-label={t('actions.transferTarget')}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              // the preview takes the focus at once: Enter's default must not press its Cancel
              e.preventDefault();
              go(e.currentTarget.value);
            }}
            onKeyUp={(e) => setTarget(e.currentTarget.value)}
            data-testid="transfer-target"
          >
            <optgroup label={t('actions.operators')}>
              {options.operators.map((o) => (
                <option key={`o${o.id}`} value={`operator:${o.id}`}>
                  {o.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('actions.lines')}>
              {options.lines.map((l) => (
                <option key={`l${l.id}`} value={`line:${l.id}`}>
                  {l.name}
                </option>
              ))}
            </optgroup>
          </select>
          <div className="ols-popover-actions">
            <button type="button" className="ols-button ols-button--primary" disabled={!target} onClick={() => go()} data-testid="transfer-go">
              {t('actions.transferGo')}
            </button>
            <button type="button" className="ols-button" onClick={() => setOpen(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
