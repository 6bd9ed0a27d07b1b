/**
 * Case- and ё-insensitive matching for names and text. SQLite's lower() and
 * LIKE fold ASCII only, so "анна" would not find "Анна"; the connection gets
 * an `ols_fold()` SQL function that applies the same folding as foldText.
 */
import type Database from 'better-sqlite3';
import { foldPreimages, foldText } from '../../../shared/domain/text-fold.ts';

// one definition, shared with the renderer (the history pane's search folds the same way)
export { foldPreimages, foldText };

export function registerTextFunctions(db: Database.Database): void {
  db.function('ols_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldText(value) : value,
  );
}
