/**
 * Sources' slice of the IPC contract: which data source the console reads
 * (the demo world or a Bitrix24 portal), connecting a portal by its inbound
 * webhook, and switching between the sources connected before, each with its
 * own cache. Merged into `Contract` in ./contract.ts; request schemas in
 * ./schemas-sources.ts, handlers in electron/app/ipc/handlers/sources.ts.
 *
 * The webhook URL holds the portal's secret: it goes in (test, connect) and
 * never comes back out. Every answer names a portal by host and user only.
 */

export const SOURCE_KINDS = ['demo', 'bitrix24'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_PLANS = ['standard', 'enterprise'] as const;
export type SourcePlan = (typeof SOURCE_PLANS)[number];

/** The REST scopes the console needs from a webhook. */
export const WEBHOOK_SCOPES = ['imopenlines', 'im', 'crm', 'user'] as const;
export type WebhookScope = (typeof WEBHOOK_SCOPES)[number];

/**
 * How a saved portal's secret is kept: sealed by the OS keychain (Electron's
 * safeStorage), or in a file only this user may read (browser mode, or no
 * keychain); null for the demo world, which has no secret.
 */
export type SecretStorage = 'encrypted' | 'plainFile' | null;

export interface CurrentSource {
  kind: SourceKind;
  /** the demo world's seed, or the portal host and the webhook user's name */
  label: string;
  /** stable and secret-free: `demo:seed1`, `bitrix24:portal.bitrix24.ru:u7` */
  id: string;
}

export interface SavedSource extends CurrentSource {
  /** a portal's plan (request limits); absent for the demo world */
  plan?: SourcePlan;
  secretStorage: SecretStorage;
}

export interface SourcesList {
  current: CurrentSource;
  saved: SavedSource[];
  /** how a portal connected now would keep its secret (the dialog warns when it is a plain file) */
  newSecretStorage: 'encrypted' | 'plainFile';
}

export interface WebhookTestResult {
  /** the portal's host */
  portal: string;
  /** the webhook user's name, as the portal says it */
  userName: string;
  scopes: Record<WebhookScope, boolean>;
  /** the scopes that did not work, for the user to add to the webhook */
  missing: WebhookScope[];
}

export interface SourcesContract {
  /** The current source and every source the user can switch to. */
  'sources:list': { request: Record<string, never>; response: SourcesList };
  /** Try a webhook without saving it: which scopes work, or why it does not (VALIDATION / UNAVAILABLE, in plain words). */
  'sources:test': { request: { webhookUrl: string; plan?: SourcePlan }; response: WebhookTestResult };
  /** Save a portal (its secret sealed) and switch to it; `sources:changed` follows. */
  'sources:connect': { request: { webhookUrl: string; plan: SourcePlan }; response: SourcesList };
  /** Switch to a listed source; its own cache opens, the previous one stays on disk. */
  'sources:use': { request: { id: string }; response: SourcesList };
  /** Remove a saved source (never the current one); its cache file stays unless `deleteCache`. */
  'sources:forget': { request: { id: string; deleteCache?: boolean }; response: SourcesList };
}

/** Sources' channels, for allow-lists that must not pull in the schemas. */
export const SOURCES_CHANNELS = ['sources:list', 'sources:test', 'sources:connect', 'sources:use', 'sources:forget'] as const satisfies ReadonlyArray<
  keyof SourcesContract
>;

/** Why a webhook did not work, as the user can act on it. */
export const WEBHOOK_FAILURES = ['unreachable', 'revoked', 'noRights', 'notWebhook'] as const;
export type WebhookFailure = (typeof WEBHOOK_FAILURES)[number];

/**
 * The services' words for each failure (the error's message); the renderer
 * shows its own translation of the same reason when the message is one of these.
 */
export const WEBHOOK_FAILURE_MESSAGES: Record<WebhookFailure, string> = {
  notWebhook: 'This is not a Bitrix24 inbound webhook. In Bitrix24 open Developer resources → Other → Inbound webhook and copy its URL.',
  unreachable: 'The portal could not be reached. Check the address and the network, then try again.',
  revoked: 'The portal refused this webhook: it was deleted, revoked or has expired. Create a new inbound webhook in Bitrix24 → Developer resources.',
  noRights: 'The webhook works, but its user may not read open lines. Ask a portal administrator for access to Open Lines, or create the webhook as such a user.',
};

/** The push event after a switch: the renderer reloads what it shows. */
export interface SourcesChangedEvent {
  current: CurrentSource;
}
