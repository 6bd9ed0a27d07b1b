/**
 * AG Grid's modules and theme, registered once. The theming API injects its
 * CSS at runtime (the CSP allows inline styles and data: icons for it), so
 * no AG Grid stylesheet is imported.
 */
import { AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import {
  CellStyleModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
  type Module,
} from 'ag-grid-community';
import type { Language } from '../../../shared/ipc/contract.ts';
import { AG_GRID_LOCALE_RU } from './ag-locale-ru.ts';

const modules: Module[] = [
  InfiniteRowModelModule,
  ColumnApiModule,
  RenderApiModule,
  RowApiModule,
  ScrollApiModule,
  CellStyleModule,
  RowStyleModule,
  RowSelectionModule,
  TooltipModule,
  LocaleModule,
  // column filters on metric (minutes) and date columns; the filtering itself is SQL
  NumberFilterModule,
  DateFilterModule,
];
// Validation explains misconfiguration in the console; production builds leave it out.
if (import.meta.env.DEV) modules.push(ValidationModule);

ModuleRegistry.registerModules(modules);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  rowHeight: 34,
  headerHeight: 40,
  cellHorizontalPadding: 8,
  accentColor: '#2f6fde',
  headerBackgroundColor: '#f3f5f8',
  borderColor: '#dde2ea',
  wrapperBorderRadius: 0,
  selectedRowBackgroundColor: '#e3edff',
});

/**
 * AG Grid's own texts (filter options, overlays, aria labels) in the UI
 * language, from its locale package; Russian is ours (ag-locale-ru.ts: the
 * package has none) over the English set, so a key only enterprise features
 * use stays English rather than showing its raw name. The app's own wording
 * (columns.ts: gridLocaleText) is spread over this.
 */
export function agGridLocaleText(language: Language): Record<string, string> {
  return language === 'ru' ? { ...AG_GRID_LOCALE_EN, ...AG_GRID_LOCALE_RU } : { ...AG_GRID_LOCALE_EN };
}

/** AG Grid's own size for a scrollbar it draws over the rows when the browser's take no room */
const OVERLAY_SCROLLBAR_SIZE = 16;

/**
 * Where the browser's scrollbars take no room (overlay scrollbars: macOS,
 * headless Chromium, some Linux themes), AG Grid lays the rows out to the
 * full width and draws its vertical scrollbar, an opaque 16 px strip, over the
 * last column. Telling it the strip's width makes it reserve the room, so the
 * last column ends left of the scrollbar. Classic scrollbars are measured by
 * AG Grid itself (undefined: leave it to the grid).
 */
export function scrollbarWidthToReserve(): number | undefined {
  if (typeof document === 'undefined' || !document.body) return undefined;
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;top:-9999px;width:100px;height:100px;overflow:scroll';
  document.body.appendChild(probe);
  const native = probe.offsetWidth - probe.clientWidth;
  probe.remove();
  return native === 0 ? OVERLAY_SCROLLBAR_SIZE : undefined;
}
