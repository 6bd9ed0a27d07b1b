/**
 * Settings persistence behind a tiny interface: electron-store in Electron
 * (electron/main), `conf` (the library electron-store wraps) under plain Node.
 * Values are validated on the way in by the IPC schema and on the way out here,
 * so a hand-edited or corrupt settings file falls back to defaults per key.
 */
import Conf from 'conf';
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings, type StartupNotice } from '../../../shared/ipc/contract.ts';
import { requestSchemas } from '../../../shared/ipc/schemas.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { moveAside, PRIVATE_FILE_MODE } from '../storage/private-files.ts';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** The settings file both shells use (electron-store and conf name it the same way). */
export const settingsFile = (dataDir: string) => path.join(dataDir, 'settings.json');

export interface OpenedSettings {
  store: KeyValueStore;
  /** set when a damaged file was moved aside and defaults are in use */
  notice: StartupNotice | null;
}

/**
 * Opens a settings store; a file that does not parse (or that the library
 * refuses) is moved aside with a log line and a notice for the user, and the
 * store starts from defaults. Settings never keep the app from starting.
 */
export function openSettingsWithRecovery(file: string, open: () => KeyValueStore, log: Logger): OpenedSettings {
  try {
    const store = open();
    // Libraries read lazily: touch the file now, so a damaged one fails here and not in a handler.
    store.get('language');
    return { store, notice: null };
  } catch (error) {
    const movedTo = moveAside(file, 'corrupt');
    log.warn(`[settings] ${file} could not be read (${error instanceof Error ? error.message : String(error)}); moved to ${movedTo}, using defaults`);
    return { store: open(), notice: { kind: 'settingsReset', movedTo } };
  }
}

export function openNodeSettingsStore(dataDir: string, log: Logger = console): OpenedSettings {
  const file = settingsFile(dataDir);
  return openSettingsWithRecovery(
    file,
    () => {
      const conf = new Conf<Record<string, unknown>>({
        cwd: dataDir,
        configName: 'settings',
        projectName: 'open-lines-supervisor',
        configFileMode: PRIVATE_FILE_MODE,
      });
      return { get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) };
    },
    log,
  );
}

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

export function readSettings(store: KeyValueStore): Settings {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) raw[key] = store.get(key);
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    if (raw[key] === undefined) continue;
    const one = requestSchemas['settings:set'].safeParse({ [key]: raw[key] });
    if (one.success) result[key] = (one.data as Record<string, unknown>)[key];
  }
  return result as unknown as Settings;
}

export function writeSettings(store: KeyValueStore, patch: Partial<Settings>): Settings {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) store.set(key, value);
  }
  return readSettings(store);
}
