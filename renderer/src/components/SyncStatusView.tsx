/**
 * The sync engine's phase, backfill progress with its rate and time left,
 * and last error, plus a metrics recompute in progress.
 */
import { useAppStore, useT } from '../store/app.ts';
import { formatDateTime } from '../grid/format.ts';
import { syncPace } from '../../../shared/domain/sync-pace.ts';

const percent = (fraction: number): number => Math.max(0, Math.min(100, Math.round(fraction * 100)));

/** "≈ 40 s", "≈ 12 min", "≈ 3.5 h": whole seconds or minutes, hours to a tenth (a guess, not a promise). */
function timeLeft(seconds: number, locale: string): string {
  const [unit, size, digits] = seconds < 90 ? (['second', 1, 0] as const) : seconds < 90 * 60 ? (['minute', 60, 0] as const) : (['hour', 3600, 1] as const);
  const value = unit === 'hour' ? seconds / size : Math.ceil(seconds / size);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
}

export function SyncStatusView() {
  const { t, locale } = useT();
  const sync = useAppStore((s) => s.sync);
  const recompute = useAppStore((s) => s.recompute);
  const samples = useAppStore((s) => s.syncSamples);
  // with the app unreachable the last known phase may be stale: say we do not know
  const lost = useAppStore((s) => s.lost);

  if (!sync || lost) {
    return (
      <span className="ols-sync" data-testid="sync-status" data-phase="unknown">
        {t('sync.unknown')}
      </span>
    );
  }

  const pace = sync.phase === 'backfill' ? syncPace(sync, samples) : null;
  const rate = pace?.perSecond != null ? new Intl.NumberFormat(locale, { maximumFractionDigits: pace.perSecond < 10 ? 1 : 0 }).format(pace.perSecond) : null;
  const paceText =
    rate === null ? null : pace?.secondsLeft != null ? t('sync.paceLeft', { rate, left: timeLeft(pace.secondsLeft, locale) }) : t('sync.pace', { rate });
  const label =
    sync.phase === 'backfill'
      ? `${t('sync.backfill', { percent: percent(sync.progress) })}${paceText ? ` · ${paceText}` : ''}`
      : t(`sync.${sync.phase}`);
  const last = formatDateTime(sync.lastSyncAt, locale);
  const title = [sync.error ? `${sync.error.code}: ${sync.error.message}` : null, last ? t('sync.lastSync', { time: last }) : null]
    .filter(Boolean)
    .join('\n');

  return (
    <span
      className={`ols-sync ols-sync--${sync.phase}`}
      data-testid="sync-status"
      data-phase={sync.phase}
      role="status"
      aria-label={`${t('sync.label')}: ${label}`}
      title={title || undefined}
    >
      <span className="ols-sync-dot" aria-hidden="true" />
      {label}
      {sync.phase === 'backfill' && (
        <progress className="ols-sync-progress" max={100} value={percent(sync.progress)} aria-hidden="true" />
      )}
      {sync.error && sync.phase !== 'error' && <span className="ols-sync-error">{t('sync.error')}</span>}
      {recompute && recompute.total > 0 && (
        <span className="ols-sync-recompute">{t('sync.recompute', { percent: percent(recompute.done / recompute.total) })}</span>
      )}
    </span>
  );
}
