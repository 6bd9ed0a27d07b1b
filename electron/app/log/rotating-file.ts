/**
 * One log file, rotated by size: `ols.log` is current, `ols.1.log` … `ols.N.log`
 * are older (1 newest), and rotating drops `ols.N.log`, so the folder holds at
 * most N + 1 files of about `maxBytes` each. Writes are synchronous (pino's
 * sonic-boom destination in sync mode): a line is on disk before the call
 * returns, so nothing is lost to `process.exit` or a crash, and no worker
 * thread is needed, which keeps the Electron main bundle self-contained.
 *
 * The folder is 0700 and every file 0600 on POSIX whatever the umask: new files
 * are opened with that mode (a umask can only remove bits) and older ones are
 * chmodded at open. Before each line the file's name is checked against the
 * open descriptor, so a file deleted or rotated by another process (browser
 * mode and the desktop app share the data folder) is reopened, not written into
 * the void. Any failure is reported once through `onFailure` and the file is
 * given up; the caller then logs elsewhere. Nothing here throws.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

export interface RotatingFileOptions {
  /** the current file, e.g. `<dataDir>/logs/ols.log` */
  file: string;
  /** rotate before a line would take the current file past this size */
  maxBytes: number;
  /** how many older files to keep */
  maxFiles: number;
  /** called once, with what failed, when the file is given up */
  onFailure(error: unknown): void;
}

type Destination = ReturnType<typeof pino.destination>;

const POSIX = process.platform !== 'win32';
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

export class RotatingFile {
  readonly #options: RotatingFileOptions;
  readonly #dir: string;
  readonly #stem: string;
  readonly #ext: string;
  #dest: Destination | null = null;
  #ino = -1;
  #failed = false;
  #closed = false;

  constructor(options: RotatingFileOptions) {
    this.#options = options;
    this.#dir = path.dirname(options.file);
    const ext = path.extname(options.file);
    this.#ext = ext;
    this.#stem = path.basename(options.file, ext);
    this.#attempt(() => {
      this.#prepareFolder();
      this.#pruneBeyondLimit();
      this.#open();
    });
  }

  /** False once the file was given up (or closed): lines must go elsewhere. */
  get writable(): boolean {
    return !this.#failed && !this.#closed && this.#dest !== null;
  }

  /** The path of old file `n` (1 is the newest). */
  oldFile(n: number): string {
    return path.join(this.#dir, `${this.#stem}.${n}${this.#ext}`);
  }

  /** Appends one line (with its newline); returns false when it could not be written. */
  write(line: string): boolean {
    if (!this.writable) return false;
    return this.#attempt(() => {
      const size = this.#currentSize();
      if (size > 0 && size + Buffer.byteLength(line) > this.#options.maxBytes) this.#rotate();
      this.#dest?.write(line);
    });
  }

  /** Resolves once the descriptor is closed; later writes return false. */
  close(): Promise<void> {
    this.#closed = true;
    const dest = this.#dest;
    this.#dest = null;
    if (!dest) return Promise.resolve();
    return new Promise((resolve) => {
      dest.once('close', () => resolve());
      dest.once('error', () => resolve());
      try {
        dest.end();
      } catch {
        resolve();
      }
    });
  }

  #attempt(step: () => void): boolean {
    try {
      step();
      return !this.#failed;
    } catch (error) {
      this.#fail(error);
      return false;
    }
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    const dest = this.#dest;
    this.#dest = null;
    try {
      dest?.destroy();
    } catch {
      // the descriptor may already be gone with the folder
    }
    this.#options.onFailure(error);
  }

  #prepareFolder(): void {
    fs.mkdirSync(this.#dir, { recursive: true, mode: DIR_MODE });
    if (!POSIX) return;
    fs.chmodSync(this.#dir, DIR_MODE);
    // Files left by older versions, or written under a looser umask, become private too. Best effort:
    // one we cannot change (left by another user) must not cost us the log; our own file is checked in #open.
    for (const entry of fs.readdirSync(this.#dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      try {
        fs.chmodSync(path.join(this.#dir, entry.name), FILE_MODE);
      } catch {
        // left as it was
      }
    }
  }

  /** Old files numbered past the limit (say, after the limit was lowered) are removed. */
  #pruneBeyondLimit(): void {
    const pattern = new RegExp(`^${escape(this.#stem)}\\.(\\d+)${escape(this.#ext)}$`);
    for (const name of fs.readdirSync(this.#dir)) {
      const n = Number(pattern.exec(name)?.[1] ?? 0);
      if (n > this.#options.maxFiles) fs.rmSync(path.join(this.#dir, name), { force: true });
    }
  }

  #open(): void {
    const dest = pino.destination({ dest: this.#options.file, sync: true, append: true, mkdir: false, mode: FILE_MODE });
    // In sync mode sonic-boom throws from open and emits write errors: both end in #fail, never in the caller.
    // A late error from closing a replaced descriptor does not give up the current one.
    dest.on('error', (error: unknown) => {
      if (dest === this.#dest) this.#fail(error);
    });
    const previous = this.#dest;
    this.#dest = dest;
    previous?.destroy();
    // By name: sonic-boom does not type its descriptor. Opened a moment ago, so the name is ours.
    this.#ino = fs.statSync(this.#options.file).ino;
    if (POSIX) fs.chmodSync(this.#options.file, FILE_MODE);
  }

  /** The size of the file behind the name; reopens it first when the name no longer points at our descriptor. */
  #currentSize(): number {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(this.#options.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (stat && stat.ino === this.#ino) return stat.size;
    // Deleted (with or without its folder) or renamed away by another process: follow the name.
    if (!stat) this.#prepareFolder();
    this.#open();
    return stat?.size ?? 0;
  }

  #rotate(): void {
    const { maxFiles, file } = this.#options;
    this.#dest?.flushSync();
    fs.rmSync(this.oldFile(maxFiles), { force: true });
    for (let n = maxFiles - 1; n >= 1; n -= 1) renameIfPresent(this.oldFile(n), this.oldFile(n + 1));
    if (maxFiles > 0) renameIfPresent(file, this.oldFile(1));
    else fs.rmSync(file, { force: true });
    this.#open();
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
