/**
 * The one IPC contract between the renderer and the services. Every channel is
 * named `domain:verb` here and nowhere else; its request is validated at the
 * boundary by the schema of the same name in ./schemas.ts. Both transports
 * (Electron ipcMain/preload and the browser-mode WebSocket host) carry exactly
 * this map, and the services' handler map must `satisfies Handlers`.
 */
import type { DialogListItem, HistoryEntry, OpenLine, Operator } from '../domain/dialog.ts';
import type { DialogFilter, SortSpec } from '../domain/filter.ts';
import type { DialogExplanation, MetricId, SlaMetricId } from '../domain/metrics.ts';
import type { GeneralStatusId, StatusDetailId } from '../domain/status.ts';
import type { ColumnId } from '../domain/columns.ts';
import { ACTIONS_CHANNELS, type ActionsContract, type OutboxChangedEvent } from './contract-actions.ts';
import { EXPORT_CHANNELS, type ExportContract, type ExportFile } from './contract-export.ts';
import { AUDIT_CHANNELS, type AuditContract } from './contract-audit.ts';
import type { MenuCommandEvent } from './contract-menu.ts';
import { SOURCES_CHANNELS, type SourcesChangedEvent, type SourcesContract } from './contract-sources.ts';
import { WORKSPACE_CHANNELS, type WorkspaceContract } from './contract-workspace.ts';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface AppInfo {
  version: string;
  /** 'electron' or 'browser' */
  shell: 'electron' | 'browser';
  /** selfOperatorId: the user the source acts as (an intercept hands the dialog to them); null where it has none */
  backend: { kind: 'demo' | 'bitrix24'; label: string; selfOperatorId: number | null };
  dataDir: string;
  /** the OS language, used until the user picks one */
  osLanguage: Language;
  /** what start-up had to repair, for the user to read once */
  notices: StartupNotice[];
}

/**
 * A damaged file found at start-up: moved aside (never deleted) and replaced,
 * settings by defaults, the cache by a fresh sync from the source.
 */
export interface StartupNotice {
  kind: 'settingsReset' | 'cacheRebuilt' | 'sourcesReset';
  /** where the damaged file now is */
  movedTo: string;
}

export interface ColumnStateEntry {
  id: ColumnId;
  visible: boolean;
  width?: number;
  /** pinned to a side; null: unpinned on purpose; absent: the column's default (No. and Client on the left) */
  pinned?: 'left' | 'right' | null;
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
  /**
   * the last sync error, shown to the user, cleared on the next success;
   * `kind` is the backend's error kind where it gave one (auth, forbidden, rateLimited, …)
   */
  error: { code: string; message: string; kind?: string } | null;
}

export interface MetricSummary {
  /** dialogs where the metric is defined */
  count: number;
  median: number | null;
  p90: number | null;
  max: number | null;
  /**
   * Set when median and p90 were read from a rollup histogram rather than
   * from every value: each exact value lies within its bounds (one bin wide).
   * Count and max are always exact.
   */
  approximate: { median: ValueBounds; p90: ValueBounds } | null;
}

/** Inclusive bounds, in the metric's unit (seconds). */
export interface ValueBounds {
  low: number;
  high: number;
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
  /** `rollup`: from the maintained rollups and the live dialogs (percentiles may be approximate); `scan`: every row read, all exact */
  method: 'rollup' | 'scan';
  /** what the summary's charts draw beyond the parts above; null unless the request asked for `charts` */
  charts: SummaryCharts | null;
}

/** The charts' part of a summary: every figure exact, whichever the method (docs/metrics.md "Charts"). */
export interface SummaryCharts {
  /** dialogs per local day of creation (the services' zone, as the date presets), every day from the first to the last that has any */
  byDay: Array<{ /** the day's local midnight, epoch ms */ day: number; count: number }>;
  /** dialogs per local hour of creation, 24 entries (hour 0 first) */
  byHour: number[];
  /** dialogs left out of byDay and byHour: no creation date, or one outside 2000–2099 */
  undated: number;
  /** upper edges of the response-time bins, seconds, each bin (previous edge, edge]; a last bin holds everything above */
  binEdges: number[];
  /** per metric, dialogs per bin (binEdges.length + 1 counts) */
  bins: Record<MetricId, number[]>;
}

