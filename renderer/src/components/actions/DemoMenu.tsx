/** Demo backend only: make it unreachable or make its next actions fail, to watch the outbox queue, retry and report. */
import { useState } from 'react';
import { DEMO_FAILURES, type DemoControlState, type DemoFailure } from '../../../../shared/ipc/contract-actions.ts';
import { call, errorMessage } from '../../ipc.ts';
import { useT } from '../../store/app.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { usePopover } from './usePopover.ts';

export function DemoMenu() {
  const { t } = useT();
  const { open, setOpen, rootRef } = usePopover();
  const [state, setState] = useState<DemoControlState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const control = async (patch: { paused?: boolean; fail?: { kind: DemoFailure; count: number } }) => {
    // the switch moves at once; the answer confirms it (or puts it back, with the reason)
    if (patch.paused !== undefined) setState((s) => ({ paused: patch.paused!, failing: s?.failing ?? null }));
    try {
      setState(await call('demo:control', patch));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="ols-popover-anchor" ref={rootRef}>
      <button
        type="button"
        className="ols-button ols-button--small"
        aria-expanded={open}
        data-testid="demo-menu-button"
        onClick={() => {
          setOpen(!open);
          if (!open) void control({});
        }}
      >
        {t('actions.demoMenu')}
      </button>
      {open && (
        <div className="ols-popover ols-popover--right" role="dialog" aria-label={t('actions.demoMenu')} data-testid="demo-menu">
          <h2 className="ols-popover-title">{t('actions.demoMenu')}</h2>
          <label className="ols-check">
            <input type="checkbox" checked={state?.paused ?? false} onChange={(e) => void control({ paused: e.target.checked })} data-testid="demo-pause" />
            {t('actions.demoPause')}
          </label>
          <p className="ols-muted">{t('actions.demoFailNext')}</p>
          <div className="ols-demo-fails">
            {DEMO_FAILURES.map((kind) => (
              <button key={kind} type="button" className="ols-button ols-button--small" data-testid={`demo-fail-${kind}`} onClick={() => void control({ fail: { kind, count: 5 } })}>
                {t(`actions.demoFail.${kind}` as MessageKey)}
              </button>
            ))}
          </div>
          {state?.failing && (
            <p role="status" data-testid="demo-failing">
              {t('actions.demoFailing', { count: state.failing.remaining, kind: t(`actions.demoFail.${state.failing.kind}` as MessageKey) })}
            </p>
          )}
          {error && <p role="alert">{error}</p>}
        </div>
      )}
    </div>
  );
}
