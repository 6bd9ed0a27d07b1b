/**
 * The simulator's memory: every dialog's snapshot and delivered timeline, and
 * the scripts still running. Every change carries a revision (each entry
 * remembers the revision it appeared at, each dialog its latest), which is
 * all the cursors need: "what changed after revision R".
 *
 * A revision is derived from the change's own wall-clock stamp, not from a
 * counter: 2 × stamp for a scripted step, 2 × wall + 1 for what an action did
 * (and for the rest of a script the action rewrote). It is then the same
 * however the clock was stepped, so a world replayed from its file after a
 * restart gives the same revisions and the consumer's cursor stays valid. A
 * pull at wall W covers revisions up to 2 × W: every scripted step stamped
 * up to W is out by then, while an action in that same millisecond, before or
 * after the pull, lands at 2 × W + 1, in the next cycle (see changes.ts).
 */
import type { DialogSnapshot } from '../backend.ts';
import type { TimelineEntry } from '../../../../shared/domain/timeline.ts';
import type { DialogProfile, EntryDraft, ScriptStep, SnapshotPatch } from './story.ts';
import type { Timebase } from './timebase.ts';

export interface DialogRecord {
  readonly snapshot: DialogSnapshot;
  readonly profile: DialogProfile;
  readonly entries: TimelineEntry[];
  /** entryRevs[seq]: the revision at which entry `seq` appeared */
  readonly entryRevs: number[];
  lastRev: number;
  /** the rest of the script; empty once it ran out or an action cancelled it */
  steps: ScriptStep[];
  nextStep: number;
  finished: boolean;
  /** no later change of this dialog gets a lower revision: raised by an action */
  revFloor: number;
}

/** The revision of a scripted change stamped at `wall`; an action's is one more. */
export function revisionAt(wall: number): number {
  return 2 * wall;
}

/**
 * Past this many dialogs, the oldest finished ones are forgotten (a live run
 * of many hours would otherwise grow without bound). Their data was delivered
 * long ago; fetching them afterwards reports NOT_FOUND.
 */
export const DEFAULT_MAX_DIALOGS = 25_000;

export class DialogStore {
  /** by id, ascending (ids grow with arrival order) */
  records: DialogRecord[] = [];
  private readonly byId = new Map<number, DialogRecord>();
  /** records whose script still has steps, in id order */
  private running: DialogRecord[] = [];
  private readonly timebase: Timebase;
  private readonly maxDialogs: number;
  /** the highest cursor base a consumer came back with: it holds every change up to it */
  private acknowledged = 0;

  constructor(timebase: Timebase, maxDialogs: number) {
    this.timebase = timebase;
    this.maxDialogs = maxDialogs;
  }

  get(id: number): DialogRecord | undefined {
    return this.byId.get(id);
  }

  add(snapshot: DialogSnapshot, profile: DialogProfile, steps: ScriptStep[]): DialogRecord {
    const record: DialogRecord = {
      snapshot,
      profile,
      entries: [],
      entryRevs: [],
      lastRev: 0,
      steps,
      nextStep: 0,
      finished: false,
      revFloor: 0,
    };
    this.records.push(record);
    this.byId.set(snapshot.id, record);
    this.running.push(record);
    return record;
  }

  /** Releases every scripted step due by `simNow` (simulated time); `wallNow` bounds the stamps. */
  runScripts(simNow: number, wallNow: number): void {
    let kept = 0;
    for (const record of this.running) {
      while (record.nextStep < record.steps.length) {
        const step = record.steps[record.nextStep] as ScriptStep;
        if (step.at > simNow) break;
        record.nextStep++;
        this.apply(record, step.entry, step.patch, Math.min(wallNow, this.timebase.toWall(step.at)));
      }
      if (record.nextStep < record.steps.length) this.running[kept++] = record;
      else record.steps = [];
    }
    this.running.length = kept;
  }

  /** One change to one dialog: an entry, a snapshot patch, or both, stamped at `wallAt`. */
  apply(record: DialogRecord, draft: EntryDraft | undefined, patch: SnapshotPatch | undefined, wallAt: number): void {
    const rev = Math.max(revisionAt(wallAt), record.revFloor);
    if (draft) {
      const last = record.entries[record.entries.length - 1];
      const entry: TimelineEntry = { seq: record.entries.length, at: Math.max(wallAt, last?.at ?? wallAt), ...draft };
      record.entries.push(entry);
      record.entryRevs.push(rev);
      if (draft.kind === 'closed' || draft.kind === 'spam') record.finished = true;
    }
    if (patch) Object.assign(record.snapshot, patch);
    record.lastRev = Math.max(record.lastRev, rev);
  }

  /** An action at `wall` is about to change the dialog: its changes, and its rewritten script's, come after any pull at `wall`. */
  touchByAction(record: DialogRecord, wall: number): void {
    record.revFloor = Math.max(record.revFloor, revisionAt(wall) + 1);
  }

  /** A consumer came back with a cursor based at `rev`: what it already holds may be forgotten. */
  acknowledge(rev: number): void {
    if (rev > this.acknowledged) this.acknowledged = rev;
  }

  /** Replaces a dialog's remaining script (an action cancelled or rewrote its future). */
  replaceScript(record: DialogRecord, steps: ScriptStep[]): void {
    const wasRunning = record.nextStep < record.steps.length;
    record.steps = steps;
    record.nextStep = 0;
    if (steps.length > 0 && !wasRunning) {
      // keep `running` in id order so that revisions stay deterministic
      const at = this.running.findIndex((r) => r.snapshot.id > record.snapshot.id);
      this.running.splice(at === -1 ? this.running.length : at, 0, record);
    }
  }

  /**
   * Drops the oldest finished dialogs whose scripts are done, once past the
   * cap, and only those a consumer has acknowledged: after a restart, a dialog
   * that ended while the app was closed is kept until its end was pulled.
   * With nobody pulling at all, the memory bound wins at four times the cap.
   */
  evictOld(): void {
    const excess = this.records.length - this.maxDialogs;
    // evict in chunks: filtering the list on every arrival would cost O(n) each time
    if (excess < Math.max(1, Math.ceil(this.maxDialogs / 20))) return;
    const anyway = this.records.length > 4 * this.maxDialogs;
    let dropped = 0;
    this.records = this.records.filter((r) => {
      if (dropped >= excess || !r.finished || r.nextStep < r.steps.length) return true;
      if (!anyway && r.lastRev > this.acknowledged) return true;
      this.byId.delete(r.snapshot.id);
      dropped++;
      return false;
    });
  }

  /** Index of the first record with an id above `id` (binary search). */
  indexAfter(id: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.records[mid] as DialogRecord).snapshot.id <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The entries of a record that appeared after revision `rev`, copied. */
export function entriesAfter(record: DialogRecord, rev: number): TimelineEntry[] {
  let from = record.entries.length;
  while (from > 0 && (record.entryRevs[from - 1] as number) > rev) from--;
  return record.entries.slice(from).map((e) => ({ ...e }));
}

export function copySnapshot(snapshot: DialogSnapshot): DialogSnapshot {
  return { ...snapshot, crm: snapshot.crm ? { ...snapshot.crm } : null };
}
