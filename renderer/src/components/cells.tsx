/**
 * Grid cells that need more than text: status badges, the CRM record, the
 * site page link and the row's ≡ menu button. Plain values use the formatters in
 * grid/columns.ts instead, which are cheaper per cell.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { GENERAL_OF_DETAIL, type StatusDetailId } from '../../../shared/domain/status.ts';
import { useT } from '../store/app.ts';
import type { Translator } from '../i18n/index.ts';
import { useAppStore } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { openPortalPage, useRowMenuStore } from '../store/row-menu.ts';

type Props = CustomCellRendererProps<DialogListItem>;

/** Badge colour follows the general status; spam stands out from other finished dialogs. */
export function badgeTone(row: DialogListItem, column: 'status' | 'statusDetail'): string {
  if (column === 'statusDetail') {
    if (row.statusDetail === 'unknown') return 'unknown';
    if (row.statusDetail === 'spam') return 'spam';
    return GENERAL_OF_DETAIL[row.statusDetail satisfies StatusDetailId];
  }
  return row.status;
}

/**
 * The spec's status names run to 68 characters ("Диалог в режиме закрытия
 * (ожидание голосования или после автоответа)"), three times what a default
 * column shows. The cell shows a short name that fits (grid.statusShort.*,
 * grid.statusDetailShort.*); the full name is its tooltip and accessible name,
 * and the history pane shows it in full.
 */
export function statusLabels(t: Translator['t'], row: DialogListItem, column: 'status' | 'statusDetail'): { short: string; full: string } {
  if (column === 'status') return { short: t(`grid.statusShort.${row.status}`), full: t(`status.${row.status}`) };
  if (row.statusDetail === 'unknown') {
    return { short: t('grid.statusDetailShort.unknown', { code: row.statusCode }), full: t('statusDetail.unknown', { code: row.statusCode }) };
  }
  return { short: t(`grid.statusDetailShort.${row.statusDetail}`), full: t(`statusDetail.${row.statusDetail}`) };
}

export function StatusBadgeCell(props: Props) {
  const { t } = useT();
  const row = props.data;
  if (!row) return null;
  const column = props.colDef?.colId === 'statusDetail' ? 'statusDetail' : 'status';
  const { short, full } = statusLabels(t, row, column);
  return (
    <span className={`ols-badge ols-badge--${badgeTone(row, column)}`} title={full} data-status={column === 'status' ? row.status : row.statusDetail}>
      {short}
    </span>
  );
}

/**
 * The dialog number, marked when the backend refused the dialog's history
 * (its metrics are then partial, issue 10 §4); the History unavailable column
 * says the same and filters by it.
 */
export function DialogNumberCell(props: Props) {
  const { t } = useT();
  const row = props.data;
  if (!row) return null;
  // the column's formatter still decides how the number reads
  const shown = props.valueFormatted ?? String(row.id);
  if (!row.historyUnavailable) return <>{shown}</>;
  const label = t('grid.historyUnavailable');
  return (
    <span className="ols-dialog-number" title={label}>
      {shown}
      <span className="ols-history-unavailable" role="img" aria-label={label} data-testid="history-unavailable">
        ⚠
      </span>
    </span>
  );
}

export function CrmCell(props: Props) {
  const { t } = useT();
  // a portal's CRM record has a card to open; the demo's records are names only
  const portal = useAppStore((s) => s.info?.backend.kind === 'bitrix24');
  const row = props.data;
  if (!row) return null;
  if (!row.crm) return <span className="ols-muted">{t('value.none')}</span>;
  const type = t(`crm.${row.crm.type}`);
  const body = (
    <>
      <span className={`ols-crm-type ols-crm-type--${row.crm.type}`}>{type}</span>
      <span className="ols-crm-title">{row.crm.title}</span>
    </>
  );
  if (!portal) {
    return (
      <span className="ols-crm" title={`${type}: ${row.crm.title} (#${row.crm.id})`}>
        {body}
      </span>
    );
  }
  const label = t('rowMenu.crmOpen', { type, title: row.crm.title });
  return (
    <button
      type="button"
      className="ols-crm ols-link-button"
      // the grid moves focus between cells itself
      tabIndex={-1}
      title={label}
      aria-label={label}
      data-testid="crm-link"
      onClick={(event) => {
        event.stopPropagation();
        void openPortalPage(row.id, 'crm');
      }}
    >
      {body}
    </button>
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

/** History (the side pane) and the row's ≡ button, which opens the per-dialog menu (actions/RowMenu.tsx); Enter / Space on the cell does too (DialogGrid). */
export function ActionsCell(props: Props) {
  const { t } = useT();
  const openMenu = useRowMenuStore((s) => s.openMenu);
  const openHistory = useGridStore((s) => s.openHistory);
  const row = props.data;
  if (!row) return null;
  const label = t('rowMenu.button', { id: row.id });
  return (
    <span className="ols-row-actions">
      <button
        type="button"
        className="ols-row-button"
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
      <button
        type="button"
        className="ols-row-button ols-row-button--menu"
        // the grid moves focus between cells itself; Enter or Space on this cell opens the menu too
        tabIndex={-1}
        aria-label={label}
        aria-haspopup="menu"
        title={label}
        data-testid="row-menu-button"
        onClick={(event) => {
          event.stopPropagation();
          const { api, node } = props;
          openMenu(row, event.currentTarget, () => {
            if (node.rowIndex !== null) api.setFocusedCell(node.rowIndex, 'actions');
          });
        }}
      >
        ≡
      </button>
    </span>
  );
}
