/**
 * Quick search at scale (issue 8 point 3): the first block of a new search
 * through the services (reader round trip, the count included), for a rare
 * word, a 3-letter prefix of the most common word, and the most common word
 * itself in several grid sorts and by relevance — each beside raw SQL for
 * the same matches on a direct connection. Every timed request is a new
 * filter (the text padded with spaces, the same words), so no count or
 * paging cache of an earlier run answers it.
 */
import type { SortSpec } from '../../../shared/domain/filter.ts';
import type { Db } from '../../app/db/connection.ts';
import { parseSearch } from '../../app/db/queries/search-query.ts';
import type { Services } from '../../app/services.ts';
import { call } from './harness.ts';
import type { ReportRow, ReportSection } from './report.ts';
import { fmt, fmtTiming, summarise, timeAsync, type Timing } from './stats.ts';

const RUNS = 15;

const SORTS: SortSpec[] = [
  { column: 'createdAt', direction: 'desc' },
  { column: 'client', direction: 'asc' },
  { column: 'responseAvg', direction: 'desc' },
  { column: 'operator', direction: 'asc' },
];

interface Words {
  rare: string;
  common: string;
  prefix: string;
  dialogs: number;
  docs: Record<string, number>;
}

/** Words from the index's own vocabulary: the most common word, a rare one (≈ 0.1 % of the dialogs) and a 3-letter prefix. */
function pickWords(raw: Db): Words {
  raw.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'search_fts', 'row')");
  const dialogs = raw.prepare('SELECT COUNT(*) FROM dialogs').pluck().get() as number;
  const common = raw.prepare("SELECT term FROM temp.search_vocab WHERE length(term) >= 5 AND term GLOB '*[а-я]*' ORDER BY doc DESC LIMIT 1").pluck().get() as string;
  const target = Math.max(3, Math.round(dialogs / 1000));
  const rare = raw
    .prepare("SELECT term FROM temp.search_vocab WHERE length(term) >= 5 AND term NOT GLOB '*[0-9]*' ORDER BY abs(doc - ?), term LIMIT 1")
    .pluck()
    .get(target) as string;
  const prefix = common.slice(0, 3);
  const docs: Record<string, number> = {};
  for (const w of [rare, common, prefix]) {
    docs[w] = raw.prepare('SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(parseSearch(w)!.match) as number;
  }
  return { rare, common, prefix, dialogs, docs };
}

/** The first block of a search never asked before (padding makes a new filter with the same words). */
async function firstBlock(services: Services, text: string, sort: SortSpec, rank?: 'relevance'): Promise<Timing> {
  let n = 0;
  return timeAsync(RUNS, async () => {
    n += 1;
    await call(services, 'dialogs:list', { filter: { conditions: [], search: `${text}${' '.repeat(n)}` }, sort, startRow: 0, endRow: 100, ...(rank ? { rank } : {}) });
  });
}

