/**
 * One data source at a time behind a Services object that never changes.
 * The shells (browser mode's host, Electron's ipcMain) hold this object's
 * `invoke` and `onEvent` for the whole launch; a switch closes the running
 * services (sync, workers, cache) and starts the new source's own, each with
 * its own cache file, so switching back finds the old rows where they were.
 *
 * The source at launch: explicit launch options (--webhook, --seed…) win,
 * then the source saved as current, then the demo world.
 */
import { createEventFanout } from './event-fanout.ts';
import fs from 'node:fs';
import path from 'node:path';
import type { SourcePlan, SourcesList, WebhookTestResult } from '../../shared/ipc/contract-sources.ts';
import { cacheFileName, type BackendConfig, type DemoBackendConfig } from './backends/factory.ts';
import type { WebhookUrl } from './backends/webhook-url.ts';
import { AppError } from './ipc/app-error.ts';
import { redactText, redactValue } from './log/redact.ts';
import type { SourcesControl } from './ipc/handlers/context.ts';
import { createServices, type Services, type ServicesOptions } from './services.ts';
import type { SecretBox } from './sources/secret-box.ts';
import { describeConfig, openSourcesStore, sourceIdOf, SourceUnavailableError } from './sources/sources-store.ts';
import { FAILURE_MESSAGES, testResult, type WebhookTester } from './sources/webhook-test.ts';

export const DEFAULT_DEMO: DemoBackendConfig = { kind: 'demo', seed: 1, speed: 1, historyDays: 30 };

export interface SourceSwitchOptions extends Omit<ServicesOptions, 'backend' | 'sources'> {
  /** the source the launch options name; null when they name none */
  launch: BackendConfig | null;
  /** how a connected portal's secret is sealed (the shell's choice) */
  secretBox: SecretBox;
  /** tries a webhook (the Bitrix24 connector's testWebhook) */
  testWebhook: WebhookTester;
}

