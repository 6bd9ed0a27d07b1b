/** A real emulator on loopback per test file, and a plain fetch-based caller. */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../electron/emulator/index.ts';

export async function emulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ seed: 3, plan: 'standard', historyDays: 1, dialogsPerDay: 120, ...options });
}

export interface Answer {
  status: number;
  body: Record<string, any>;
}

export async function call(base: string, method: string, params: unknown = {}): Promise<Answer> {
  const response = await fetch(base + method, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

export async function callForm(base: string, method: string, form: string): Promise<Answer> {
  const response = await fetch(base + method, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
