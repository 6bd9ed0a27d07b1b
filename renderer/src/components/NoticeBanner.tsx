/** What start-up repaired (a settings file or cache moved aside), said once until the user dismisses it. */
import { useState } from 'react';
import { useAppStore, useT } from '../store/app.ts';

export function NoticeBanner() {
  const { t } = useT();
  const notices = useAppStore((s) => s.info?.notices ?? []);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = notices.filter((n) => !dismissed.has(n.movedTo));
  if (!shown.length) return null;
  return (
    <>
      {shown.map((notice) => (
        <div key={notice.movedTo} className="ols-banner ols-banner--notice" role="status" data-testid="startup-notice" data-kind={notice.kind}>
          <span>{t(`notice.${notice.kind}`, { file: notice.movedTo })}</span>
          <button
            type="button"
            className="ols-button"
            aria-label={t('notice.dismiss')}
            onClick={() => setDismissed((d) => new Set(d).add(notice.movedTo))}
          >
            {t('notice.ok')}
          </button>
        </div>
      ))}
    </>
  );
}
