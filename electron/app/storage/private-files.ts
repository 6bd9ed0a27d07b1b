/**
 * The data folder holds customer names and message texts: on POSIX it is
 * 0700 and every file in it 0600, whatever the umask. New files are created
 * with that mode (SQLite gives its -wal and -shm files the mode of the
 * database file), and anything older is tightened at start. Windows keeps the
 * per-user ACL of the profile folder, which is already private.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

function tighten(target: string, mode: number): void {
  if (!posix) return;
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  // A symlink is left alone: chmod would follow it to whatever it points at.
  if (!stat || stat.isSymbolicLink()) return;
  if ((stat.mode & 0o777) !== mode) fs.chmodSync(target, mode);
}

/** Creates the folder if needed and makes it, its files and its sub-folders private (recursively). */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tightenTree(dir);
}

function tightenTree(dir: string): void {
  tighten(dir, PRIVATE_DIR_MODE);
  if (!posix) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) tightenTree(full);
    else if (entry.isFile()) tighten(full, PRIVATE_FILE_MODE);
  }
}

/** Makes sure `file` exists with mode 0600 before a library opens it with its own defaults. */
export function ensurePrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  tighten(file, PRIVATE_FILE_MODE);
}

/**
 * Moves a damaged file (and its SQLite side files) out of the way under a
 * name that says when and why, so nothing is deleted and support can look at
 * it. Returns the new path of the main file.
 */
export function moveAside(file: string, why: 'corrupt' | 'unreadable', now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.${why}-${stamp}`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}
