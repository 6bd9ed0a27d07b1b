/**
 * The action bar under the filters: act on every dialog the grid's filter
 * selects (the count is the grid's total, not the rows loaded), the outbox
 * queue with its offline state, and — for the demo backend — switches that
 * make the backend unreachable or failing, to see the outbox at work.
 */
import { useEffect } from 'react';
import { useAppStore, useT } from '../../store/app.ts';
import { startActionsStore, useActionsStore } from '../../store/actions.ts';
import { useGridStore } from '../../store/grid.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { DemoMenu } from './DemoMenu.tsx';
import { OutboxPanel } from './OutboxPanel.tsx';
import { RateMenu } from './RateMenu.tsx';
import { SelectionCount, useHasSelection } from './SelectionCount.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { TransferMenu } from './TransferMenu.tsx';

export function ActionBar() {
  const { t, locale } = useT();
  const total = useGridStore((s) => s.total);
  const begin = useActionsStore((s) => s.begin);
  const counts = useActionsStore((s) => s.counts);
  const sender = useActionsStore((s) => s.sender);
  const queueOpen = useActionsStore((s) => s.queueOpen);
  const toggleQueue = useActionsStore((s) => s.toggleQueue);
  const setHelp = useActionsStore((s) => s.setHelp);
  const demo = useAppStore((s) => s.info?.backend.kind === 'demo');
  // with rows ticked the buttons act on them (store/actions.ts begin), else on all matching
  const hasSelection = useHasSelection();

  useEffect(() => startActionsStore(), []);

  const waiting = (counts?.pending ?? 0) + (counts?.sending ?? 0);
  const offline = sender?.state === 'offline';
  const none = total === 0;

  return (
    <>
      <div className="ols-actionbar" role="toolbar" aria-label={t('actions.bar')} data-testid="action-bar">
        <SelectionCount />
        {!hasSelection && (
          <span className="ols-muted" data-testid="action-scope">
            {total === null ? t('actions.allMatchingUnknown') : t('actions.allMatching', { count: total.toLocaleString(locale) })}
          </span>
        )}
        <button type="button" className="ols-button ols-button--small" data-testid="action-finish" disabled={none} onClick={() => void begin({ kind: 'finish' })}>
          {t('actions.finish')}
        </button>
        <button type="button" className="ols-button ols-button--small" data-testid="action-spam" disabled={none} onClick={() => void begin({ kind: 'spam' })}>
          {t('actions.spam')}
        </button>
        <TransferMenu disabled={none} />
        <RateMenu disabled={none} />
        <span className="ols-spacer" />
        <button
          type="button"
          className={`ols-button ols-button--small${offline ? ' ols-button--warn' : ''}`}
          aria-expanded={queueOpen}
          aria-controls="ols-outbox-panel"
          data-testid="outbox-button"
          data-waiting={waiting}
          data-offline={offline ? 'true' : 'false'}
          title={offline && sender?.lastError ? `${sender.lastError.code}: ${sender.lastError.message}` : undefined}
          onClick={toggleQueue}
        >
          {offline ? t('actions.queueOffline', { count: waiting }) : t('actions.queue', { count: waiting })}
        </button>
        {demo && <DemoMenu />}
        <button type="button" className="ols-button ols-button--small" aria-label={t('actions.shortcuts')} title={t('actions.shortcuts')} onClick={() => setHelp(true)} data-testid="shortcuts-button">
          ?
        </button>
      </div>
      {queueOpen && <OutboxPanel />}
      <ActionDialog />
      <ShortcutsHelp />
    </>
  );
}
