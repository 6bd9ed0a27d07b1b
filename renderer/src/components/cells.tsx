/**
 * Grid cells that need more than text: status badges, the CRM record, the
 * site page link and the row's actions. Plain values use the formatters in
 * grid/columns.ts instead, which are cheaper per cell.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { DialogRow } from '../../../shared/domain/dialog.ts';
import { GENERAL_OF_DETAIL, type StatusDetailId } from '../../../shared/domain/status.ts';
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';

type Props = CustomCellRendererProps<DialogRow>;

/** Badge colour follows the general status; spam stands out from other finished dialogs. */
export function badgeTone(row: DialogRow, column: 'status' | 'statusDetail'): string {
  if (column === 'statusDetail') {
    if (row.statusDetail === 'unknown') return 'unknown';
    if (row.statusDetail === 'spam') return 'spam';
    return GENERAL_OF_DETAIL[row.statusDetail satisfies StatusDetailId];
  }
  return row.status;
}

export function StatusBadgeCell(props: Props) {
  const { t } = useT();
  const row = props.data;
  if (!row) return null;
  const column = props.colDef?.colId === 'statusDetail' ? 'statusDetail' : 'status';
  const label =
    column === 'status'
      ? t(`status.${row.status}`)
      : row.statusDetail === 'unknown'
        ? t('statusDetail.unknown', { code: row.statusCode })
        : t(`statusDetail.${row.statusDetail}`);
  return (
    <span className={`ols-badge ols-badge--${badgeTone(row, column)}`} title={label}>
      {label}
    </span>
  );
}

export function CrmCell(props: Props) {
  const { t } = useT();
  const row = props.data;
  if (!row) return null;
  if (!row.crm) return <span className="ols-muted">{t('value.none')}</span>;
  const type = t(`crm.${row.crm.type}`);
  return (
    <span className="ols-crm" title={`${type}: ${row.crm.title} (#${row.crm.id})`}>
      <span className={`ols-crm-type ols-crm-type--${row.crm.type}`}>{type}</span>
      <span className="ols-crm-title">{row.crm.title}</span>
    </span>
  );
}

/** Only http(s) pages become links: a `javascript:` URL from a portal must never be clickable. */
function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function PageUrlCell(props: Props) {
  const { t } = useT();
  const row = props.data;
  if (!row) return null;
  if (!row.pageUrl) return <span className="ols-muted">{t('value.none')}</span>;
  const href = safeHttpUrl(row.pageUrl);
  if (!href) return <span title={row.pageUrl}>{row.pageUrl}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={href} tabIndex={-1}>
      {row.pageUrl}
    </a>
  );
}

export function ActionsCell(props: Props) {
  const { t } = useT();
  const openHistory = useGridStore((s) => s.openHistory);
  const row = props.data;
  if (!row) return null;
  return (
    <button
      type="button"
      className="ols-row-button"
      // the grid moves focus between cells itself; Enter on this cell opens the history too
      tabIndex={-1}
      aria-label={t('action.historyOf', { id: row.id })}
      title={t('action.historyOf', { id: row.id })}
      data-testid="history-button"
      onClick={(event) => {
        event.stopPropagation();
        openHistory(row.id);
      }}
    >
      {t('action.history')}
    </button>
  );
}
