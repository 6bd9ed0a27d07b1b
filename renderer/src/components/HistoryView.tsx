/**
 * A dialog's history: messages as chat bubbles by author (client on the left,
 * staff on the right, system in the middle; hidden operator notes marked),
 * events as small lines between them, each with its time. Where the quick
 * search (THE filter's `search`) matches a message, the services say so
 * (`highlights`, folded as the index folds) and the words are <mark>ed.
 */
import { Fragment, useCallback, type ReactNode } from 'react';
import type { DialogListItem, HistoryEntry } from '../../../shared/domain/dialog.ts';
import { MESSAGE_AUTHORS, type MessageAuthor } from '../../../shared/domain/timeline.ts';
import { call } from '../ipc.ts';
import { useAppStore, useT, type Reference } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import type { Translator } from '../i18n/index.ts';
import { formatDate, formatDateTime, formatTime } from '../grid/format.ts';
import { badgeTone } from './cells.tsx';
import { useDialogQuery } from './useDialogQuery.ts';

type Entry = HistoryEntry & { highlights?: Array<[number, number]> };

/** The text with its highlighted ranges in <mark> (ranges in order, not overlapping, within the text). */
function marked(text: string, ranges: ReadonlyArray<[number, number]> | undefined, label: string): ReactNode {
  if (!ranges?.length) return text;
  const out: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <mark key={start} className="ols-search-mark" data-testid="search-mark" title={label}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

const dayOf = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toDateString());

const isAuthor = (value: string | null): value is MessageAuthor =>
  value !== null && (MESSAGE_AUTHORS as readonly string[]).includes(value);

function eventText(entry: HistoryEntry, tr: Translator, reference: Reference): string {
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

function Message({ entry, tr }: { entry: Entry; tr: Translator }) {
  const { t, locale } = tr;
  const author: MessageAuthor = isAuthor(entry.author) ? entry.author : 'system';
  const name = author === 'operator' && entry.operatorName ? entry.operatorName : t(`author.${author}`);
  return (
    <li
      className={`ols-msg ols-msg--${author}${entry.hidden ? ' ols-msg--hidden' : ''}`}
      data-author={author}
      data-hidden={entry.hidden || undefined}
    >
      <div className="ols-msg-meta">
        <span className="ols-msg-author">{name}</span>
        {entry.hidden && <span className="ols-msg-note">{t('history.internalNote')}</span>}
        <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at, locale) ?? undefined}>
          {formatTime(entry.at, locale)}
        </time>
      </div>
      <div className="ols-msg-text">{entry.text === null ? t('value.none') : marked(entry.text, entry.highlights, t('search.match'))}</div>
    </li>
  );
}

function Header({ dialog, tr }: { dialog: DialogListItem; tr: Translator }) {
  const { t, locale } = tr;
  const status = dialog.statusDetail === 'unknown' ? t('statusDetail.unknown', { code: dialog.statusCode }) : t(`statusDetail.${dialog.statusDetail}`);
  return (
    <div className="ols-history-head">
      <div>
        <strong>{dialog.client}</strong> · {dialog.line}
      </div>
      <div className="ols-muted">
        {t('column.operator')}: {dialog.operator ?? t('value.none')} · {t('column.createdAt')}:{' '}
        {formatDateTime(dialog.createdAt, locale) ?? t('value.none')}
      </div>
      <span className={`ols-badge ols-badge--${badgeTone(dialog, 'statusDetail')}`}>{status}</span>
    </div>
  );
}

export function HistoryView({ id }: { id: number }) {
  const tr = useT();
  const { t, locale } = tr;
  const reference = useAppStore((s) => s.reference);
  const search = useGridStore((s) => s.filter.search?.trim() ?? '');
  // a new search loads the history again, with its highlights
  const loadHistory = useCallback((dialog: number) => call('dialogs:history', search ? { id: dialog, search } : { id: dialog }), [search]);
  const { data, error, loading } = useDialogQuery(id, loadHistory);

  return (
    <section className="ols-history" data-testid="history-view" aria-busy={loading}>
      {loading && !data && <p className="ols-muted">{t('pane.loading')}</p>}
      {error && (
        <p className="ols-error" role="alert">
          {t('pane.error', { message: error })}
        </p>
      )}
      {data && (
        <>
          <Header dialog={data.dialog} tr={tr} />
          {data.entries.length === 0 ? (
            <p className="ols-muted">{t('history.empty')}</p>
          ) : (
            <ol className="ols-chat">
              {data.entries.map((entry, index) => (
                <Fragment key={entry.seq}>
                  {/* bubbles show times only, so mark where a new day starts */}
                  {dayOf(entry.at) !== dayOf(data.entries[index - 1]?.at) && (
                    <li className="ols-day" aria-hidden="true">
                      {formatDate(entry.at, locale)}
                    </li>
                  )}
                  {entry.kind === 'message' ? (
                    <Message entry={entry} tr={tr} />
                  ) : (
                    <li className="ols-event" data-kind={entry.kind}>
                      <span>{eventText(entry, tr, reference)}</span>
                      <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at, locale)}</time>
                    </li>
                  )}
                </Fragment>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
