/**
 * Reads and writes a rollup cell's histogram straight as JSONB bytes
 * (https://sqlite.org/jsonb.html): a summary merges hundreds to thousands of
 * cells, and walking the binary form is several times faster than asking
 * SQLite for text and parsing that. Only the shape the triggers and the
 * rebuild write is accepted — an object of single-letter metric keys, each an
 * object of bin-number keys with integer counts; anything else returns null
 * and the caller reads the cell as text through SQLite's json() instead.
 *
 * The writer produces what SQLite's own edits produce (jsonb_set from '{}'):
 * keys as TEXTRAW, integers as INT, every header as small as its size
 * allows, keys in the order they were first set. So a rebuilt cell and one
 * the triggers built row by row are the same bytes.
 */

const INT = 3;
const TEXT_FIRST = 7; // TEXT, TEXTJ, TEXT5, TEXTRAW: a key's bytes are its digits or letter either way
const TEXT_LAST = 10;
const OBJECT = 12;

// The payload [start, end) of the element last read by element(). Module state, so reading
// thousands of cells allocates nothing.
let start = 0;
let end = 0;

/** Reads the element header at `at`: its type, with start/end set; -1 past `limit` or on an unknown size code. */
function element(b: Uint8Array, at: number, limit: number): number {
  if (at >= limit) return -1;
  const head = b[at]!;
  const code = head >> 4;
  let size: number;
  if (code < 12) {
    size = code;
    start = at + 1;
  } else if (code === 12) {
    size = b[at + 1]!;
    start = at + 2;
  } else if (code === 13) {
    size = (b[at + 1]! << 8) | b[at + 2]!;
    start = at + 3;
  } else if (code === 14) {
    size = ((b[at + 1]! << 24) >>> 0) + ((b[at + 2]! << 16) | (b[at + 3]! << 8) | b[at + 4]!);
    start = at + 5;
  } else return -1;
  end = start + size;
  return end <= limit ? head & 0x0f : -1;
}

const isText = (type: number) => type >= TEXT_FIRST && type <= TEXT_LAST;

/** A non-negative decimal integer from ASCII digits, or -1. */
function digits(b: Uint8Array, start: number, end: number): number {
  if (start >= end) return -1;
  let value = 0;
  for (let i = start; i < end; i += 1) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The (metric index, bin, count) triples of the histogram in `blob`, in a
 * buffer reused by the next call (metric index = key letter − 'a'); null
 * when the bytes are not the expected shape.
 */
export function histogramTriples(blob: Uint8Array): Int32Array | null {
  return scan(blob);
}

let scratch = new Int32Array(3 * 4096);

/** The histogram's (metric, bin, count) triples, or null; validated in full before anything is visited. */
function scan(b: Uint8Array): Int32Array | null {
  if (element(b, 0, b.length) !== OBJECT || end !== b.length) return null;
  const topEnd = end;
  let n = 0;
  let at = start;
  while (at < topEnd) {
    if (!isText(element(b, at, topEnd)) || end - start !== 1) return null;
    const metric = b[start]! - 97;
    if (metric < 0 || metric > 25) return null;
    if (element(b, end, topEnd) !== OBJECT) return null;
    const binsEnd = end;
    if (n + 3 * (binsEnd - start) > scratch.length) {
      // each bin takes at least 4 bytes: this bounds what the object can hold
      const grown = new Int32Array(Math.max(scratch.length * 2, n + 3 * (binsEnd - start)));
      grown.set(scratch.subarray(0, n));
      scratch = grown;
    }
    let p = start;
    while (p < binsEnd) {
      // the common case inline: a key and a count of at most 11 bytes, one header byte each
      const kh = b[p]!;
      let bin: number;
      let q: number;
      if (kh >> 4 < 12 && isText(kh & 0x0f)) {
        const ke = p + 1 + (kh >> 4);
        bin = digits(b, p + 1, ke);
        q = ke;
      } else {
        if (!isText(element(b, p, binsEnd))) return null;
        bin = digits(b, start, end);
        q = end;
      }
      const vh = b[q]!;
      let count: number;
      if (vh >> 4 < 12 && (vh & 0x0f) === INT) {
        p = q + 1 + (vh >> 4);
        count = digits(b, q + 1, p);
      } else {
        if (element(b, q, binsEnd) !== INT) return null;
        count = digits(b, start, end);
        p = end;
      }
      if (bin < 0 || count < 0 || p > binsEnd) return null;
      scratch[n] = metric;
      scratch[n + 1] = bin;
      scratch[n + 2] = count;
      n += 3;
    }
    at = binsEnd;
  }
  return scratch.subarray(0, n);
}

/** The same triples from the text form SQLite's json() gives, for a cell the binary reader declined. */
export function histogramTriplesFromText(text: string): Int32Array {
  const parsed = JSON.parse(text) as Record<string, Record<string, number>>;
  const out: number[] = [];
  for (const [key, bins] of Object.entries(parsed)) {
    for (const [bin, count] of Object.entries(bins)) out.push(key.charCodeAt(0) - 97, Number(bin), count);
  }
  return Int32Array.from(out);
}

const TEXTRAW = 10;

function header(out: number[], type: number, size: number): void {
  if (size <= 11) out.push((size << 4) | type);
  else if (size <= 0xff) out.push(0xc0 | type, size);
  else if (size <= 0xffff) out.push(0xd0 | type, size >> 8, size & 0xff);
  else out.push(0xe0 | type, (size >>> 24) & 0xff, (size >> 16) & 0xff, (size >> 8) & 0xff, size & 0xff);
}

function ascii(out: number[], type: number, text: string): void {
  header(out, type, text.length);
  for (let i = 0; i < text.length; i += 1) out.push(text.charCodeAt(i));
}

/** The JSONB of metric index → bin → count (keys in the maps' order); empty maps are left out. */
export function encodeHistogramJsonb(hist: ReadonlyMap<number, ReadonlyMap<number, number>>): Uint8Array {
  const body: number[] = [];
  for (const [metric, bins] of hist) {
    if (bins.size === 0) continue;
    const items: number[] = [];
    for (const [bin, count] of bins) {
      ascii(items, TEXTRAW, String(bin));
      ascii(items, INT, String(count));
    }
    ascii(body, TEXTRAW, String.fromCharCode(97 + metric));
    header(body, OBJECT, items.length);
    for (const b of items) body.push(b);
  }
  const out: number[] = [];
  header(out, OBJECT, body.length);
  for (const b of body) out.push(b);
  return Uint8Array.from(out);
}
