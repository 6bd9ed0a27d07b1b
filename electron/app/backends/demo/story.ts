/**
 * A dialog's script: the plan of its future timeline entries and snapshot
 * changes, in simulated time. `Story` writes one step by step, keeping a clock
 * and the little state the status machine (spec timeline.md) needs, so that
 * the flows in script.ts cannot write an out-of-order or ambiguous sequence.
 */
import type { DialogSnapshot } from '../backend.ts';
import type { TimelineEntry } from '../../../../shared/domain/timeline.ts';
import type { Lang } from './names.ts';
import type { Rng } from './random.ts';
import type { LineDef, World } from './world.ts';

/** The snapshot fields a script or an action may change after creation. */
export type SnapshotPatch = Partial<
  Pick<
    DialogSnapshot,
    'operatorId' | 'lineId' | 'crm' | 'formFilled' | 'historyRequested' | 'pinned' | 'supervisorRating' | 'supervisorComment'
  >
>;

export type EntryDraft = Omit<TimelineEntry, 'seq' | 'at'>;

export interface ScriptStep {
  /** simulated time */
  at: number;
  entry?: EntryDraft;
  patch?: SnapshotPatch;
}

/** What a flow needs to know about the dialog it writes. */
export interface DialogProfile {
  world: World;
  /** the line holding the dialog now: a transfer to a line changes it */
  line: LineDef;
  lang: Lang;
  channel: string;
  clientFirstName: string;
  clientName: string;
  /** an order number the client and the operator mention */
  orderNo: string;
  formFilled: boolean;
  /** no night-time waits for the morning shift (see timebase.ts Arrival.busy) */
  staffedAllDay: boolean;
  rng: Rng;
}

export class Story {
  t: number;
  readonly steps: ScriptStep[] = [];
  /** the operator holding the dialog (taken), or null */
  holder: number | null = null;
  everTaken = false;
  closingMode = false;
  done = false;

  constructor(t: number) {
    this.t = t;
  }

  /** Moves the story's clock forward; a delay is whole milliseconds, never negative. */
  wait(ms: number): this {
    this.t += Math.max(0, Math.round(ms));
    return this;
  }

  entry(entry: EntryDraft, patch?: SnapshotPatch): this {
    if (this.done) throw new Error('story already ended');
    this.steps.push(patch ? { at: this.t, entry, patch } : { at: this.t, entry });
    return this;
  }

  patch(patch: SnapshotPatch): this {
    this.steps.push({ at: this.t, patch });
    return this;
  }

  /**
   * A client message. After a transfer or skip the dialog is back in the
   * queue; the machine is unclear whether a client message then counts as
   * "taken" or not, so flows never write one there (this guards it).
   */
  client(text: string): this {
    if (this.everTaken && this.holder === null) throw new Error('client message while re-queued');
    if (this.closingMode) throw new Error('client message in closing mode');
    return this.entry({ kind: 'message', author: 'client', text });
  }

  /** A visible operator reply, by the holder (taking the dialog first if needed). */
  reply(operatorId: number, text: string): this {
    if (this.closingMode) throw new Error('operator reply in closing mode');
    if (this.holder !== operatorId) this.take(operatorId);
    return this.entry({ kind: 'message', author: 'operator', operatorId, text });
  }

  note(operatorId: number, text: string): this {
    return this.entry({ kind: 'message', author: 'operator', operatorId, hidden: true, text });
  }

  bot(botId: number, text: string): this {
    return this.entry({ kind: 'message', author: 'bot', operatorId: botId, text });
  }

  system(text: string): this {
    return this.entry({ kind: 'message', author: 'system', text });
  }

  take(operatorId: number, patch?: SnapshotPatch): this {
    this.holder = operatorId;
    this.everTaken = true;
    return this.entry({ kind: 'taken', operatorId }, { operatorId, ...patch });
  }

  skip(operatorId: number): this {
    this.holder = null;
    return this.entry({ kind: 'skipped', operatorId }, { operatorId: null });
  }

  transferToOperator(toOperatorId: number): this {
    this.holder = null;
    this.closingMode = false;
    return this.entry({ kind: 'transferred', toOperatorId }, { operatorId: toOperatorId });
  }

  transferToLine(toLineId: number): this {
    this.holder = null;
    this.closingMode = false;
    return this.entry({ kind: 'transferred', toLineId }, { operatorId: null, lineId: toLineId });
  }

  closing(): this {
    this.closingMode = true;
    return this.entry({ kind: 'closing' });
  }

  vote(rating: 'like' | 'dislike'): this {
    return this.entry({ kind: 'vote', rating });
  }

  closedByOperator(operatorId: number): this {
    return this.entry({ kind: 'closedByOperator', operatorId });
  }

  closed(): this {
    this.entry({ kind: 'closed' });
    this.done = true;
    return this;
  }

  spam(operatorId: number): this {
    this.entry({ kind: 'spam', operatorId });
    this.done = true;
    return this;
  }
}
