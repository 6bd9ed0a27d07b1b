/**
 * The saved sources as the services use them: ids, labels, the current
 * choice, and each source's BackendConfig (a portal's webhook opened from its
 * SecretBox only here, only when the source is about to be used). What this
 * returns for the UI never holds the webhook.
 */
import type { CurrentSource, SavedSource, SourcePlan } from '../../../shared/ipc/contract-sources.ts';
import type { StartupNotice } from '../../../shared/ipc/contract.ts';
import type { BackendConfig, DemoBackendConfig } from '../backends/factory.ts';
import type { WebhookUrl } from '../backends/webhook-url.ts';
import { parseWebhookUrl } from '../backends/webhook-url.ts';
import type { Logger } from '../ipc/dispatch.ts';
import type { SecretBox } from './secret-box.ts';
import { readSourcesFile, writeSourcesFile, type PortalEntry, type SourceEntry, type SourcesFileData } from './sources-file.ts';

export const demoSourceId = (seed: number) => `demo:seed${seed}`;
export const portalSourceId = (portal: string, userId: number) => `bitrix24:${portal}:u${userId}`;

/** The id of any config, the same one its saved entry has. */
export function sourceIdOf(config: BackendConfig): string {
  if (config.kind === 'demo') return demoSourceId(config.seed);
  const webhook = parseWebhookUrl(config.webhookUrl);
  if ('error' in webhook) throw new Error(webhook.error);
  return portalSourceId(webhook.portal, webhook.userId);
}

function describeEntry(entry: SourceEntry): SavedSource {
  if (entry.kind === 'demo') return { id: entry.id, kind: 'demo', label: `#${entry.seed}`, secretStorage: null };
  return { id: entry.id, kind: 'bitrix24', label: `${entry.portal} — ${entry.userName}`, plan: entry.plan, secretStorage: entry.secretStorage };
}

/** A source that is running but not saved (a --webhook launch): its label without a user name. */
export function describeConfig(config: BackendConfig): CurrentSource {
  if (config.kind === 'demo') return { id: demoSourceId(config.seed), kind: 'demo', label: `#${config.seed}` };
  const webhook = parseWebhookUrl(config.webhookUrl);
  if ('error' in webhook) throw new Error(webhook.error);
  return { id: portalSourceId(webhook.portal, webhook.userId), kind: 'bitrix24', label: webhook.portal };
}

export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
}

export interface SourcesStore {
  readonly notice: StartupNotice | null;
  readonly currentId: string | null;
  saved(): SavedSource[];
  find(id: string): SavedSource | null;
  /** the config to run a saved source with; throws SourceUnavailableError when its secret cannot be opened here */
  configOf(id: string): BackendConfig;
  savePortal(webhook: WebhookUrl, userName: string, plan: SourcePlan): SavedSource;
  saveDemo(config: DemoBackendConfig): SavedSource;
  setCurrent(id: string): void;
  forget(id: string): void;
}

export function openSourcesStore(dataDir: string, box: SecretBox, log: Logger): SourcesStore {
  const opened = readSourcesFile(dataDir, log);
  let data: SourcesFileData = opened.data;
  const commit = (next: SourcesFileData) => {
    writeSourcesFile(dataDir, next);
    data = next;
  };
  const entry = (id: string) => data.saved.find((e) => e.id === id) ?? null;
  const upsert = (next: SourceEntry) => {
    const saved = data.saved.some((e) => e.id === next.id) ? data.saved.map((e) => (e.id === next.id ? next : e)) : [...data.saved, next];
    commit({ ...data, saved });
    return describeEntry(next);
  };

  return {
    notice: opened.notice,
    get currentId() {
      return data.current;
    },
    saved: () => data.saved.map(describeEntry),
    find: (id) => {
      const found = entry(id);
      return found ? describeEntry(found) : null;
    },
    configOf(id) {
      const found = entry(id);
      if (!found) throw new SourceUnavailableError('This source is not saved.');
      if (found.kind === 'demo') return { kind: 'demo', seed: found.seed, speed: found.speed, historyDays: found.historyDays };
      return { kind: 'bitrix24', webhookUrl: openWebhook(found, box), plan: found.plan };
    },
    savePortal(webhook, userName, plan) {
      return upsert({
        id: portalSourceId(webhook.portal, webhook.userId),
        kind: 'bitrix24',
        portal: webhook.portal,
        userId: webhook.userId,
        userName,
        plan,
        sealedWebhook: box.seal(webhook.url),
        secretStorage: box.storage,
      });
    },
    saveDemo(config) {
      return upsert({ id: demoSourceId(config.seed), kind: 'demo', seed: config.seed, speed: config.speed, historyDays: config.historyDays });
    },
    setCurrent(id) {
      if (data.current !== id) commit({ ...data, current: id });
    },
    forget(id) {
      commit({ ...data, saved: data.saved.filter((e) => e.id !== id), current: data.current === id ? null : data.current });
    },
  };
}

function openWebhook(found: PortalEntry, box: SecretBox): string {
  // a plain entry (saved by browser mode in the same folder) reads anywhere; a sealed one needs the keychain that sealed it
  if (found.secretStorage === 'encrypted' && box.storage !== 'encrypted') {
    throw new SourceUnavailableError(`The webhook of ${found.portal} was saved encrypted by the system keychain, which is not available now; connect the portal again.`);
  }
  let url: string;
  try {
    url = found.secretStorage === 'plainFile' ? found.sealedWebhook : box.open(found.sealedWebhook);
  } catch {
    throw new SourceUnavailableError(`The saved webhook of ${found.portal} cannot be decrypted on this computer (another user or a reset keychain); connect the portal again.`);
  }
  const parsed = parseWebhookUrl(url);
  if ('error' in parsed) throw new SourceUnavailableError(`The saved webhook of ${found.portal} is damaged; connect the portal again.`);
  return parsed.url;
}
