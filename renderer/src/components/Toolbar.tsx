/**
 * The top bar: product title, data source, sync state, the dialog count for
 * the current filter (with a way to clear the column filters), the preset bar
 * (built-in and saved presets with live counts), and the layouts / columns /
 * language controls. Other domains mount their buttons here, one line each.
 */
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { ExportButton } from './ExportButton.tsx';
import { AuditButton } from './audit/AuditPanel.tsx';
import { LayoutMenu } from './layouts/LayoutMenu.tsx';
import { PresetBar } from './presets/PresetBar.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SyncStatusView } from './SyncStatusView.tsx';
import { SourceButton } from './sources/SourceButton.tsx';

export function Toolbar() {
  const { t } = useT();
  const total = useGridStore((s) => s.total);
  const filteredColumns = useGridStore((s) => new Set(s.columnConditions.map((c) => c.column)).size);
  const clearColumnFilters = useGridStore((s) => s.clearColumnFilters);

  return (
    <header className="ols-toolbar">
      <h1 className="ols-title">
        <img className="ols-logo" src="./favicon.svg" alt="" />
        {t('app.title')}
      </h1>
      <SourceButton />
      <SyncStatusView />
      <span className="ols-total">
        {t('toolbar.total')}{' '}
        <strong data-testid="dialog-total">{total === null ? '' : String(total)}</strong>
      </span>
      {filteredColumns > 0 && (
        <button
          type="button"
          className="ols-button ols-button--small ols-filter-chip"
          title={t('filter.clearAll')}
          aria-label={`${t('filter.active', { count: filteredColumns })}. ${t('filter.clearAll')}`}
          data-testid="clear-filters"
          onClick={clearColumnFilters}
        >
          {t('filter.active', { count: filteredColumns })}
          <span aria-hidden="true" className="ols-filter-chip-x">×</span>
        </button>
      )}
      <PresetBar />
      <span className="ols-spacer" />
      <LayoutMenu />
      <ColumnChooser />
      <ExportButton />
      <AuditButton />
      <LanguageSwitch />
    </header>
  );
}
