/**
 * AG Grid's modules and theme, registered once. The theming API injects its
 * CSS at runtime (the CSP allows inline styles and data: icons for it), so
 * no AG Grid stylesheet is imported.
 */
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
