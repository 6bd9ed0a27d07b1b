/**
 * The data folder's exports/: where the app's exports wait to be saved
 * (Electron) or downloaded (browser mode). Private like the rest of the
 * folder. They are deliveries, not archives: a day later, or once more than
 * KEEP_EXPORTS are there, the oldest go, and partial files a killed process
 * left behind are removed at start.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FILE_NAME, type ExportFormat } from '../../../shared/ipc/contract-export.ts';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../storage/private-files.ts';
import { partialName } from './sink.ts';

export const EXPORTS_DIR = 'exports';
export const KEEP_EXPORTS = 10;
const KEEP_MS = 24 * 3600_000;
/** A partial file this old belongs to no running export (an export of a million rows takes about a minute). */
const STALE_PART_MS = 3600_000;

export const exportsDir = (dataDir: string): string => path.join(dataDir, EXPORTS_DIR);

const pad = (n: number) => String(n).padStart(2, '0');

/** `dialogs-2026-12-02_09-30-00-1a2b3c4d.csv`: the local time of the export in the user's zone, and a random part so two never meet. */
export function exportFileName(format: ExportFormat, now: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  const clock = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of clock.formatToParts(now)) parts[p.type] = p.value;
  const stamp = `${parts.year}-${parts.month}-${parts.day}_${pad(Number(parts.hour))}-${parts.minute}-${parts.second}`;
  return `dialogs-${stamp}-${crypto.randomBytes(4).toString('hex')}.${format}`;
}

/** The path of an export file by its name, or null for any name an export never has. */
export function exportPath(dataDir: string, fileName: string): string | null {
  return EXPORT_FILE_NAME.test(fileName) ? path.join(exportsDir(dataDir), fileName) : null;
}

/** Creates the folder (private) and clears what no one will fetch any more. */
export function prepareExportsDir(dataDir: string, now = Date.now()): string {
  const dir = exportsDir(dataDir);
  ensurePrivateDir(dir);
  const finished: Array<{ file: string; at: number }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    const at = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now;
    if (entry.name.endsWith('.part')) {
      if (now - at > STALE_PART_MS) fs.rmSync(file, { force: true });
    } else if (EXPORT_FILE_NAME.test(entry.name)) {
      if (now - at > KEEP_MS) fs.rmSync(file, { force: true });
      else finished.push({ file, at });
    }
  }
  finished.sort((a, b) => b.at - a.at);
  for (const old of finished.slice(KEEP_EXPORTS)) fs.rmSync(old.file, { force: true });
  return dir;
}

/**
 * Copies a finished export to where the user chose, through a temporary name
 * in the same folder, so a failure (a full disk, a folder without write
 * access) never leaves a half file under the chosen name.
 */
export function copyExportTo(source: string, target: string): void {
  const part = partialName(target);
  try {
    fs.copyFileSync(source, part, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(part, PRIVATE_FILE_MODE);
    fs.renameSync(part, target);
  } catch (error) {
    fs.rmSync(part, { force: true });
    throw error;
  }
}
