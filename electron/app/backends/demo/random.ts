/**
 * A small seeded PRNG (sfc32) and the draws the simulator needs. Math.random is
 * never used: the same seed must give byte-identical data on every machine.
 *
 * Streams are keyed (`createRng(seed, STREAM, index)`) so that each dialog draws
 * from its own sequence: its content then depends only on its own key, never on
 * how many calls the clock was advanced in or what other dialogs consumed.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** items paired with non-negative weights */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** exponential with the given mean */
  exponential(mean: number): number;
  /** log-normal around `median`; sigma ~0.5 is tight, ~1.2 is a long tail */
  logNormal(median: number, sigma: number): number;
  /** the generator's state: `restoreRng(state)` continues the same sequence */
  save(): RngState;
}

/** sfc32's four 32-bit words. */
export type RngState = readonly [number, number, number, number];

/** Mixes 32-bit words into one (murmur3 finaliser): spreads nearby seeds apart. */
function mix(hash: number, word: number): number {
  let h = Math.imul(hash ^ (word | 0), 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Keys may be any finite numbers; fractional parts and high bits are folded in. */
function seedWords(keys: readonly number[]): [number, number, number, number] {
  let h = 0x9e3779b9;
  for (const key of keys) {
    h = mix(h, key);
    h = mix(h, Math.floor(key / 0x100000000));
    h = mix(h, Math.round((key % 1) * 0x100000000));
  }
  return [mix(h, 1), mix(h, 2), mix(h, 3), mix(h, 4)];
}

export function createRng(...keys: number[]): Rng {
  const rng = rngFromWords(seedWords(keys));
  // discard the first outputs: they still carry the seeding pattern
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}

/** Continues a sequence where `save()` left it (a resumed arrival stream, for one). */
export function restoreRng(state: RngState): Rng {
  return rngFromWords(state);
}

function rngFromWords(words: RngState): Rng {
  return new Sfc32(words);
}

/**
 * sfc32 (Chris Doty-Humphrey): fast, 128-bit state, passes PractRand. A class
 * rather than closures: every dialog draws from two fresh generators, and
 * one object each (not a dozen closures) keeps the garbage collector out of
 * the way when a million are planned.
 */
class Sfc32 implements Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor([a, b, c, d]: RngState) {
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
  }

  next(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 0x100000000;
  }

  /** Box–Muller; 1 - u keeps log() away from zero */
  #normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.#normal());
  }

  save(): RngState {
    return [this.#a, this.#b, this.#c, this.#d];
  }
}

/** Stream ids for createRng: one per kind of decision, so streams never overlap. */
export const STREAM = {
  world: 1,
  arrivals: 2,
  dialog: 3,
  client: 4,
  action: 5,
} as const;
