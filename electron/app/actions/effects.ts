/**
 * Whether an action's effect is already on a dialog, read from the
 * backend's fresh copy of it. Bitrix24 has no idempotency keys, so this is
 * what makes a retry safe: an attempt that may have reached the backend (the
 * call went out, no answer came back, or the app died meanwhile) is checked
 * here before anything is sent again. Pure: no I/O.
 */
import type { BackendAction, DialogChange } from '../backends/backend.ts';
import { computeDialog } from '../metrics/engine.ts';

export function effectPresent(action: BackendAction, fresh: DialogChange): boolean {
  const { dialog } = fresh;
  switch (action.kind) {
    case 'finish':
    case 'spam': {
      const status = computeDialog({ id: dialog.id, direction: dialog.direction, entries: fresh.entries }).statusDetail;
      // closed either way: finishing again is refused, so the supervisor's wish stands
      return action.kind === 'spam' ? status === 'spam' : status === 'finished' || status === 'spam';
    }
    case 'transfer':
      return action.toOperatorId !== undefined ? dialog.operatorId === action.toOperatorId : dialog.lineId === action.toLineId;
    case 'vote':
      return dialog.supervisorRating === action.rating && (dialog.supervisorComment ?? '') === action.comment;
    case 'pin':
      return dialog.pinned === action.pinned;
    case 'intercept':
      return dialog.operatorId === action.operatorId;
  }
}
