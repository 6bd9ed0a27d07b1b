/**
 * `<dataDir>/sources.json`: the sources the user connected and which one is
 * current. Private (0600), written atomically (a temporary file renamed over
 * it), and a file that does not parse is moved aside with a notice, as
 * settings are: the console then starts on the launch's source, never fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SOURCE_PLANS } from '../../../shared/ipc/contract-sources.ts';
import type { StartupNotice } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { ensurePrivateDir, moveAside, PRIVATE_FILE_MODE } from '../storage/private-files.ts';

export const sourcesFile = (dataDir: string) => path.join(dataDir, 'sources.json');

const demoEntry = z.object({
  id: z.string(),
  kind: z.literal('demo'),
  seed: z.number().int().min(0),
  speed: z.number().min(0).optional(),
  historyDays: z.number().min(0).optional(),
});

const portalEntry = z.object({
  id: z.string(),
  kind: z.literal('bitrix24'),
  /** host[:port] */
  portal: z.string(),
  userId: z.number().int().positive(),
  userName: z.string(),
  plan: z.enum(SOURCE_PLANS),
  /** the whole webhook URL, sealed by the SecretBox named in `secretStorage` */
  sealedWebhook: z.string(),
  secretStorage: z.enum(['encrypted', 'plainFile']),
});

const fileSchema = z.object({
  version: z.literal(1),
  current: z.string().nullable(),
  saved: z.array(z.discriminatedUnion('kind', [demoEntry, portalEntry])),
});

export type DemoEntry = z.infer<typeof demoEntry>;
export type PortalEntry = z.infer<typeof portalEntry>;
export type SourceEntry = DemoEntry | PortalEntry;
export type SourcesFileData = z.infer<typeof fileSchema>;

export const EMPTY_SOURCES: SourcesFileData = { version: 1, current: null, saved: [] };

export interface OpenedSourcesFile {
  data: SourcesFileData;
  notice: StartupNotice | null;
}

/** Reads the file; a missing one is empty, a damaged one is moved aside (notice) and treated as empty. */
export function readSourcesFile(dataDir: string, log: Logger): OpenedSourcesFile {
  const file = sourcesFile(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: structuredClone(EMPTY_SOURCES), notice: null };
    throw error;
  }
  try {
    return { data: fileSchema.parse(JSON.parse(text)), notice: null };
  } catch (error) {
    const movedTo = moveAside(file, 'corrupt');
    // the reason names the field, never its value: the file holds secrets
    const why = error instanceof z.ZodError ? 'unexpected content' : 'not JSON';
    log.warn(`[sources] ${file} could not be read (${why}); moved to ${movedTo}, starting without saved sources`);
    return { data: structuredClone(EMPTY_SOURCES), notice: { kind: 'sourcesReset', movedTo } };
  }
}

/** Writes the whole file: a temporary 0600 file beside it, fsynced, then renamed over it. */
export function writeSourcesFile(dataDir: string, data: SourcesFileData): void {
  ensurePrivateDir(dataDir);
  const file = sourcesFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(fileSchema.parse(data), null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // the mode given to open() is filtered by the umask; the secret's file must be 0600 whatever it is
  if (process.platform !== 'win32') fs.chmodSync(temp, PRIVATE_FILE_MODE);
  fs.renameSync(temp, file);
}