export function createSourceSwitch(options: SourceSwitchOptions): Services {
  const log = options.log ?? console;
  const store = openSourcesStore(options.dataDir, options.secretBox, log);
  const events = createEventFanout(log, 'sources');
  const emit = events.emit;
  // the demo world to come back to: the launch's own when it was one, so its seed and pace stay
  const demo: DemoBackendConfig = options.launch?.kind === 'demo' ? options.launch : DEFAULT_DEMO;
  let config = initialSource(options.launch, store, demo, log);
  let running: Services | null = null;
  let unsubscribe = () => {};
  // one switch at a time; requests wait for the one under way
  let switching: Promise<void> = Promise.resolve();
  let closed = false;

  const build = (next: BackendConfig, first: boolean) => {
    const services = createServices({
      ...options,
      backend: next,
      // what start-up repaired is told once, by the first source's services
      notices: first ? [...(options.notices ?? []), ...(store.notice ? [store.notice] : [])] : [],
      sources: control,
    });
    unsubscribe = services.onEvent(emit);
    running = services;
    return services;
  };

  const list = (): SourcesList => {
    const saved = store.saved();
    const current = describeConfig(config);
    return {
      current: saved.find((s) => s.id === current.id) ?? current,
      saved: saved.some((s) => s.id === demoIdOf(demo)) ? saved : [{ ...describeConfig(demo), secretStorage: null }, ...saved],
      newSecretStorage: options.secretBox.storage,
    };
  };

  /** Close what runs, start `next`; when it cannot start, the previous source comes back and the error says why. */
  const switchTo = (next: BackendConfig): Promise<void> => {
    const work = switching.then(async () => {
      if (closed) throw new AppError('UNAVAILABLE', 'The application is shutting down.');
      const previous = config;
      unsubscribe();
      await running?.close();
      config = next;
      try {
        await build(next, false).start();
      } catch (error) {
        log.warn(`[sources] ${describeConfig(next).id} did not start; back to ${describeConfig(previous).id}`, redactValue(error));
        unsubscribe();
        await running?.close();
        config = previous;
        await build(previous, false).start().catch((again: unknown) => log.error('[sources] the previous source did not start again either', redactValue(again)));
        throw new AppError('UNAVAILABLE', `The source could not be opened: ${redactText((error as Error).message)}`);
      }
      log.info(`[sources] switched to ${describeConfig(next).id}`);
      emit('sources:changed', { current: list().current });
    });
    switching = work.catch(() => undefined);
    return work;
  };

  const probe = async (webhook: WebhookUrl, plan: SourcePlan | undefined): Promise<WebhookTestResult> => {
    let answer;
    try {
      answer = await options.testWebhook({ webhookUrl: webhook.url, plan, log });
    } catch (error) {
      // the connector's error may quote the URL it called: only its redacted form is logged
      log.warn(`[sources] testing the webhook of ${webhook.portal} failed`, redactValue(error));
      throw new AppError('UNAVAILABLE', FAILURE_MESSAGES.unreachable);
    }
    if (!answer.ok) {
      log.info(`[sources] the webhook of ${webhook.portal} did not work: ${answer.reason}${answer.detail ? ` (${answer.detail})` : ''}`);
      throw new AppError(answer.reason === 'notWebhook' ? 'VALIDATION' : 'UNAVAILABLE', FAILURE_MESSAGES[answer.reason]);
    }
    return testResult(answer);
  };

  const control: SourcesControl = {
    list,
    test: (webhook, plan) => probe(webhook, plan),
    async connect(webhook, plan) {
      const tested = await probe(webhook, plan);
      if (!tested.scopes.imopenlines) throw new AppError('VALIDATION', 'The webhook lacks the imopenlines scope, without which no dialog can be read; add it in Bitrix24 → Developer resources.');
      const known = store.find(sourceIdOf({ kind: 'bitrix24', webhookUrl: webhook.url }));
      // saved before the switch, so sources:changed already names the user; a portal that would not open is not kept
      const saved = store.savePortal(webhook, tested.userName, plan);
      try {
        await switchTo({ kind: 'bitrix24', webhookUrl: webhook.url, plan });
      } catch (error) {
        if (!known) store.forget(saved.id);
        throw error;
      }
      store.setCurrent(saved.id);
      return list();
    },
    async use(id) {
      if (id === describeConfig(config).id) return list();
      let next: BackendConfig;
      if (id === demoIdOf(demo) && !store.find(id)) next = demo;
      else if (store.find(id)) {
        try {
          next = store.configOf(id);
        } catch (error) {
          if (error instanceof SourceUnavailableError) throw new AppError('UNAVAILABLE', error.message);
          throw error;
        }
      } else throw new AppError('NOT_FOUND', 'This source is not in the list; connect it first.');
      await switchTo(next);
      store.setCurrent(id);
      return list();
    },
    forget(id, deleteCache) {
      if (id === describeConfig(config).id) throw new AppError('CONFLICT', 'The source in use cannot be forgotten; switch to another one first.');
      if (!store.find(id)) throw new AppError('NOT_FOUND', 'This source is not in the list.');
      // the cache file is named by the source, never by the secret: for a portal it is the portal and user
      const cache = cacheFileOf(id, store, demo);
      store.forget(id);
      if (deleteCache && cache) {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(options.dataDir, cache + suffix), { force: true });
      }
      return list();
    },
  };

  build(config, true);
  return {
    async invoke(channel, request) {
      await switching;
      return running!.invoke(channel, request);
    },
    onEvent(listener) {
      return events.subscribe(listener);
    },
    async start() {
      await switching;
      try {
        await running!.start();
      } catch (error) {
        // a source the user named at launch fails loudly; the one saved last time gives way to the demo world
        if (options.launch || describeConfig(config).id === demoIdOf(demo)) throw error;
        log.warn(`[sources] the saved source ${describeConfig(config).id} did not start; opening the demo world`, redactValue(error));
        unsubscribe();
        await running!.close();
        config = demo;
        await build(demo, true).start();
      }
    },
    async close() {
      closed = true;
      await switching;
      await running?.close();
    },
  };
}

const demoIdOf = (config: DemoBackendConfig) => sourceIdOf(config);

function initialSource(launch: BackendConfig | null, store: ReturnType<typeof openSourcesStore>, demo: DemoBackendConfig, log: NonNullable<ServicesOptions['log']>): BackendConfig {
  if (launch) return launch;
  const saved = store.currentId;
  if (saved === null) return demo;
  if (saved === demoIdOf(demo) && !store.find(saved)) return demo;
  try {
    return store.configOf(saved);
  } catch (error) {
    log.warn(`[sources] the saved source ${saved} cannot be used (${(error as Error).message}); starting on the demo world`);
    return demo;
  }
}

function cacheFileOf(id: string, store: ReturnType<typeof openSourcesStore>, demo: DemoBackendConfig): string | null {
  try {
    return cacheFileName(id === demoIdOf(demo) && !store.find(id) ? demo : store.configOf(id));
  } catch {
    return null;
  }
}
