/**
 * Case- and ё-insensitive matching for names and text. SQLite's lower() and
 * LIKE fold ASCII only, so "анна" would not find "Анна"; the connection gets
 * an `ols_fold()` SQL function that applies the same folding as foldText.
 */
import type Database from 'better-sqlite3';

export function foldText(value: string): string {
  return value.toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

export function registerTextFunctions(db: Database.Database): void {
  db.function('ols_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldText(value) : value,
  );
}
