/**
 * The audit log as CSV, with the export's conventions (export/csv.ts): BOM,
 * CRLF, `;` in Russian and `,` in English, formula-looking values defused,
 * dates as the grid writes them in the user's time zone. Labels are in the
 * UI language, as the view shows them.
 */
import type { AuditEntry, AuditKind, AuditOutcome } from '../../../../shared/ipc/contract-audit.ts';
import type { Language } from '../../../../shared/ipc/contract.ts';
import { defaultLocale } from '../../export/cells.ts';
import { BOM, csvDelimiter, csvField } from '../../export/csv.ts';
import { zonedDates } from '../../export/zoned-time.ts';

const HEADERS: Record<Language, string[]> = {
  ru: ['Время', 'Кто', 'Действие', 'Параметры', 'Диалог', 'Итог', 'Подробности', 'Завершено'],
  en: ['Time', 'Who', 'Action', 'Parameters', 'Dialog', 'Outcome', 'Details', 'Settled'],
};

const KIND_LABELS: Record<Language, Record<AuditKind, string>> = {
  ru: { finish: 'Завершить', spam: 'Спам', transfer: 'Перевести', vote: 'Оценка', pin: 'Закрепление', intercept: 'Перехватить', cancel: 'Отмена' },
  en: { finish: 'Finish', spam: 'Spam', transfer: 'Transfer', vote: 'Rating', pin: 'Pin', intercept: 'Intercept', cancel: 'Cancel' },
};

const OUTCOME_LABELS: Record<Language, Record<AuditOutcome, string>> = {
  ru: { pending: 'В очереди', done: 'Выполнено', failed: 'Ошибка', cancelled: 'Отменено', skipped: 'Пропущено' },
  en: { pending: 'Queued', done: 'Done', failed: 'Failed', cancelled: 'Cancelled', skipped: 'Skipped' },
};

/** What the action was beyond its kind: the transfer target, the rating, what a cancel took back. */
export function actionParameters(entry: Pick<AuditEntry, 'action'>, language: Language): string {
  const a = entry.action as Record<string, unknown>;
  const ru = language === 'ru';
  if (typeof a.toOperatorId === 'number') return `${ru ? 'оператору' : 'to operator'} #${a.toOperatorId}`;
  if (typeof a.toLineId === 'number') return `${ru ? 'на линию' : 'to line'} #${a.toLineId}`;
  if (typeof a.rating === 'number') return `${a.rating}${typeof a.comment === 'string' && a.comment !== '' ? `: ${a.comment}` : ''}`;
  if (typeof a.pinned === 'boolean') return a.pinned ? (ru ? 'закрепить' : 'pin') : ru ? 'открепить' : 'unpin';
  if (typeof a.batchId === 'number') return `${ru ? 'остаток пакета' : 'rest of batch'} #${a.batchId}`;
  if (typeof a.outboxId === 'number') return `${ru ? 'действие' : 'action'} #${a.outboxId}`;
  return '';
}

export function auditCsv(entries: readonly AuditEntry[], language: Language, timeZone: string): string {
  const delimiter = csvDelimiter(language);
  const needsQuotes = new RegExp(`["\\r\\n${delimiter}]`);
  const dates = zonedDates(defaultLocale(language), timeZone);
  const line = (cells: string[]) => cells.map((c) => csvField(c, needsQuotes)).join(delimiter) + '\r\n';
  let out = BOM + line(HEADERS[language]);
  for (const e of entries) {
    out += line([
      dates.text(e.createdAt),
      e.actor,
      KIND_LABELS[language][e.kind] ?? e.kind,
      actionParameters(e, language),
      String(e.dialogId),
      OUTCOME_LABELS[language][e.outcome],
      e.detail ?? '',
      e.settledAt === null ? '' : dates.text(e.settledAt),
    ]);
  }
  return out;
}

/** audit-2026-12-02_14-05-09.csv, in the user's zone. */
export function auditFileName(now: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `audit-${parts.year}-${parts.month}-${parts.day}_${parts.hour}-${parts.minute}-${parts.second}.csv`;
}
