/** Shown while the browser-mode socket is down; calls fail fast meanwhile and views reload on reconnect. */
import { reconnectNow } from '../ipc.ts';
import { useAppStore, useT } from '../store/app.ts';

export function ConnectionBanner() {
  const { t } = useT();
  const lost = useAppStore((s) => s.lost);
  const connection = useAppStore((s) => s.connection);
  if (!lost) return null;
  return (
    <div className="ols-banner" role="alert" data-testid="connection-banner" data-state={connection}>
      <span>{connection === 'connecting' ? t('connection.connecting') : t('connection.lost')}</span>
      <button type="button" className="ols-button" onClick={reconnectNow} disabled={connection === 'connecting'}>
        {t('connection.retry')}
      </button>
    </div>
  );
}
