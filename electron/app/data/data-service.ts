/**
 * The cache, off the request path: one writer worker (sync batches,
 * recompute, later the outbox and imports) and reader workers (everything the
 * UI asks), all over one WAL file. The services' thread only posts messages,
 * so no query ever runs on the event loop that answers the UI.
 */
import type { StartupNotice, SyncStatus } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../ipc/dispatch.ts';
import type { WriterSyncOptions } from './writer-sync.ts';
import { ReaderPool } from './reader-pool.ts';
import { DbWorker, type Remote, type RemoteJobs } from './worker-client.ts';
import { WRITE_API, WRITE_JOBS, type WriteApi, type WriteJobs } from './write-api.ts';
import { SYNC_API } from './writer-sync.ts';
import { OUTBOX_API } from './writer-outbox.ts';

export interface DataService {
  write: Remote<WriteApi>;
  jobs: RemoteJobs<WriteJobs>;
  /** the outbox, in the writer (enqueue, list, cancel; the sender runs there) */
  outbox: Remote<typeof OUTBOX_API>;
  readers: ReaderPool;
  /** what opening the cache had to repair */
  notice: StartupNotice | null;
  /** the backend the writer syncs from, when it was given one */
  source: { kind: string; label: string; selfOperatorId: number | null; status: SyncStatus } | null;
  close(): Promise<void>;
}

export interface DataServiceOptions {
  file: string;
  log: Logger;
  /** reader workers; two on a two-core machine keep one free for the grid while a summary runs */
  readers?: number;
  /** run the sync inside the writer, from this backend */
  sync?: WriterSyncOptions;
  /** the writer's push events (sync status, changed dialogs), from the moment it starts */
  onEvent?: (name: string, payload: unknown) => void;
}

export async function openDataService(options: DataServiceOptions): Promise<DataService> {
  const writer = new DbWorker({ role: 'writer', file: options.file, sync: options.sync }, options.log, 'writer');
  if (options.onEvent) writer.onEvent(options.onEvent);
  let info: { notice: StartupNotice | null; sync: DataService['source'] };
  try {
    // Readers open only after the writer has recovered and migrated the file.
    info = (await writer.ready) as typeof info;
  } catch (error) {
    await writer.close();
    throw error;
  }
  const readers = new ReaderPool(options.file, options.readers ?? 2, options.log);
  try {
    await readers.ready;
  } catch (error) {
    await Promise.all([readers.close(), writer.close()]);
    throw error;
  }
  return {
    write: writer.remote({ ...WRITE_API, ...SYNC_API }),
    jobs: writer.remoteJobs(WRITE_JOBS),
    outbox: writer.remote(OUTBOX_API),
    readers,
    notice: info.notice,
    source: info.sync,
    async close() {
      // Readers first: the writer's close checkpoints the WAL, which is cleaner with no readers left.
      await readers.close();
      await writer.close();
    },
  };
}
