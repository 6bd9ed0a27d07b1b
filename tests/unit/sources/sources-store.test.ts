/**
 * sources.json: private, atomic, recovered when damaged, and a portal's
 * secret never written in clear when the box seals it.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWebhookUrl, type WebhookUrl } from '../../../electron/app/backends/webhook-url.ts';
import type { SecretBox } from '../../../electron/app/sources/secret-box.ts';
import { plainSecretBox } from '../../../electron/app/sources/secret-box.ts';
import { sourcesFile } from '../../../electron/app/sources/sources-file.ts';
import { openSourcesStore, SourceUnavailableError } from '../../../electron/app/sources/sources-store.ts';
import { silentLog, tempDir } from '../../support/temp-cache.ts';

const SECRET = 'k3y9secretValue42';
const webhook = parseWebhookUrl(`https://acme.bitrix24.ru/rest/7/${SECRET}/`) as WebhookUrl;

/** A box that really transforms: AES-GCM under a key only this test holds. */
function testBox(key = crypto.randomBytes(32)): SecretBox {
  return {
    storage: 'encrypted',
    seal(secret) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('sources store', () => {
  it('keeps a connected portal in a 0600 file, sealed by the box, and opens it back', () => {
    const dir = tempDir();
    const box = testBox();
    const store = openSourcesStore(dir, box, silentLog);
    const saved = store.savePortal(webhook, 'Anna Smirnova', 'enterprise');
    store.setCurrent(saved.id);
    expect(saved).toEqual({ id: 'bitrix24:acme.bitrix24.ru:u7', kind: 'bitrix24', label: 'acme.bitrix24.ru — Anna Smirnova', plan: 'enterprise', secretStorage: 'encrypted' });
    expect(JSON.stringify(saved)).not.toContain(SECRET);

    const text = fs.readFileSync(sourcesFile(dir), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).toContain('acme.bitrix24.ru');
    if (process.platform !== 'win32') expect(fs.statSync(sourcesFile(dir)).mode & 0o777).toBe(0o600);
    // no temporary file is left beside it
    expect(fs.readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);

    const again = openSourcesStore(dir, box, silentLog);
    expect(again.currentId).toBe(saved.id);
    expect(again.configOf(saved.id)).toEqual({ kind: 'bitrix24', webhookUrl: webhook.url, plan: 'enterprise' });
  });

  it('says in plain words when the secret cannot be opened here (another key, or no keychain now)', () => {
    const dir = tempDir();
    const store = openSourcesStore(dir, testBox(), silentLog);
    const saved = store.savePortal(webhook, 'Anna', 'standard');
    expect(() => openSourcesStore(dir, testBox(), silentLog).configOf(saved.id)).toThrow(SourceUnavailableError);
    expect(() => openSourcesStore(dir, plainSecretBox, silentLog).configOf(saved.id)).toThrow(/keychain, which is not available now/);
    try {
      openSourcesStore(dir, testBox(), silentLog).configOf(saved.id);
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });

  it('with the plain box, writes the webhook as it is (the file mode is its protection) and says so', () => {
    const dir = tempDir();
    const saved = openSourcesStore(dir, plainSecretBox, silentLog).savePortal(webhook, 'Anna', 'standard');
    expect(saved.secretStorage).toBe('plainFile');
    expect(fs.readFileSync(sourcesFile(dir), 'utf8')).toContain(SECRET);
    if (process.platform !== 'win32') expect(fs.statSync(sourcesFile(dir)).mode & 0o777).toBe(0o600);
    // a plain entry reads under a sealing box too (browser mode, then the desktop, on one folder)
    expect(openSourcesStore(dir, testBox(), silentLog).configOf(saved.id)).toMatchObject({ webhookUrl: webhook.url });
  });

  it('moves a damaged file aside with a notice and starts empty; a file of the wrong shape too', () => {
    for (const damaged of ['{"version":1, "saved": [', JSON.stringify({ version: 1, current: null, saved: [{ kind: 'bitrix24', id: 1 }] })]) {
      const dir = tempDir();
      fs.writeFileSync(sourcesFile(dir), damaged, { mode: 0o600 });
      const warnings: unknown[] = [];
      const store = openSourcesStore(dir, plainSecretBox, { ...silentLog, warn: (...args: unknown[]) => warnings.push(args) });
      expect(store.notice?.kind).toBe('sourcesReset');
      expect(store.saved()).toEqual([]);
      expect(fs.existsSync(sourcesFile(dir))).toBe(false);
      expect(fs.readFileSync(store.notice!.movedTo, 'utf8')).toBe(damaged);
      expect(path.dirname(store.notice!.movedTo)).toBe(dir);
      expect(warnings).toHaveLength(1);
      // the next save writes a good file again
      store.saveDemo({ kind: 'demo', seed: 2 });
      expect(openSourcesStore(dir, plainSecretBox, silentLog).saved().map((s) => s.id)).toEqual(['demo:seed2']);
    }
  });

  it('forgets a source and clears the current choice when it was that one', () => {
    const dir = tempDir();
    const store = openSourcesStore(dir, plainSecretBox, silentLog);
    const portal = store.savePortal(webhook, 'Anna', 'standard');
    store.saveDemo({ kind: 'demo', seed: 2 });
    store.setCurrent(portal.id);
    store.forget(portal.id);
    expect(store.currentId).toBeNull();
    expect(openSourcesStore(dir, plainSecretBox, silentLog).saved().map((s) => s.id)).toEqual(['demo:seed2']);
  });
});
