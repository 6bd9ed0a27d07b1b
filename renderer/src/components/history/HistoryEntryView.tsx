/**
 * One history entry: a message as a bubble by author kind (client on the
 * left, operator and bot on the right, system in the middle; a hidden
 * operator message, which the client never saw, marked as an internal note),
 * or an event as a small line (taken, transferred, closed, spam, vote…),
 * each with its time.
 */
import type { ReactNode } from 'react';
import type { HistoryEntry } from '../../../../shared/domain/dialog.ts';
import { MESSAGE_AUTHORS, type MessageAuthor } from '../../../../shared/domain/timeline.ts';
import type { Reference } from '../../store/app.ts';
import type { Translator } from '../../i18n/index.ts';
import { formatDateTime, formatTime } from '../../grid/format.ts';

export type Entry = HistoryEntry & { highlights?: Array<[number, number]> };

/** A range to mark; `index` (the match's place among all matches) only for the pane's own search. */
export interface MarkRange {
  start: number;
  end: number;
  index?: number;
}

/** The text with its ranges in <mark> (ranges in order, not overlapping, within the text). */
function marked(text: string, ranges: readonly MarkRange[] | undefined, current: number, label: string): ReactNode {
  if (!ranges?.length) return text;
  const out: ReactNode[] = [];
  let at = 0;
  for (const { start, end, index } of ranges) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    const isCurrent = index !== undefined && index === current;
    out.push(
      index === undefined ? (
        <mark key={start} className="ols-search-mark" data-testid="search-mark" title={label}>
          {text.slice(start, end)}
        </mark>
      ) : (
        <mark
          key={start}
          className={`ols-history-match${isCurrent ? ' ols-history-match--current' : ''}`}
          data-testid="history-match"
          data-match={index}
          data-current={isCurrent || undefined}
        >
          {text.slice(start, end)}
        </mark>
      ),
    );
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

const isAuthor = (value: string | null): value is MessageAuthor =>
  value !== null && (MESSAGE_AUTHORS as readonly string[]).includes(value);

export function authorOf(entry: HistoryEntry): MessageAuthor {
  return isAuthor(entry.author) ? entry.author : 'system';
}

export function eventText(entry: HistoryEntry, tr: Translator, reference: Reference): string {
  const { t } = tr;
  const operator = entry.operatorName ?? (entry.operatorId !== null ? reference.operators.get(entry.operatorId) : undefined) ?? t('event.someone');
  switch (entry.kind) {
    case 'created':
    case 'botHandoff':
    case 'closing':
    case 'closed':
      return t(`event.${entry.kind}`);
    case 'skipped':
    case 'taken':
    case 'closedByOperator':
    case 'spam':
      return t(`event.${entry.kind}`, { operator });
    case 'transferred':
      if (entry.toOperatorId !== null) {
        return t('event.transferredToOperator', { target: reference.operators.get(entry.toOperatorId) ?? `#${entry.toOperatorId}` });
      }
      if (entry.toLineId !== null) {
        return t('event.transferredToLine', { target: reference.lines.get(entry.toLineId) ?? `#${entry.toLineId}` });
      }
      return t('event.transferred');
    case 'vote':
      return t('event.vote', { rating: entry.rating ? t(`rating.${entry.rating}`) : t('value.none') });
    default:
      return t('event.other', { kind: entry.kind });
  }
}

export function MessageBubble({ entry, ranges, current, tr }: { entry: Entry; ranges: readonly MarkRange[] | undefined; current: number; tr: Translator }) {
  const { t, locale } = tr;
  const author = authorOf(entry);
  const name = author === 'operator' && entry.operatorName ? entry.operatorName : t(`author.${author}`);
  return (
    <div className={`ols-msg ols-msg--${author}${entry.hidden ? ' ols-msg--hidden' : ''}`}>
      <div className="ols-msg-meta">
        <span className="ols-msg-author">{name}</span>
        {author === 'operator' && name !== t('author.operator') && <span className="ols-visually-hidden">{t('author.operator')}</span>}
        {entry.hidden && (
          <span className="ols-msg-note" data-testid="hidden-note" title={t('history.hiddenHint')}>
            {t('history.internalNote')}
          </span>
        )}
        <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at, locale) ?? undefined}>
          {formatTime(entry.at, locale)}
        </time>
      </div>
      <div className="ols-msg-text" data-testid="history-text">
        {entry.text === null ? t('value.none') : marked(entry.text, ranges ?? quickSearchRanges(entry), current, t('search.match'))}
      </div>
    </div>
  );
}

function quickSearchRanges(entry: Entry): MarkRange[] | undefined {
  return entry.highlights?.map(([start, end]) => ({ start, end }));
}

export function EventLine({ entry, tr, reference }: { entry: Entry; tr: Translator; reference: Reference }) {
  const { locale } = tr;
  return (
    <div className="ols-event">
      <span>{eventText(entry, tr, reference)}</span>
      <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at, locale) ?? undefined}>
        {formatTime(entry.at, locale)}
      </time>
    </div>
  );
}
