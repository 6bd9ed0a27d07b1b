/**
 * Export in the toolbar: pick CSV or XLSX and export the current view — every
 * matching dialog, not only the rows loaded — as a job on the services. While
 * it runs: a progress bar and Cancel. When it is done the file downloads
 * (browser mode) or the save dialog opens (Electron); a link or button stays
 * to fetch it again. State and calls live in store/export.ts.
 */
import type { ExportFormat } from '../../../shared/ipc/contract-export.ts';
import { useAppStore, useT } from '../store/app.ts';
import { downloadUrl, useExportStore } from '../store/export.ts';

const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

function size(bytes: number, locale: string): string {
  const mib = bytes / 2 ** 20;
  return mib >= 1 ? `${mib.toLocaleString(locale, { maximumFractionDigits: 1 })} MiB` : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} KiB`;
}

export function ExportButton() {
  const { t, locale } = useT();
  const shell = useAppStore((s) => s.info?.shell);
  const { format, job, savedTo, error, setFormat, start, cancel, deliver, dismiss } = useExportStore();
  const running = job?.state === 'running';
  const number = (n: number) => n.toLocaleString(locale);

  return (
    // laid out inline: the toolbar's stylesheet belongs to its owner
    <div className="ols-export" role="group" aria-label={t('export.group')} data-testid="export" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      {running ? (
        <>
          <progress
            className="ols-export-progress"
            style={{ width: 120 }}
            aria-label={t('export.progressLabel')}
            max={Math.max(job.total, 1)}
            value={job.done}
            data-testid="export-progress"
          />
          <span className="ols-export-status" aria-live="polite">
            {t('export.progress', { done: number(job.done), total: number(job.total) })}
          </span>
          <button type="button" className="ols-button ols-button--small" title={t('export.cancelTitle')} data-testid="export-cancel" onClick={() => void cancel()}>
            {t('export.cancel')}
          </button>
        </>
      ) : (
        <>
          <select
            className="ols-export-format"
            aria-label={t('export.format')}
            value={format}
            data-testid="export-format"
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(f === 'csv' ? 'export.formatCsv' : 'export.formatXlsx')}
              </option>
            ))}
          </select>
          <button type="button" className="ols-button" title={t('export.startTitle')} data-testid="export-start" onClick={() => void start()}>
            {t('export.start')}
          </button>
        </>
      )}
      {!running && (job || error) && (
        <span className="ols-export-status" role="status" data-testid="export-status" data-state={error ? 'error' : job?.state}>
          {error
            ? t('export.failed', { error })
            : job?.state === 'done' && job.result
              ? savedTo
                ? t('export.saved', { path: savedTo })
                : t('export.done', { rows: number(job.result.rows), size: size(job.result.bytes, locale) })
              : job?.state === 'cancelled'
                ? t('export.cancelled')
                : t('export.failed', { error: job?.error ?? '' })}
          {!error && job?.state === 'done' && job.result && shell === 'browser' && (
            <>
              {' '}
              <a
                href={downloadUrl(job.result.fileName)}
                download={job.result.fileName}
                title={t('export.downloadTitle', { name: job.result.fileName })}
                data-testid="export-download"
              >
                {t('export.download')}
              </a>
            </>
          )}
          {!error && job?.state === 'done' && job.result && shell === 'electron' && (
            <>
              {' '}
              <button
                type="button"
                className="ols-button ols-button--small"
                title={t('export.saveTitle', { name: job.result.fileName })}
                data-testid="export-save"
                onClick={() => void deliver()}
              >
                {t('export.save')}
              </button>
            </>
          )}
          <button
            type="button"
            className="ols-button ols-button--small ols-icon-button"
            aria-label={t('export.dismissTitle')}
            title={t('export.dismiss')}
            data-testid="export-dismiss"
            onClick={dismiss}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      )}
    </div>
  );
}
