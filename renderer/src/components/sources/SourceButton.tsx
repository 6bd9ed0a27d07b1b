/**
 * The toolbar's Source button: which source the console reads (the demo
 * world or a portal's host), opening the Source dialog. Focus comes back
 * here when the dialog closes.
 */
import { useEffect, useRef } from 'react';
import { useAppStore, useT } from '../../store/app.ts';
import { useSourcesStore, watchSourceChanges } from '../../store/sources.ts';
import { SourcesDialog } from './SourcesDialog.tsx';

export function SourceButton() {
  const { t } = useT();
  const info = useAppStore((s) => s.info);
  const show = useSourcesStore((s) => s.show);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => watchSourceChanges(), []);
  if (!info) return null;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="ols-button ols-backend"
        title={t('sources.buttonTitle')}
        aria-haspopup="dialog"
        data-testid="source-button"
        onClick={() => void show()}
      >
        <span className="ols-visually-hidden">{t('sources.button')}: </span>
        <span data-testid="backend-label">
          <span className={`ols-backend-kind ols-backend-kind--${info.backend.kind}`}>{t(`backend.${info.backend.kind}`)}</span>{' '}
          <span className="ols-backend-label">{info.backend.label}</span>
        </span>
      </button>
      <SourcesDialog returnFocus={buttonRef} />
    </>
  );
}
