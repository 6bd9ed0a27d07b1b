/** The supervisor's rating (1–5) and comment, for every dialog the filter selects. */
import { useState } from 'react';
import { useT } from '../../store/app.ts';
import { useActionsStore } from '../../store/actions.ts';
import { useActionMenu } from './usePopover.ts';

export function RateMenu({ disabled }: { disabled: boolean }) {
  const { t } = useT();
  const begin = useActionsStore((s) => s.begin);
  const { open, setOpen, rootRef, target: dialogs, oneDialog } = useActionMenu('rate');
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');

  return (
    <div className="ols-popover-anchor" ref={rootRef}>
      <button type="button" className="ols-button ols-button--small" aria-expanded={open} disabled={disabled} data-testid="action-rate" onClick={() => setOpen(!open)}>
        {t('actions.rate')}
      </button>
      {open && (
        <div className="ols-popover" role="dialog" aria-label={t('actions.rateTitle')} data-testid="rate-menu">
          <h2 className="ols-popover-title">
            {oneDialog !== null ? t('actions.rateForDialog', { id: oneDialog }) : t('actions.rateTitle')}
          </h2>
          <div className="ols-segmented" role="radiogroup" aria-label={t('actions.rating')}>
            {[1, 2, 3, 4, 5].map((n) => (
              <button key={n} type="button" role="radio" autoFocus={n === rating} aria-checked={rating === n} aria-pressed={rating === n} onClick={() => setRating(n)} data-testid={`rate-${n}`}>
                {n}
              </button>
            ))}
          </div>
          <textarea
            className="ols-input ols-rate-comment"
            aria-label={t('actions.comment')}
            placeholder={t('actions.comment')}
            maxLength={10_000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="rate-comment"
          />
          <div className="ols-popover-actions">
            <button
              type="button"
              className="ols-button ols-button--primary"
              data-testid="rate-go"
              onClick={() => {
                setOpen(false);
                void begin({ kind: 'vote', rating, comment }, dialogs);
              }}
            >
              {t('actions.rateGo')}
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
