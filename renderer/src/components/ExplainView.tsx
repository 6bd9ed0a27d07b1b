/**
 * "Why this number": for one metric of one dialog, its value, the rule that
 * applied, the entries that started and stopped its clock, the client turns
 * (response metrics) and the messages left out, with reasons. Rule and role
 * texts come from the metrics owner's explain.{ru,en}.json. Entries are named
 * by what they are and when they happened, never by their position number in
 * the timeline (an internal id the user cannot find anywhere else).
 */
import type { DialogExplanation, EvidencePoint, MetricId } from '../../../shared/domain/metrics.ts';
import { METRIC_IDS } from '../../../shared/domain/metrics.ts';
import { TIMELINE_KINDS, type TimelineKind } from '../../../shared/domain/timeline.ts';
import { exclusionKey } from '../../../shared/domain/explain-keys.ts';
import { call } from '../ipc.ts';
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import type { Translator } from '../i18n/index.ts';
import { formatDateTime, formatDuration } from '../grid/format.ts';
import { useDialogQuery } from './useDialogQuery.ts';

const loadExplanation = (id: number): Promise<DialogExplanation> => call('metrics:explain', { id });

const ROLE_PREFIXES = ['explain.role', 'role', 'roles'] as const;
const RULE_PREFIXES = ['explain.rule', 'rule', 'rules'] as const;

const isKind = (kind: string): kind is TimelineKind => (TIMELINE_KINDS as readonly string[]).includes(kind);

function kindLabel(tr: Translator, kind: string): string {
  return isKind(kind) ? tr.t(`kind.${kind}`) : kind;
}

function Evidence({ point, tr }: { point: EvidencePoint | null; tr: Translator }) {
  if (!point) return <span className="ols-muted">{tr.t('explain.notHappened')}</span>;
  return (
    <span className="ols-evidence">
      <span className="ols-evidence-time">{formatDateTime(point.at, tr.locale)}</span>
      <span className="ols-evidence-role">{tr.dyn(point.role, ROLE_PREFIXES)}</span>
      <span className="ols-evidence-entry">{kindLabel(tr, point.kind)}</span>
    </span>
  );
}

function duration(tr: Translator, seconds: number | null): string {
  const text = formatDuration(seconds);
  return text === null ? tr.t('value.none') : `${text} (${tr.t('explain.seconds', { n: seconds ?? 0 })})`;
}

export function ExplainView({ id, metric }: { id: number; metric: MetricId }) {
  const tr = useT();
  const { t, locale } = tr;
  const openExplain = useGridStore((s) => s.openExplain);
  const { data, error, loading } = useDialogQuery(id, loadExplanation);
  const explanation = data?.metrics[metric];

  return (
    <section className="ols-explain" data-testid="explain-view" data-metric={metric} aria-busy={loading}>
      <label className="ols-field">
        <span>{t('explain.metric')}</span>
        <select value={metric} onChange={(e) => openExplain(id, e.target.value as MetricId)} data-testid="explain-metric">
          {METRIC_IDS.map((m) => (
            <option key={m} value={m}>
              {t(`column.${m}`)}
            </option>
          ))}
        </select>
      </label>

      {loading && !data && <p className="ols-muted">{t('pane.loading')}</p>}
      {error && (
        <p className="ols-error" role="alert">
          {t('pane.error', { message: error })}
        </p>
      )}

      {explanation && (
        <>
          <dl className="ols-facts">
            <dt>{t('explain.value')}</dt>
            <dd data-testid="explain-value">{duration(tr, explanation.value)}</dd>
            <dt>{t('explain.rule')}</dt>
            <dd data-testid="explain-rule">{tr.dyn(explanation.rule, RULE_PREFIXES)}</dd>
            <dt>{t('explain.start')}</dt>
            <dd data-testid="explain-start">
              <Evidence point={explanation.start} tr={tr} />
            </dd>
            <dt>{t('explain.stop')}</dt>
            <dd data-testid="explain-stop">
              <Evidence point={explanation.stop} tr={tr} />
            </dd>
          </dl>

          {explanation.turns && (
            <>
              <h3 className="ols-subtitle">{t('explain.turns')}</h3>
              {explanation.turns.length === 0 ? (
                <p className="ols-muted">{t('explain.noTurns')}</p>
              ) : (
                <table className="ols-table" data-testid="explain-turns">
                  <thead>
                    <tr>
                      <th scope="col">{t('explain.turnNo')}</th>
                      <th scope="col">{t('explain.turnOpened')}</th>
                      <th scope="col">{t('explain.turnStart')}</th>
                      <th scope="col">{t('explain.turnAnswer')}</th>
                      <th scope="col">{t('explain.turnSeconds')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {explanation.turns.map((turn, index) => (
                      <tr key={turn.opened.seq} className={turn.answer ? undefined : 'ols-unanswered'}>
                        <td>{index + 1}</td>
                        <td>{formatDateTime(turn.opened.at, locale)}</td>
                        <td>
                          {formatDateTime(turn.start.at, locale)}
                          {turn.start.seq !== turn.opened.seq && (
                            <div className="ols-muted">{tr.dyn(turn.start.role, ROLE_PREFIXES)}</div>
                          )}
                          {turn.rule && <div className="ols-muted">{tr.dyn(turn.rule)}</div>}
                        </td>
                        <td>{turn.answer ? formatDateTime(turn.answer.at, locale) : <em>{t('explain.unanswered')}</em>}</td>
                        <td className="ols-num">{formatDuration(turn.seconds) ?? t('value.none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}

          <h3 className="ols-subtitle">{t('explain.excluded')}</h3>
          {explanation.excluded.length === 0 ? (
            <p className="ols-muted">{t('explain.noExcluded')}</p>
          ) : (
            <table className="ols-table" data-testid="explain-excluded">
              <thead>
                <tr>
                  <th scope="col">{t('explain.excludedAt')}</th>
                  <th scope="col">{t('explain.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {explanation.excluded.map((item) => (
                  <tr key={`${item.seq}-${item.reason}`}>
                    <td>{formatDateTime(item.at, locale)}</td>
                    <td>{tr.dyn(exclusionKey(item.reason))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