function rawTiming(fn: () => unknown): Timing {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/** The sort's index and order (the values segment only: NULLs come after the first block here), and the same order no index serves. */
const SORT_SQL: Record<string, { index: string; order: string; sorted: string; where?: string }> = {
  'createdAt desc': { index: 'sx_dialogs_created_at', order: 'created_at DESC, id DESC', sorted: '+created_at DESC, +id DESC', where: 'created_at IS NOT NULL' },
  'client asc': { index: 'sx_dialogs_client_name', order: 'client_name, id', sorted: '+client_name, +id' },
  'responseAvg desc': { index: 'sx_dialogs_response_avg', order: 'response_avg DESC, id DESC', sorted: '+response_avg DESC, +id DESC', where: 'response_avg IS NOT NULL' },
  'operator asc': { index: 'sx_dialogs_operator_name', order: 'operator_name, id', sorted: '+operator_name, +id', where: 'operator_name IS NOT NULL' },
};

/** Raw: the count from the index, and the first 100 of the sort index's walk that probe the document (or the ordered set, for few matches). */
function rawFirstBlock(raw: Db, word: string, sort: SortSpec, few: boolean): Timing {
  const match = parseSearch(word)!.match;
  const s = SORT_SQL[`${sort.column} ${sort.direction}`]!;
  const count = raw.prepare('SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?').pluck();
  // a probe per row pays in id order only (and for words the index holds whole); elsewhere the set, built once per statement
  const probe = sort.column === 'createdAt' && parseSearch(word)!.words.every((w) => w.length <= 3);
  const check = probe ? 'EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid = dialogs.id)' : 'id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)';
  const block = few
    ? raw.prepare(`SELECT * FROM dialogs WHERE id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?) ORDER BY ${s.sorted} LIMIT 100`)
    : raw.prepare(`SELECT * FROM dialogs INDEXED BY ${s.index} WHERE ${s.where ? `${s.where} AND ` : ''}${check} ORDER BY ${s.order} LIMIT 100`);
  return rawTiming(() => {
    count.get(match);
    block.all(match);
  });
}

export async function benchSearch(services: Services, raw: Db): Promise<ReportSection[]> {
  const words = pickWords(raw);
  const share = (w: string) => `${words.docs[w]!.toLocaleString('en')} dialogs, ${((100 * words.docs[w]!) / words.dialogs).toFixed(1)} %`;
  const byDefault = SORTS[0]!;
  const rows: ReportRow[] = [];
  const word = await firstBlock(services, words.rare, byDefault);
  rows.push({
    name: `word "${words.rare}" (${share(words.rare)}), first block, newest first`,
    value: `${fmtTiming(word)} ms (raw ${fmtTiming(rawFirstBlock(raw, words.rare, byDefault, true))})`,
    target: 'p95 ≤ 20 ms',
    ok: word.p95 <= 20,
  });
  const prefix = await firstBlock(services, words.prefix, byDefault);
  const prefixFew = words.docs[words.prefix]! <= 50_000;
  rows.push({
    name: `prefix "${words.prefix}" (${share(words.prefix)}), first block, newest first`,
    value: `${fmtTiming(prefix)} ms (raw ${fmtTiming(rawFirstBlock(raw, words.prefix, byDefault, prefixFew))})`,
    target: 'p95 ≤ 50 ms',
    ok: prefix.p95 <= 50,
  });
  for (const [kind, w] of [
    ['common', words.common],
    ['rare', words.rare],
  ] as const) {
    const few = words.docs[w]! <= 50_000;
    for (const sort of SORTS) {
      const t = await firstBlock(services, w, sort);
      rows.push({
        name: `${kind} word "${w}" (${share(w)}), first block, ${sort.column} ${sort.direction}`,
        value: `${fmtTiming(t)} ms (raw ${fmtTiming(rawFirstBlock(raw, w, sort, few))})`,
        target: 'p95 ≤ 100 ms',
        ok: t.p95 <= 100,
      });
    }
    const ranked = await firstBlock(services, w, byDefault, 'relevance');
    const rawRank = raw.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts, 4, 1) LIMIT 100').pluck();
    rows.push({
      name: `${kind} word "${w}", first block by relevance (bm25 over every match)`,
      value: `${fmtTiming(ranked)} ms (raw top 100 by bm25 ${fmtTiming(rawTiming(() => rawRank.all(parseSearch(w)!.match)))})`,
      ok: null,
    });
  }
  const sizes = raw.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%'").pluck().get() as number | null;
  return [
    {
      title: 'Quick search',
      note: `through the services, each request a new search (count + first block of 100, reader round trip); raw: count on the index + the same block on a direct connection (an ordered set for ≤ 50 k matches, else a walk of the sort index checking the match set, or probing each row's document in id order); index ${fmt((sizes ?? 0) / 2 ** 20)} MiB`,
      rows,
    },
  ];
}
