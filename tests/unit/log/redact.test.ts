import { describe, expect, it } from 'vitest';
import { isSecretKey, REDACTED, redactText, redactValue, serializeError } from '../../../electron/app/log/redact.ts';

describe('redaction by key', () => {
  it.each([
    'token',
    'accessToken',
    'refresh_token',
    'X-Auth-Token',
    'authorization',
    'Authorization',
    'cookie',
    'Set-Cookie',
    'secret',
    'client_secret',
    'webhook',
    'webhookUrl',
    'password',
    'apiKey',
    'auth',
    'AUTH_ID',
    'text',
    'body',
    'MESSAGE',
    'lastMessageText',
    'supervisorComment',
  ])('hides the value of %s whatever its type', (key) => {
    expect(isSecretKey(key)).toBe(true);
    expect(redactValue({ [key]: 'x-value' })).toEqual({ [key]: REDACTED });
    expect(redactValue({ [key]: { nested: 1 } })).toEqual({ [key]: REDACTED });
  });

  it.each(['dialogId', 'status', 'count', 'context', 'code', 'url'])('keeps %s', (key) => {
    expect(isSecretKey(key)).toBe(false);
    expect(redactValue({ [key]: 42 })).toEqual({ [key]: 42 });
  });

  it('redacts at any depth, in arrays and maps, and keeps the rest', () => {
    const value = {
      dialog: { id: 7, messages: [{ text: 'hello, my card is 4111…' }] },
      list: [{ id: 1, body: 'private' }, { id: 2 }],
      headers: new Map([['authorization', 'Bearer abc'], ['accept', 'application/json']]),
    };
    expect(redactValue(value)).toEqual({
      dialog: { id: 7, messages: REDACTED },
      list: [{ id: 1, body: REDACTED }, { id: 2 }],
      headers: { authorization: REDACTED, accept: 'application/json' },
    });
    expect(JSON.stringify(redactValue(value))).not.toMatch(/hello|private|abc/);
  });

  it('survives cycles and keeps the same object seen twice side by side', () => {
    const shared = { id: 1 };
    const loop: Record<string, unknown> = { shared, again: shared };
    loop.self = loop;
    expect(redactValue(loop)).toEqual({ shared: { id: 1 }, again: { id: 1 }, self: '[circular]' });
  });
});

describe('redaction in strings', () => {
  it('replaces token= query parameters, keeping the others', () => {
    expect(redactText('GET /?token=abc123&seed=1')).toBe(`GET /?token=${REDACTED}&seed=1`);
    expect(redactText('http://127.0.0.1:5173/?x=1&token=9f8e7d')).toBe(`http://127.0.0.1:5173/?x=1&token=${REDACTED}`);
    expect(redactText('token=abc at start')).toBe(`token=${REDACTED} at start`);
    expect(redactText('https://p.example/rest/crm.lead.list?auth=oauthAccess&start=50')).toBe(
      `https://p.example/rest/crm.lead.list?auth=${REDACTED}&start=50`,
    );
    expect(redactText('?access_token=a.b.c&refresh_token=r1&client_secret=s2')).toBe(
      `?access_token=${REDACTED}&refresh_token=${REDACTED}&client_secret=${REDACTED}`,
    );
  });

  it('replaces Bearer tokens and Authorization header values', () => {
    expect(redactText('Authorization: Bearer eyJhbGciOi.J9eyJzdWIi.abc-_~+/=')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText('sent bearer abcdef to the host')).toBe(`sent bearer ${REDACTED} to the host`);
    expect(redactText('authorization: Basic dXNlcjpwYXNz')).toBe(`authorization: Basic ${REDACTED}`);
    expect(redactText('{"Authorization":"xyz"}')).toBe(`{"Authorization":"${REDACTED}"}`);
    // "Basic" is a common word: only an Authorization value is touched.
    expect(redactText('Basic setup failed')).toBe('Basic setup failed');
  });

  it('replaces the secret of a Bitrix24 inbound webhook, keeping portal and user', () => {
    expect(redactText('POST https://acme.bitrix24.ru/rest/1/a1b2c3d4e5f6g7h8/imopenlines.session.history.get.json failed')).toBe(
      `POST https://acme.bitrix24.ru/rest/1/${REDACTED}/imopenlines.session.history.get.json failed`,
    );
    expect(redactText('webhook https://crm.example.com:8443/rest/27/zzzz9999yyyy/')).toBe(
      `webhook https://crm.example.com:8443/rest/27/${REDACTED}/`,
    );
    expect(redactText('https://acme.bitrix24.ru/rest/1/s3cr3t')).toBe(`https://acme.bitrix24.ru/rest/1/${REDACTED}`);
    // an OAuth-style REST call has no secret in the path
    expect(redactText('https://acme.bitrix24.ru/rest/crm.lead.list')).toBe('https://acme.bitrix24.ru/rest/crm.lead.list');
  });

  it('redacts patterns inside structured string values and URL objects too', () => {
    expect(redactValue({ url: new URL('https://acme.bitrix24.ru/rest/5/secretcode/x.json?token=t') })).toEqual({
      url: `https://acme.bitrix24.ru/rest/5/${REDACTED}/x.json?token=${REDACTED}`,
    });
  });

  it('is idempotent and caps very long strings', () => {
    const once = redactText('Bearer abc token=x https://a.b/rest/1/c/');
    expect(redactText(once)).toBe(once);
    const long = redactText('y'.repeat(20_000));
    expect(long.length).toBeLessThan(9_000);
    expect(long).toMatch(/\[\+11808 chars]$/);
  });
});

describe('errors', () => {
  it('keep type and stack, with secrets in message, stack, fields and cause redacted', () => {
    const cause = new Error('refused at https://acme.bitrix24.ru/rest/1/causeSecret/');
    const error = Object.assign(new TypeError('pull failed for Bearer tok3n', { cause }), {
      code: 'NETWORK',
      body: 'the client wrote this',
    });
    const record = serializeError(error);
    expect(record.type).toBe('TypeError');
    expect(record.message).toBe(`pull failed for Bearer ${REDACTED}`);
    expect(record.stack).toMatch(/^TypeError: pull failed for Bearer \[redacted]\n\s+at /);
    expect(record.stack).toContain('redact.test.ts');
    expect(record.code).toBe('NETWORK');
    expect(record.body).toBe(REDACTED);
    expect((record.cause as { message: string }).message).toBe(`refused at https://acme.bitrix24.ru/rest/1/${REDACTED}/`);
    expect(JSON.stringify(record)).not.toMatch(/tok3n|causeSecret|client wrote/);
  });

  it('turn thrown non-errors into a record too', () => {
    expect(serializeError('token=abc')).toEqual({ type: 'string', message: `token=${REDACTED}` });
    expect(serializeError({ password: 'p', reason: 'x' })).toEqual({ type: 'object', message: `{"password":"${REDACTED}","reason":"x"}` });
  });
});
