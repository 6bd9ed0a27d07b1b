/**
 * Settings persistence behind a tiny interface: electron-store in Electron
 * (electron/main), `conf` (the library electron-store wraps) under plain Node.
 * Values are validated on the way in by the IPC schema and on the way out here,
 * so a hand-edited or corrupt settings file falls back to defaults per key.
 */
import Conf from 'conf';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/ipc/contract.ts';
import { requestSchemas } from '../../../shared/ipc/schemas.ts';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export function openNodeSettingsStore(dataDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'open-lines-supervisor' });
  return { get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) };
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
