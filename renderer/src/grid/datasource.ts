/**
 * The infinite row model's datasource: every block is one `dialogs:list`
 * call, filtered and sorted by SQL. The renderer holds only the blocks the
 * grid keeps (maxBlocksInCache), never the whole list; `lastRow` is the
 * filtered total, so the scrollbar is right from the first block.
 */
import type { FilterModel, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { DialogFilter, FilterCondition, SortSpec } from '../../../shared/domain/filter.ts';
import { DEFAULT_SORT, SORTABLE_COLUMN_IDS, type ColumnId } from '../../../shared/domain/columns.ts';
import { call } from '../ipc.ts';
import { conditionsFromGridModel } from './filter-model.ts';

const SORTABLE: ReadonlySet<string> = new Set(SORTABLE_COLUMN_IDS);

/** Single-column sort; anything the services cannot sort by falls back to newest first. */
export function sortFromModel(model: readonly SortModelItem[]): SortSpec {
  const first = model[0];
  if (!first || !SORTABLE.has(first.colId)) return DEFAULT_SORT;
  return { column: first.colId as ColumnId, direction: first.sort === 'asc' ? 'asc' : 'desc' };
}

export interface DatasourceHooks {
  /** the grid's column filters, mapped; called before filter() for every block */
  onColumnFilters(model: FilterModel | null, conditions: FilterCondition[]): void;
  /** the whole filter to query with (scope AND column filters) */
  filter(): DialogFilter;
  onTotal(total: number): void;
  onSort(sort: SortSpec): void;
  onError(error: unknown): void;
}

const asFilterModel = (model: unknown): FilterModel | null =>
  typeof model === 'object' && model !== null && Object.keys(model).length > 0 ? (model as FilterModel) : null;

export function createDatasource(hooks: DatasourceHooks): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      const sort = sortFromModel(params.sortModel);
      hooks.onSort(sort);
      let filter: DialogFilter;
      try {
        // the block's own filter model is the truth for this request; the store
        // records it so the Summary and the toolbar describe the same rows
        const model = asFilterModel(params.filterModel);
        hooks.onColumnFilters(model, conditionsFromGridModel(model));
        filter = hooks.filter();
      } catch (error) {
        // a filter we cannot express in SQL fails loudly rather than showing unfiltered rows
        hooks.onError(error);
        params.failCallback();
        return;
      }
      const key = JSON.stringify(filter);
      call('dialogs:list', { filter, sort, startRow: params.startRow, endRow: params.endRow })
        .then((page) => {
          // a slow answer for a filter the user has already changed must not set the total
          if (JSON.stringify(hooks.filter()) === key) hooks.onTotal(page.total);
          params.successCallback(page.rows, page.total);
        })
        .catch((error: unknown) => {
          if (JSON.stringify(hooks.filter()) === key) hooks.onError(error);
          params.failCallback();
        });
    },
  };
}
