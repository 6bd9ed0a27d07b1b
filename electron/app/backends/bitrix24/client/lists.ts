/**
 * The two ways through a list method (spec §1.6): classic `start` paging
 * (50 a page, with `total` for progress) and the fast export, `>ID` with
 * `start=-1` (no count query), for walking everything by id.
 */
import type { z } from 'zod';
import type { Params, RestClient } from './rest-client.ts';
import { parseResult } from './rest-client.ts';

export const LIST_PAGE = 50;

export interface ListPage<T> {
  items: T[];
  /** the offset of the next page; null on the last */
  next: number | null;
  /** null when the portal did not count (fast export) */
  total: number | null;
}

/** One classic page at `start`. */
export async function listPage<T>(client: RestClient, method: string, params: Params, start: number, item: z.ZodType<T>, signal?: AbortSignal): Promise<ListPage<T>> {
  const answer = await client.request(method, { ...params, start }, signal);
  const items = parseResult(method, answer.result, item.array());
  return { items, next: answer.next, total: answer.total };
}

/** Every row, page after page (for short lists: users, lines). */
export async function listAll<T>(client: RestClient, method: string, params: Params, item: z.ZodType<T>, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  for (let start: number | null = 0; start !== null; ) {
    const page: ListPage<T> = await listPage(client, method, params, start, item, signal);
    all.push(...page.items);
    start = page.next !== null && page.next > start && page.items.length > 0 ? page.next : null;
  }
  return all;
}

/**
 * The fast export: rows with ID above `afterId`, ascending, `start=-1`; the
 * page is the last when it is shorter than 50. `idOf` reads a row's ID.
 */
export async function exportAfter<T>(
  client: RestClient,
  method: string,
  params: Params & { filter?: Record<string, unknown> },
  afterId: number,
  item: z.ZodType<T>,
  idOf: (row: T) => number,
  signal?: AbortSignal,
): Promise<{ items: T[]; lastId: number; done: boolean }> {
  const answer = await client.request(method, { ...params, filter: { ...params.filter, '>ID': afterId }, order: { ID: 'ASC' }, start: -1 }, signal);
  const items = parseResult(method, answer.result, item.array());
  const lastId = items.reduce((max, row) => Math.max(max, idOf(row)), afterId);
  return { items, lastId, done: items.length < LIST_PAGE };
}
