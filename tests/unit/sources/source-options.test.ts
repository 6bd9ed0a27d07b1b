/**
 * Which source a launch names: the demo world by default, a Bitrix24 portal by
 * its webhook (from the command line, a private file or the environment), one
 * cache file per portal and user, and every mistake one line without the secret.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileName } from '../../../electron/app/backends/factory.ts';
import { sourceFromOptions } from '../../../electron/app/backends/source-options.ts';
import { parseWebhookUrl } from '../../../electron/app/backends/webhook-url.ts';
import { progressLine } from '../../../electron/tools/sync.ts';

const SECRET = 'k3yS3cr3tValue42';
const HOOK = `https://acme.bitrix24.ru/rest/7/${SECRET}/`;
const errorOf = (value: unknown): string => (value as { error: string }).error;

describe('webhook URLs', () => {
  it('accepts the forms a user pastes and normalises them', () => {
    expect(parseWebhookUrl(HOOK)).toEqual({ url: HOOK, portal: 'acme.bitrix24.ru', userId: 7 });
    expect(parseWebhookUrl(`  https://acme.bitrix24.ru/rest/7/${SECRET}  `)).toEqual({ url: HOOK, portal: 'acme.bitrix24.ru', userId: 7 });
    // copied with a method at the end, as in the portal's own example
    expect(parseWebhookUrl(`https://acme.bitrix24.ru/rest/7/${SECRET}/profile.json`)).toMatchObject({ url: HOOK });
    expect(parseWebhookUrl(`http://127.0.0.1:8123/rest/1/${SECRET}/`)).toMatchObject({ portal: '127.0.0.1:8123', userId: 1 });
  });

  it('refuses what is not a webhook, never repeating the secret', () => {
    const bad = [
      'not a url',
      `http://acme.bitrix24.ru/rest/7/${SECRET}/`,
      `ftp://acme.bitrix24.ru/rest/7/${SECRET}/`,
      `https://user:pw@acme.bitrix24.ru/rest/7/${SECRET}/`,
      `https://acme.bitrix24.ru/rest/7/${SECRET}/?auth=1`,
      `https://acme.bitrix24.ru/rest/x/${SECRET}/`,
      `https://acme.bitrix24.ru/rest/0/${SECRET}/`,
      `https://acme.bitrix24.ru/api/7/${SECRET}/`,
      'https://acme.bitrix24.ru/rest/7/',
    ];
    for (const text of bad) {
      const result = parseWebhookUrl(text);
      expect(result, text).toHaveProperty('error');
      expect(errorOf(result)).not.toContain(SECRET);
    }
    expect(errorOf(parseWebhookUrl(`http://acme.bitrix24.ru/rest/7/${SECRET}/`))).toMatch(/https/);
  });
});

describe('launch options', () => {
  it('names the demo world by default and with its options', () => {
    expect(sourceFromOptions({}, {})).toEqual({ kind: 'demo', seed: 1, speed: 1, historyDays: 30 });
    expect(sourceFromOptions({ seed: '4', speed: '0', 'history-days': '2' }, {})).toEqual({ kind: 'demo', seed: 4, speed: 0, historyDays: 2 });
    expect(errorOf(sourceFromOptions({ seed: '1.5' }, {}))).toMatch(/--seed must be a whole number/);
    expect(errorOf(sourceFromOptions({ speed: '-1' }, {}))).toMatch(/--speed/);
    expect(errorOf(sourceFromOptions({ plan: 'enterprise' }, {}))).toMatch(/--plan is for a Bitrix24 portal/);
  });

  it('names a portal by --webhook, --webhook-file or OLS_WEBHOOK, with its plan', () => {
    expect(sourceFromOptions({ webhook: HOOK }, {})).toEqual({ kind: 'bitrix24', webhookUrl: HOOK, plan: 'standard' });
    expect(sourceFromOptions({ webhook: HOOK, plan: 'enterprise' }, {})).toMatchObject({ plan: 'enterprise' });
    expect(sourceFromOptions({}, { OLS_WEBHOOK: ` ${HOOK}\n` })).toMatchObject({ kind: 'bitrix24', webhookUrl: HOOK });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-source-'));
    const file = path.join(dir, 'webhook.txt');
    fs.writeFileSync(file, `\n${HOOK}\n`, { mode: 0o600 });
    expect(sourceFromOptions({ 'webhook-file': file }, {})).toMatchObject({ kind: 'bitrix24', webhookUrl: HOOK });
    // the command line wins over the environment
    const other = 'https://other.bitrix24.ru/rest/3/abcdef12/';
    expect(sourceFromOptions({ webhook: other }, { OLS_WEBHOOK: HOOK })).toMatchObject({ webhookUrl: other });
  });

  it('says what is wrong in one line, never with the secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-source-'));
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '\n\n');
    const cases: Array<[Parameters<typeof sourceFromOptions>[0], RegExp]> = [
      [{ webhook: HOOK, 'webhook-file': empty }, /not both/],
      [{ 'webhook-file': path.join(dir, 'missing') }, /cannot read --webhook-file .* ENOENT/],
      [{ 'webhook-file': empty }, /is empty/],
      [{ webhook: HOOK, seed: '2' }, /--seed is for the demo world/],
      [{ webhook: HOOK, plan: 'gold' }, /--plan must be standard or enterprise/],
      [{ webhook: `http://acme.bitrix24.ru/rest/7/${SECRET}/` }, /https/],
    ];
    for (const [values, message] of cases) {
      const result = sourceFromOptions(values, {});
      expect(errorOf(result)).toMatch(message);
      expect(errorOf(result)).not.toContain(SECRET);
    }
  });

  it('keeps one cache per source: per demo seed, per portal and user, never by the secret', () => {
    expect(cacheFileName({ kind: 'demo', seed: 3 })).toBe('cache-demo-seed3.sqlite');
    const portal = cacheFileName({ kind: 'bitrix24', webhookUrl: HOOK });
    expect(portal).toBe('cache-bitrix24-acme.bitrix24.ru-u7.sqlite');
    expect(portal).not.toContain(SECRET);
    // a new secret for the same user keeps the cache; another user gets their own
    expect(cacheFileName({ kind: 'bitrix24', webhookUrl: 'https://acme.bitrix24.ru/rest/7/another1234/' })).toBe(portal);
    expect(cacheFileName({ kind: 'bitrix24', webhookUrl: `https://acme.bitrix24.ru/rest/8/${SECRET}/` })).not.toBe(portal);
    expect(cacheFileName({ kind: 'bitrix24', webhookUrl: `http://127.0.0.1:8123/rest/1/${SECRET}/` })).toBe('cache-bitrix24-127.0.0.1_8123-u1.sqlite');
  });
});

describe('sync progress line', () => {
  it('shows counts, share, rate and time left during the backfill', () => {
    const status = { phase: 'backfill' as const, progress: 0.25, dialogs: 1000, lastSyncAt: 0, error: null };
    const line = progressLine(status, [{ at: 0, dialogs: 0 }, { at: 10_000, dialogs: 1000 }]);
    // 100/s; 3,000 to go → 30 s
    expect(line).toBe('sync: backfill, 1,000 dialogs, 25%, 100/s, ETA 30 s');
    expect(progressLine({ ...status, phase: 'live', progress: 1 }, [{ at: 0, dialogs: 1000 }])).toBe('sync: live, 1,000 dialogs');
    expect(progressLine({ ...status, error: { code: 'X', message: 'the portal is unreachable' } }, [])).toMatch(/— the portal is unreachable$/);
  });
});
