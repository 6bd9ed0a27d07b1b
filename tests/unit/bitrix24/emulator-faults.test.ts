/** The emulator's faults, as the sync and the outbox would see them from this connector. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backends/backend.ts';
import { createBitrix24Backend } from '../../../electron/app/backends/bitrix24/index.ts';
import { startEmulator, type Emulator } from '../../../electron/emulator/index.ts';

describe('emulator faults through the connector', () => {
  let emulator: Emulator;
  let backend: Backend;
  const logged: string[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 3, plan: 'enterprise', historyDays: 1, dialogs: 40 });
    const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    backend = createBitrix24Backend({ webhookUrl: emulator.webhookUrl, plan: 'enterprise', log });
  });
  afterAll(async () => {
    await backend?.close();
    await emulator?.close();
  });

  const secret = () => new URL(emulator.webhookUrl).pathname.split('/')[3]!;
  const anOpenDialog = () => emulator.truth().find((t) => !t.entries.some((e) => e.kind === 'closed' || e.kind === 'spam'))!.dialog;

  it('a 503 storm is rateLimited, not sent; a revoked webhook says so in plain words', async () => {
    emulator.setFaults('storm503:next1');
    await expect(backend.pullChanges(null, 10)).rejects.toMatchObject({ kind: 'rateLimited', maybeSent: false });
    const d = anOpenDialog();
    emulator.setFaults('revoked');
    const outcome = await backend.perform({ actionId: 'f1', action: { kind: 'pin', dialogId: d.id, chatId: d.chatId, pinned: true } });
    expect(outcome).toMatchObject({ kind: 'rejected', reason: 'auth' });
    expect(outcome.kind === 'rejected' && outcome.message).toContain('the webhook was revoked or expired');
    emulator.setFaults([]);
  });

  it('a dropped connection or a cut answer on an action is a retry that may have been sent', async () => {
    const d = anOpenDialog();
    for (const fault of ['drop:next1', 'truncate:next1']) {
      emulator.setFaults(fault);
      const outcome = await backend.perform({ actionId: `f-${fault}`, action: { kind: 'pin', dialogId: d.id, chatId: d.chatId, pinned: !d.pinned } });
      expect(outcome).toMatchObject({ kind: 'retry', reason: 'unavailable', sent: true });
    }
    emulator.setFaults([]);
    expect(logged.join('\n')).not.toContain(secret());
  });
});

describe('testWebhook against the emulator (no `scope` or `profile` method there: probed per scope)', () => {
  it('reports the scopes the emulator grants and those it does not', async () => {
    const { testWebhook } = await import('../../../electron/app/backends/bitrix24/index.ts');
    const emulator = await startEmulator({ port: 0, seed: 3, plan: 'enterprise', historyDays: 1, dialogs: 10, scopes: ['imopenlines', 'crm', 'user'] });
    try {
      const result = await testWebhook({ webhookUrl: emulator.webhookUrl, log: { info() {}, warn() {}, error() {} } });
      expect(result).toMatchObject({ ok: true, userId: 1, scopes: { imopenlines: true, im: false, crm: true, user: true }, complete: false });
    } finally {
      await emulator.close();
    }
  });
});