/** A long piece of work running off the request path (recompute now; exports and bulk actions later). */
export interface JobInfo {
  id: number;
  kind: 'recompute' | 'export';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  /** why it failed, for the user */
  error: string | null;
  /** what a finished job made for the user to fetch (an export: its file) */
  result?: ExportFile | null;
}

export interface DialogPage {
  rows: DialogListItem[];
  /** rows matching the filter */
  total: number;
}

/**
 * Channel → request and response: the core channels here, each later domain's
 * in its own file (contract-workspace.ts, contract-export.ts), merged.
 */
export interface Contract extends CoreContract, WorkspaceContract, ExportContract, ActionsContract, SourcesContract, AuditContract {}

export interface CoreContract {
  /** Version, shell, backend and data location. */
  'app:info': { request: Record<string, never>; response: AppInfo };
  /** One block of grid rows, filtered and sorted by SQL. */
  'dialogs:list': {
    request: {
      filter: DialogFilter;
      sort: SortSpec;
      startRow: number;
      endRow: number;
      /** with a quick search: 'relevance' puts the best matches first instead of `sort` (default 'sort') */
      rank?: 'relevance' | 'sort';
    };
    response: DialogPage;
  };
  /** One dialog's row. */
  'dialogs:get': { request: { id: number }; response: DialogListItem };
  /** A dialog's history: messages and events in timeline order. */
  'dialogs:history': {
    /** `search`: the quick search, whose matches each entry's `highlights` mark */
    request: { id: number; search?: string };
    /** highlights: [start, end) UTF-16 offsets into the entry's text, where the search matches (folded as the index folds) */
    response: { dialog: DialogListItem; entries: Array<HistoryEntry & { highlights?: Array<[number, number]> }> };
  };
  /** Why each metric of a dialog has its value. */
  'metrics:explain': { request: { id: number }; response: DialogExplanation };
  /** Counts and metric summaries for the dialogs a filter selects. */
  'metrics:aggregate': { request: { filter: DialogFilter; sla?: SlaThresholds; /** also the charts' part */ charts?: boolean }; response: Aggregates };
  /** Start recomputing every dialog's statuses and metrics from the stored timelines, as a job (one at a time). */
  'metrics:recompute': { request: Record<string, never>; response: JobInfo };
  /** Jobs running or finished in this session, newest first. */
  'jobs:list': { request: Record<string, never>; response: JobInfo[] };
  /** Ask a running job to stop; it stops between chunks. */
  'jobs:cancel': { request: { id: number }; response: JobInfo };
  /** Lines, operators and channels, for labels and filter choices. */
  'reference:get': {
    request: Record<string, never>;
    response: { lines: OpenLine[]; operators: Operator[]; channels: string[] };
  };
  /** The sync engine's state. */
  'sync:status': { request: Record<string, never>; response: SyncStatus };
  /** Pull from the backend now, until caught up; answers the status after it. */
  'sync:now': { request: Record<string, never>; response: SyncStatus };
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
  'jobs:list',
  'jobs:cancel',
  'reference:get',
  'sync:status',
  'sync:now',
  'settings:get',
  'settings:set',
  ...WORKSPACE_CHANNELS,
  ...EXPORT_CHANNELS,
  ...ACTIONS_CHANNELS,
  ...SOURCES_CHANNELS,
  ...AUDIT_CHANNELS,
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
  /** A job started, progressed or ended. */
  'jobs:progress': JobInfo;
  /** Outbox entries changed state (queued, sent, failed, cancelled). */
  'outbox:changed': OutboxChangedEvent;
  /** The console switched to another data source (sources:connect / sources:use): reload everything shown. */
  'sources:changed': SourcesChangedEvent;
  /** Desktop only: a menu item was clicked (the same commands as the palette). */
  'menu:command': MenuCommandEvent;
}
export type EventName = keyof Events;

export const EVENT_NAMES = ['dialogs:changed', 'sync:status', 'jobs:progress', 'outbox:changed', 'sources:changed', 'menu:command'] as const satisfies readonly EventName[];

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNKNOWN_CHANNEL',
  'UNAVAILABLE',
  'CONFLICT',
  /** the answer would be larger than the transport carries; ask for less at once */
  'TOO_LARGE',
  /** a newer request of the same kind replaced this one before it ran */
  'SUPERSEDED',
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
