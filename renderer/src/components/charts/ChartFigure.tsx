/**
 * One chart as a figure: its title as the accessible name, the canvas AG
 * Charts draws, and the same figures as text — a one-sentence summary (the
 * figure's description) and a visually hidden table — for screen readers and
 * for anyone who wants the numbers.
 */
import { memo, useId } from 'react';
import { AgCharts } from 'ag-charts-react';
import type { Translator } from '../../i18n/index.ts';
import type { ChartSpec } from './chart-model.ts';
import './chart-setup.ts';

export const ChartFigure = memo(function ChartFigure({ spec, tr, children }: { spec: ChartSpec; tr: Translator; children?: React.ReactNode }) {
  const id = useId();
  return (
    <figure
      className={`ols-chart ols-chart--${spec.id}`}
      data-testid={`chart-${spec.id}`}
      data-total={spec.total}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
    >
      <figcaption id={`${id}-title`} className="ols-chart-title">
        {spec.title}
        {children}
      </figcaption>
      <div className="ols-chart-canvas">
        <AgCharts options={spec.options} style={{ height: '100%' }} />
      </div>
      <p id={`${id}-summary`} className="ols-chart-text" data-testid="chart-summary">
        {spec.summary}
      </p>
      <table className="ols-chart-text" data-testid="chart-table">
        <caption>{tr.t('charts.tableCaption', { title: spec.title })}</caption>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
});
