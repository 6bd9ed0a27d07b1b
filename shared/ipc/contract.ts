/**
 * The one IPC contract between the renderer and the services. Every channel is
 * named `domain:verb` here and nowhere else; its request is validated at the
 * boundary by the schema of the same name in ./schemas.ts. Both transports
 * (Electron ipcMain/preload and the browser-mode WebSocket host) carry exactly
 * this map, and the services' handler map must `satisfies Handlers`.
 */
import type { DialogRow, HistoryEntry, OpenLine, Operator } from '../domain/dialog.ts';
import type { DialogFilter, SortSpec } from '../domain/filter.ts';
import type { DialogExplanation, MetricId, SlaMetricId } from '../domain/metrics.ts';
import type { GeneralStatusId, StatusDetailId } from '../domain/status.ts';
import type { ColumnId } from '../domain/columns.ts';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface AppInfo {
  version: string;
  /** 'electron' or 'browser' */
  shell: 'electron' | 'browser';
  backend: { kind: 'demo' | 'bitrix24'; label: string };
  dataDir: string;
  /** the OS language, used until the user picks one */
  osLanguage: Language;
}

export interface ColumnStateEntry {
  id: ColumnId;
  visible: boolean;
  width?: number;
}

/** SLA thresholds in seconds, per metric that has one. */
export type SlaThresholds = Record<SlaMetricId, number>;

export interface Settings {
  /** null: follow the OS */
  language: Language | null;
  /** column order, visibility and width; null: the defaults */
  columns: ColumnStateEntry[] | null;
  sort: SortSpec | null;
  sla: SlaThresholds;
}

export type SyncPhase = 'idle' | 'backfill' | 'live' | 'offline' | 'error';

export interface SyncStatus {
  phase: SyncPhase;
  /** backfill progress, 0..1; 1 once live */
  progress: number;
  dialogs: number;
  lastSyncAt: number | null;
  /** the last sync error, shown to the user, cleared on the next success */
  error: { code: string; message: string } | null;
}

export interface MetricSummary {
  /** dialogs where the metric is defined */
  count: number;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export interface SlaShare {
  /** dialogs over the threshold (finished values and running waits) */
  over: number;
  /** dialogs the share is taken over */
  measured: number;
  /** over / measured, null when nothing was measured */
  share: number | null;
}

export interface AggregateGroup {
  /** line or operator id; null for "no operator" */
  key: number | null;
  name: string;
  count: number;
  metrics: Record<MetricId, MetricSummary>;
  sla: Record<SlaMetricId, SlaShare>;
}

export interface Aggregates {
  total: number;
  byStatus: Record<GeneralStatusId | 'unknown', number>;
  byStatusDetail: Record<StatusDetailId | 'unknown', number>;
  overall: AggregateGroup;
  byOperator: AggregateGroup[];
  byLine: AggregateGroup[];
  sla: SlaThresholds;
  /** the moment running waits were measured at (epoch ms) */
  at: number;
}

export interface DialogPage {
  rows: DialogRow[];
  /** rows matching the filter */
  total: number;
}

/** Channel → request and response. */
export interface Contract {
  /** Version, shell, backend and data location. */
  'app:info': { request: Record<string, never>; response: AppInfo };
  /** One block of grid rows, filtered and sorted by SQL. */
  'dialogs:list': {
    request: { filter: DialogFilter; sort: SortSpec; startRow: number; endRow: number };
    response: DialogPage;
  };
  /** One dialog's row. */
  'dialogs:get': { request: { id: number }; response: DialogRow };
  /** A dialog's history: messages and events in timeline order. */
  'dialogs:history': { request: { id: number }; response: { dialog: DialogRow; entries: HistoryEntry[] } };
  /** Why each metric of a dialog has its value. */
  'metrics:explain': { request: { id: number }; response: DialogExplanation };
  /** Counts and metric summaries for the dialogs a filter selects. */
  'metrics:aggregate': { request: { filter: DialogFilter; sla?: SlaThresholds }; response: Aggregates };
  /** Recompute every dialog's statuses and metrics from the stored timelines. */
  'metrics:recompute': { request: Record<string, never>; response: { dialogs: number; ms: number } };
  /** Lines, operators and channels, for labels and filter choices. */
  'reference:get': {
    request: Record<string, never>;
    response: { lines: OpenLine[]; operators: Operator[]; channels: string[] };
  };
  /** The sync engine's state. */
  'sync:status': { request: Record<string, never>; response: SyncStatus };
  'settings:get': { request: Record<string, never>; response: Settings };
  /** Merge the given keys into the settings; returns the result. */
  'settings:set': { request: Partial<Settings>; response: Settings };
}

export type Channel = keyof Contract;

/**
 * Every channel as a plain list, for allow-lists that must not pull in the
 * schemas (the preload is bundled; zod would triple its size).
 */
export const CHANNELS = [
  'app:info',
  'dialogs:list',
  'dialogs:get',
  'dialogs:history',
  'metrics:explain',
  'metrics:aggregate',
  'metrics:recompute',
  'reference:get',
  'sync:status',
  'settings:get',
  'settings:set',
] as const satisfies readonly Channel[];
// Fails to compile when a channel is added to Contract but not to CHANNELS.
const _everyChannelListed: Record<Exclude<Channel, (typeof CHANNELS)[number]>, never> = {};
void _everyChannelListed;
export type RequestOf<C extends Channel> = Contract[C]['request'];
export type ResponseOf<C extends Channel> = Contract[C]['response'];

/** Push events, main → renderer. */
export interface Events {
  /** Dialogs were inserted or changed by a sync batch or a recompute. */
  'dialogs:changed': { inserted: number[]; updated: number[]; total: number };
  'sync:status': SyncStatus;
  'metrics:progress': { done: number; total: number };
}
export type EventName = keyof Events;

export const EVENT_NAMES = ['dialogs:changed', 'sync:status', 'metrics:progress'] as const satisfies readonly EventName[];

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNKNOWN_CHANNEL',
  'UNAVAILABLE',
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
}

/** What crosses the wire: errors are data, never thrown across the boundary. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The services' side: one handler per channel, one object argument. */
export type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

export const DEFAULT_SLA: SlaThresholds = { waitFirstAnswer: 60, responseMax: 180 };

export const DEFAULT_SETTINGS: Settings = { language: null, columns: null, sort: null, sla: DEFAULT_SLA };
