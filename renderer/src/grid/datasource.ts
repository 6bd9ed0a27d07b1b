/**
 * The infinite row model's datasource: every block is one `dialogs:list`
 * call, filtered and sorted by SQL. The renderer holds only the blocks the
 * grid keeps (maxBlocksInCache), never the whole list; `lastRow` is the
 * filtered total, so the scrollbar is right from the first block.
 */
import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import { DEFAULT_SORT, SORTABLE_COLUMN_IDS, type ColumnId } from '../../../shared/domain/columns.ts';
import { call } from '../ipc.ts';

const SORTABLE: ReadonlySet<string> = new Set(SORTABLE_COLUMN_IDS);

export type SearchRank = 'relevance' | 'sort';
/** How a quick search's matches are ordered: set by the search box (store/search.ts), sent with a search only. */
export const searchOrder: { rank: SearchRank } = { rank: 'sort' };

/** Single-column sort; anything the services cannot sort by falls back to newest first. */
export function sortFromModel(model: readonly SortModelItem[]): SortSpec {
  const first = model[0];
  if (!first || !SORTABLE.has(first.colId)) return DEFAULT_SORT;
  return { column: first.colId as ColumnId, direction: first.sort === 'asc' ? 'asc' : 'desc' };
}

export interface DatasourceHooks {
  /**
   * THE filter to query with (the store's currentFilter). The block's own
   * `params.filterModel` is ignored: AG Grid's model is derived from the
   * store's filter, so reading it back here would make the grid a second truth.
   */
  filter(): DialogFilter;
  onTotal(total: number): void;
  onSort(sort: SortSpec): void;
  onError(error: unknown): void;
}

export function createDatasource(hooks: DatasourceHooks): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      const sort = sortFromModel(params.sortModel);
      hooks.onSort(sort);
      const filter = hooks.filter();
      const key = JSON.stringify(filter);
      const rank = filter.search?.trim() ? { rank: searchOrder.rank } : {};
      call('dialogs:list', { filter, sort, startRow: params.startRow, endRow: params.endRow, ...rank })
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
