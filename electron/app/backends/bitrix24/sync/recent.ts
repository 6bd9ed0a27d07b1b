/**
 * im.recent.get (ONLY_OPENLINES) asked once and reused by the pages that
 * follow for a short while. Asked inside every page's batch, its one command
 * made 101 commands of a page's 100 (history and chat of 50 sessions) and so
 * a third batch request: a quarter of the requests the rate limit allows went
 * to the same answer. What the reuse can miss is bounded: a pin or a status
 * change made on the portal within `RECENT_TTL_MS` of the last ask shows on
 * the next ask, and the first incremental cycle re-checks every session the
 * answer names (cursor.ts `open` starts empty). Our own actions drop the
 * answer at once (`forget`), so a page after an action never paints it over.
 */
import type { RestClient } from '../client/rest-client.ts';
import type { RecentItemDto } from '../mapping/schemas.ts';
import { recentSchema } from '../mapping/schemas.ts';
import { RECENT_COMMAND, recentBySession } from './sessions.ts';

/** One ask serves the pages of about a minute: the live phase whole, a backfill's ~40 pages. */
export const RECENT_TTL_MS = 60_000;

export class RecentStatuses {
  readonly #client: RestClient;
  readonly #now: () => number;
  #answer: { at: number; bySession: Map<number, RecentItemDto> } | null = null;
  /** an ask in flight, shared by concurrent callers */
  #asking: Promise<Map<number, RecentItemDto>> | null = null;
  /** bumped by `forget`: an ask sent before it may predate the change, so it is used once and not kept */
  #generation = 0;

  constructor(client: RestClient, now: () => number) {
    this.#client = client;
    this.#now = now;
  }

  /** The answer of at most `RECENT_TTL_MS` ago, or a new one; `fresh` always asks. */
  async get(signal?: AbortSignal, fresh = false): Promise<Map<number, RecentItemDto>> {
    const answer = this.#answer;
    const age = answer ? this.#now() - answer.at : Infinity;
    // a clock set back (age < 0) asks again rather than trusting an answer from "the future"
    if (!fresh && answer && age >= 0 && age < RECENT_TTL_MS) return answer.bySession;
    if (!fresh && this.#asking) return this.#asking;
    const asking = this.#ask(signal);
    this.#asking = asking;
    try {
      return await asking;
    } finally {
      if (this.#asking === asking) this.#asking = null;
    }
  }

  /** Something changed on the portal through us: the next page asks again. */
  forget(): void {
    this.#answer = null;
    this.#asking = null;
    this.#generation += 1;
  }

  async #ask(signal?: AbortSignal): Promise<Map<number, RecentItemDto>> {
    const at = this.#now();
    const generation = this.#generation;
    const bySession = recentBySession(await this.#client.call(RECENT_COMMAND.method, RECENT_COMMAND.params, recentSchema, signal));
    if (generation === this.#generation) this.#answer = { at, bySession };
    return bySession;
  }
}
