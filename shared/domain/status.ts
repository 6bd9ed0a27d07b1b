/**
 * Dialog statuses (spec dialog-list.md §3). Bitrix24 session status codes are
 * the storage form: the cache keeps the code a backend reported even when the
 * app does not know it, so nothing is lost and a newer portal never breaks a sync.
 */

export const STATUS_DETAIL_IDS = [
  'new',
  'queued',
  'inWork',
  'clientWaiting',
  'clientWaitingAgain',
  'answered',
  'closing',
  'finished',
  'spam',
] as const;
export type StatusDetailId = (typeof STATUS_DETAIL_IDS)[number];

export const GENERAL_STATUS_IDS = ['waiting', 'answered', 'finished'] as const;
export type GeneralStatusId = (typeof GENERAL_STATUS_IDS)[number];

/** The Bitrix24 `STATUS` code of each detailed status. */
export const STATUS_CODE: Readonly<Record<StatusDetailId, number>> = {
  new: 0,
  queued: 5,
  inWork: 10,
  clientWaiting: 20,
  clientWaitingAgain: 25,
  answered: 40,
  closing: 50,
  finished: 60,
  spam: 65,
};

export const GENERAL_OF_DETAIL: Readonly<Record<StatusDetailId, GeneralStatusId>> = {
  new: 'waiting',
  queued: 'waiting',
  inWork: 'waiting',
  clientWaiting: 'waiting',
  clientWaitingAgain: 'waiting',
  answered: 'answered',
  closing: 'answered',
  finished: 'finished',
  spam: 'finished',
};

/** Bitrix24 also stores 69 (duplicate session) and 75 (closed silently); both read as finished. */
export const EXTRA_FINISHED_CODES = [69, 75] as const;

/** Dialogs that bulk actions apply to (spec §3). */
export const ACTIVE_STATUS_DETAILS: readonly StatusDetailId[] = [
  'new',
  'queued',
  'inWork',
  'clientWaiting',
  'clientWaitingAgain',
  'answered',
];

const DETAIL_BY_CODE = new Map<number, StatusDetailId>(
  STATUS_DETAIL_IDS.map((id) => [STATUS_CODE[id], id]),
);
for (const code of EXTRA_FINISHED_CODES) DETAIL_BY_CODE.set(code, 'finished');

/** The detailed status of a stored code, or `unknown` for a code this app does not know. */
export function statusDetailOfCode(code: number): StatusDetailId | 'unknown' {
  return DETAIL_BY_CODE.get(code) ?? 'unknown';
}

export function generalStatusOfCode(code: number): GeneralStatusId | 'unknown' {
  const detail = statusDetailOfCode(code);
  return detail === 'unknown' ? 'unknown' : GENERAL_OF_DETAIL[detail];
}

/** Every stored code that a detailed status covers (finished also covers 69 and 75). */
export function codesOfStatusDetail(detail: StatusDetailId): number[] {
  const code = STATUS_CODE[detail];
  return detail === 'finished' ? [code, ...EXTRA_FINISHED_CODES] : [code];
}

export function codesOfGeneralStatus(general: GeneralStatusId): number[] {
  return STATUS_DETAIL_IDS.filter((d) => GENERAL_OF_DETAIL[d] === general).flatMap(codesOfStatusDetail);
}
