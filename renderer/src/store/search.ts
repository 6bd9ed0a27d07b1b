/**
 * The quick search's own state: how its matches are ordered (by relevance,
 * or in the grid's sort). The search text itself lives in THE filter (the
 * grid store's `filter.search`), so presets, export and the summary see it.
 * The datasource (grid/, which reads no store) gets the order through
 * `searchOrder`; changing it reloads the rows through the grid store.
 */
import { create } from 'zustand';
import { searchOrder, type SearchRank } from '../grid/datasource.ts';
import { useGridStore } from './grid.ts';

interface SearchState {
  rank: SearchRank;
  setRank(rank: SearchRank): void;
}

export const useSearchStore = create<SearchState>()((set, get) => ({
  rank: searchOrder.rank,
  setRank(rank) {
    if (rank === get().rank) return;
    searchOrder.rank = rank;
    set({ rank });
    const { filter, presetId } = useGridStore.getState();
    // only a search is ordered by relevance; without one nothing shown changes
    if (filter.search?.trim()) useGridStore.getState().setFilter({ ...filter }, presetId);
  },
}));
