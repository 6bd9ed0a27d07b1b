/**
 * The emulator's portal state: every session the in-process demo world has
 * produced, pulled through the ordinary Backend interface (so the emulator
 * sees exactly what any consumer of the demo sees), kept by session id, and
 * refreshed every second. Actions go back to the demo's `perform`, and the
 * state is pulled again at once, so the next read shows their effect.
 */
import { createDemoBackend, type DemoBackend } from '../app/backends/demo/index.ts';
import type { DialogSnapshot } from '../app/backends/backend.ts';
import type { Operator, OpenLine } from '../../shared/domain/dialog.ts';
import type { TimelineEntry } from '../../shared/domain/timeline.ts';
import { createWorld } from '../app/backends/demo/world.ts';
import { DEFAULT_MAX_DIALOGS } from '../app/backends/demo/store.ts';

export interface SessionRecord {
  snapshot: DialogSnapshot;
  /** the whole demo timeline, by seq */
  entries: TimelineEntry[];
  /** when the emulator last saw the snapshot change without a new entry (a pin, a vote): the activity's LAST_UPDATED moves */
  touchedAt: number;
}

export interface LineInfo extends OpenLine {
  queue: number[];
}

export interface PortalState {
  readonly sessions: ReadonlyMap<number, SessionRecord>;
  /** session ids ascending (ids grow with arrival) */
  sessionIds(): number[];
  /** the chat's sessions, latest last */
  sessionsOfChat(chatId: number): SessionRecord[];
  lines: LineInfo[];
  users: Operator[];
  demo: DemoBackend;
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export interface StateOptions {
  seed: number;
  historyDays: number;
  dialogsPerDay: number;
  speed: number;
  now: () => number;
}

export async function createPortalState(options: StateOptions): Promise<PortalState> {
  // a portal keeps every session: the demo's memory bound (25,000 by default) must not forget the oldest
  const asked = Math.ceil(options.dialogsPerDay * options.historyDays * 1.1);
  const demo = createDemoBackend({ ...options, maxDialogs: Math.max(DEFAULT_MAX_DIALOGS, asked), log: { info: () => {}, warn: () => {} } });
  const sessions = new Map<number, SessionRecord>();
  const byChat = new Map<number, SessionRecord[]>();
  let cursor: string | null = null;
  let pulling: Promise<void> | null = null;

  const pullAll = async (): Promise<void> => {
    for (;;) {
      const batch = await demo.pullChanges(cursor, 1000);
      for (const change of batch.changes) {
        const id = change.dialog.id;
        let record = sessions.get(id);
        if (!record) {
          record = { snapshot: change.dialog, entries: [], touchedAt: 0 };
          sessions.set(id, record);
          const list = byChat.get(change.dialog.chatId) ?? [];
          list.push(record);
          list.sort((a, b) => a.snapshot.id - b.snapshot.id);
          byChat.set(change.dialog.chatId, list);
        } else if (change.entries.length === 0 && JSON.stringify(record.snapshot) !== JSON.stringify(change.dialog)) {
          record.touchedAt = options.now();
        }
        record.snapshot = change.dialog;
        if (change.replaceTimeline) record.entries = [];
        for (const entry of change.entries) record.entries[entry.seq] = entry;
      }
      cursor = batch.cursor;
      if (!batch.hasMore) return;
    }
  };
  // one pull at a time: the timer and an action's refresh must not interleave cursors
  const refresh = async (): Promise<void> => {
    while (pulling) await pulling;
    pulling = pullAll().finally(() => {
      pulling = null;
    });
    return pulling;
  };

  await refresh();
  const reference = await demo.fetchReference();
  // the queues are not in ReferenceData; the world is a pure function of the seed
  const world = createWorld(options.seed);
  const lines = reference.lines.map((line) => ({ ...line, queue: world.lineById.get(line.id)?.operatorIds ?? [] }));

  return {
    sessions,
    sessionIds: () => [...sessions.keys()].sort((a, b) => a - b),
    sessionsOfChat: (chatId) => byChat.get(chatId) ?? [],
    lines,
    users: reference.operators,
    demo,
    refresh,
    close: () => demo.close(),
  };
}
