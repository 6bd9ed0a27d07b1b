/**
 * Faults a real portal and network inflict on a client, switchable at start
 * (`--faults storm503:0.3,drop:next2,revoked`) and at run time (POST
 * /_emulator/faults). Each fault fires with a probability, or on the next N
 * requests; `revoked` lasts from the moment it is switched on.
 */
export const FAULT_KINDS = ['storm503', 'limit429', 'error500', 'slow', 'drop', 'truncate', 'wrongTypes', 'teapot', 'revoked'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  /** 0..1; default 1 */
  probability?: number;
  /** fire on the next N requests only (then the fault is spent) */
  next?: number;
}

export type FaultParse = { ok: true; faults: FaultSpec[] } | { ok: false; message: string };

/** `kind[:probability|:nextN]`, comma-separated */
export function parseFaultList(text: string): FaultParse {
  const faults: FaultSpec[] = [];
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kind, arg] = item.split(':') as [string, string | undefined];
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) return { ok: false, message: `unknown fault "${kind}" (known: ${FAULT_KINDS.join(', ')})` };
    const spec: FaultSpec = { kind: kind as FaultKind };
    if (arg !== undefined) {
      const next = /^next(\d+)$/.exec(arg);
      const p = Number(arg);
      if (next) spec.next = Number(next[1]);
      else if (arg !== '' && p >= 0 && p <= 1) spec.probability = p;
      else return { ok: false, message: `fault "${kind}": "${arg}" is neither a probability 0..1 nor nextN` };
    }
    faults.push(spec);
  }
  return { ok: true, faults };
}

export class FaultSwitch {
  #faults: FaultSpec[] = [];
  #revoked = false;
  #seed: number;

  constructor(faults: FaultSpec[], seed: number) {
    this.#seed = (seed >>> 0) || 1;
    this.set(faults);
  }

  set(faults: FaultSpec[]): void {
    this.#faults = faults.filter((f) => f.kind !== 'revoked').map((f) => ({ ...f }));
    // revocation is a state of the webhook, not a per-request chance: switching faults off clears it
    this.#revoked = faults.some((f) => f.kind === 'revoked');
  }

  list(): FaultSpec[] {
    return [...this.#faults.map((f) => ({ ...f })), ...(this.#revoked ? [{ kind: 'revoked' as const }] : [])];
  }

  get revoked(): boolean {
    return this.#revoked;
  }

  /** xorshift: faults by probability are reproducible for a seed */
  #random(): number {
    let x = this.#seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#seed = x >>> 0;
    return this.#seed / 0x1_0000_0000;
  }

  /** The faults this request suffers (spent `next` counters are used up). */
  draw(): Set<FaultKind> {
    const fired = new Set<FaultKind>();
    for (const f of this.#faults) {
      if (f.next !== undefined) {
        if (f.next > 0) {
          f.next--;
          fired.add(f.kind);
        }
      } else if (this.#random() < (f.probability ?? 1)) fired.add(f.kind);
    }
    this.#faults = this.#faults.filter((f) => f.next === undefined || f.next > 0);
    return fired;
  }
}

/** wrongTypes: digit strings become numbers and numbers strings, as a sloppy portal version might send. */
export function swapTypes(value: unknown): unknown {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(swapTypes);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapTypes(v)]));
  return value;
}
