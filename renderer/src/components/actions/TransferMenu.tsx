/**
 * Transfer to an operator (people only, no bots) or to another open line: a
 * search over both (type to filter; ↓ or Enter goes to the list, arrows move,
 * Enter transfers), each operator with their current load (active dialogs
 * assigned to them now, operators:load), and — for one dialog — its current
 * operator and line marked and not selectable (the services would skip them
 * as sameTarget anyway).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpenLine, Operator } from '../../../../shared/domain/dialog.ts';
import { call } from '../../ipc.ts';
import { useT } from '../../store/app.ts';
import { useActionsStore } from '../../store/actions.ts';
import { loadDialog, loadOperatorLoad } from '../../store/row-menu.ts';
import { useActionMenu } from './usePopover.ts';

interface Current {
  operatorId: number | null;
  lineId: number | null;
}

export function TransferMenu({ disabled }: { disabled: boolean }) {
  const { t, locale } = useT();
  const begin = useActionsStore((s) => s.begin);
  const { open, setOpen, rootRef, target: dialogs, oneDialog } = useActionMenu('transfer');
  const [reference, setReference] = useState<{ lines: OpenLine[]; operators: Operator[] } | null>(null);
  const [load, setLoad] = useState<Map<number, number> | null>(null);
  const [current, setCurrent] = useState<Current>({ operatorId: null, lineId: null });
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState('');
  const listRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (open && !reference) void call('reference:get', {}).then((r) => setReference({ lines: r.lines, operators: r.operators.filter((o) => !o.isBot) }));
  }, [open, reference]);
  // the load is "now": read each time the picker opens, never kept from an earlier opening
  useEffect(() => {
    if (!open) return setLoad(null);
    let live = true;
    void loadOperatorLoad().then((l) => live && setLoad(l), () => live && setLoad(new Map()));
    return () => {
      live = false;
    };
  }, [open]);
  useEffect(() => {
    setCurrent({ operatorId: null, lineId: null });
    if (!open || oneDialog === null) return;
    let live = true;
    void loadDialog(oneDialog).then((d) => live && d && setCurrent({ operatorId: d.operatorId, lineId: d.lineId }));
    return () => {
      live = false;
    };
  }, [open, oneDialog]);
  useEffect(() => {
    if (!open) {
      setQuery('');
      setTarget('');
    }
  }, [open]);

  const options = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    const match = (name: string) => needle === '' || name.toLocaleLowerCase().includes(needle);
    return {
      operators: (reference?.operators ?? []).filter((o) => match(o.name)),
      lines: (reference?.lines ?? []).filter((l) => match(l.name)),
    };
  }, [reference, query]);
  const selectable = useMemo(
    () => [
      ...options.operators.filter((o) => o.id !== current.operatorId).map((o) => `operator:${o.id}`),
      ...options.lines.filter((l) => l.id !== current.lineId).map((l) => `line:${l.id}`),
    ],
    [options, current],
  );
  // a choice the search has hidden is no choice: Enter must never transfer to something not shown
  useEffect(() => {
    if (target && !selectable.includes(target)) setTarget('');
  }, [selectable, target]);

  // Enter in the list passes the list's own value: arrow keys move it before React hears of it
  const go = (value: string = target) => {
    const [kind, id] = value.split(':');
    if (!id || !selectable.includes(value)) return;
    setOpen(false);
    void begin(kind === 'operator' ? { kind: 'transfer', toOperatorId: Number(id) } : { kind: 'transfer', toLineId: Number(id) }, dialogs);
  };
  const toList = () => {
    const first = target || selectable[0];
    if (!first) return;
    setTarget(first);
    listRef.current?.focus();
  };
  const count = (n: number) => n.toLocaleString(locale);

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
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                toList();
              } else if (e.key === 'Enter') {
                // the one match, or the one already picked: straight to the preview
                e.preventDefault();
                if (target) go(target);
                else if (selectable.length === 1) go(selectable[0]);
                else toList();
              }
            }}
            data-testid="transfer-search"
          />
          <select
            ref={listRef}
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
            {options.operators.length > 0 && (
              <optgroup label={t('actions.operators')}>
                {options.operators.map((o) => {
                  const active = load?.get(o.id) ?? 0;
                  const isCurrent = o.id === current.operatorId;
                  return (
                    <option
                      key={`o${o.id}`}
                      value={`operator:${o.id}`}
                      disabled={isCurrent}
                      aria-label={isCurrent ? t('actions.transferCurrentLabel', { name: o.name }) : t('actions.transferLoadLabel', { name: o.name, count: count(active) })}
                      data-testid={`transfer-operator-${o.id}`}
                      data-load={load ? active : undefined}
                      data-current={isCurrent || undefined}
                    >
                      {o.name} · {load ? t('actions.transferLoad', { count: count(active) }) : '…'}
                      {isCurrent ? ` · ${t('actions.transferCurrent')}` : ''}
                    </option>
                  );
                })}
              </optgroup>
            )}
            {options.lines.length > 0 && (
              <optgroup label={t('actions.lines')}>
                {options.lines.map((l) => {
                  const isCurrent = l.id === current.lineId;
                  return (
                    <option
                      key={`l${l.id}`}
                      value={`line:${l.id}`}
                      disabled={isCurrent}
                      aria-label={isCurrent ? t('actions.transferCurrentLabel', { name: l.name }) : undefined}
                      data-testid={`transfer-line-${l.id}`}
                      data-current={isCurrent || undefined}
                    >
                      {l.name}
                      {isCurrent ? ` · ${t('actions.transferCurrent')}` : ''}
                    </option>
                  );
                })}
              </optgroup>
            )}
          </select>
          {reference && selectable.length === 0 && options.operators.length + options.lines.length === 0 && (
            <p className="ols-muted" role="status" data-testid="transfer-none">
              {t('actions.transferNone')}
            </p>
          )}
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
