/**
 * AG Charts modules, registered once: only what the summary charts use
 * (bars, a donut, category and number axes, the legend, our locale texts),
 * so the bundle carries no more of the library than that.
 */
import {
  BarSeriesModule,
  CartesianChartModule,
  CategoryAxisModule,
  DonutSeriesModule,
  LegendModule,
  LocaleModule,
  ModuleRegistry,
  NumberAxisModule,
  PolarChartModule,
} from 'ag-charts-community';

ModuleRegistry.registerModules([
  CartesianChartModule,
  PolarChartModule,
  BarSeriesModule,
  DonutSeriesModule,
  CategoryAxisModule,
  NumberAxisModule,
  LegendModule,
  LocaleModule,
]);
