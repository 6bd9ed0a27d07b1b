/**
 * Where an export's rows go: a file opened for this export only (created, not
 * reused: `wx`), private (0600, as everything in the data folder), written
 * with back-pressure so a slow disk holds the reader back instead of filling
 * memory. A failed or cancelled export aborts its sink; the caller removes
 * the partial file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { PRIVATE_FILE_MODE } from '../storage/private-files.ts';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';

/** The temporary name a file is written under (beside the final one, so the rename stays on one disk). */
export const partialName = (file: string): string => `${file}.${crypto.randomBytes(4).toString('hex')}.part`;

export interface Sink {
  /** one block of rows, in order; resolves when the file can take more */
  write(rows: readonly DialogListItem[]): Promise<void>;
  /** ends the file; its size in bytes */
  finish(): Promise<number>;
  /** stops writing and closes the file (left for the caller to delete) */
  abort(): Promise<void>;
}

/** A new private file as a stream; rejects (EACCES, ENOENT, EEXIST) before anything is written. */
export async function openPrivateStream(file: string): Promise<fs.WriteStream> {
  const stream = fs.createWriteStream(file, { flags: 'wx', mode: PRIVATE_FILE_MODE, highWaterMark: 1 << 20 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  // a write error (a full disk) must never be an unhandled 'error' event, which would end the thread:
  // it is kept on the stream (`errored`) and thrown by the next write or the end
  stream.on('error', () => {});
  return stream;
}

/** Resolves once the stream has drained, or rejects with its error. */
export async function drained(stream: fs.WriteStream): Promise<void> {
  if (stream.errored) throw stream.errored;
  if (!stream.writableNeedDrain) return;
  await Promise.race([once(stream, 'drain'), once(stream, 'error').then(([error]) => Promise.reject(error as Error))]);
}

/** Ends a file stream; resolves when every byte is on disk (close), with its size. */
export async function endStream(stream: fs.WriteStream): Promise<number> {
  if (stream.errored) throw stream.errored;
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
  if (!stream.closed) await once(stream, 'close');
  if (stream.errored) throw stream.errored;
  return stream.bytesWritten;
}

/** Closes a stream without caring what was left unwritten. */
export async function destroyStream(stream: fs.WriteStream): Promise<void> {
  if (stream.closed) return;
  const closed = once(stream, 'close').catch(() => undefined);
  stream.destroy();
  await closed;
}
