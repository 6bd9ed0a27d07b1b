import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, logFilePath, type AppLogger } from '../../../electron/app/log/index.ts';
import { dataDir, logFiles, modeOf, readLines } from './helpers.ts';

const posix = process.platform !== 'win32';
const open: AppLogger[] = [];

function logger(options: Parameters<typeof createLogger>[0]): AppLogger {
  const log = createLogger({ env: {}, ...options });
  open.push(log);
  return log;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((log) => log.close()));
});

/** Silences and records what reaches the terminal. */
function captureConsole() {
  return {
    info: vi.spyOn(console, 'info').mockImplementation(() => {}),
    warn: vi.spyOn(console, 'warn').mockImplementation(() => {}),
    error: vi.spyOn(console, 'error').mockImplementation(() => {}),
    debug: vi.spyOn(console, 'debug').mockImplementation(() => {}),
  };
}

describe('the log file', () => {
  it('holds one JSON entry per call in <dataDir>/logs/ols.log, like console calls', async () => {
    const dir = dataDir();
    const log = logger({ dataDir: dir });
    log.info('[sync] pulled', 12, 'dialogs');
    log.warn('[sync] pull failed (NETWORK): timeout; retrying in 2000 ms');
    const error = new Error('no such dialog');
    log.error('[ipc] dialogs:get failed', error);
    log.info('[cache] stats', { dialogs: 3, last: { id: 9 } });
    await log.flush();

    expect(log.file).toBe(path.join(dir, 'logs', 'ols.log'));
    const lines = readLines(log.file);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', '[sync] pulled 12 dialogs'],
      ['warn', '[sync] pull failed (NETWORK): timeout; retrying in 2000 ms'],
      ['error', '[ipc] dialogs:get failed'],
      ['info', '[cache] stats'],
    ]);
    expect(lines[2]?.err).toMatchObject({ type: 'Error', message: 'no such dialog' });
    expect(lines[2]?.err?.stack).toContain('logger.test.ts');
    expect(lines[3]?.args).toEqual([{ dialogs: 3, last: { id: 9 } }]);
    expect(lines.every((l) => l.pid === process.pid && !Number.isNaN(Date.parse(l.time)))).toBe(true);
  });

  it('keeps secrets and message texts out of the file', () => {
    const dir = dataDir();
    const log = logger({ dataDir: dir });
    log.info('[host] opened http://127.0.0.1:5173/?token=launchToken123');
    log.info('[b24] calling', { url: 'https://acme.bitrix24.ru/rest/1/hookSecret42/im.message.add', headers: { Cookie: 'ols_token_1=c00kie' } });
    log.warn('[b24] message', { dialogId: 5, message: { text: 'Здравствуйте, мой телефон +7 900…' } });
    log.error('[ipc] send failed', Object.assign(new Error('rejected Bearer bearerTok'), { body: 'the operator wrote this' }));

    const file = fs.readFileSync(logFilePath(dir), 'utf8');
    for (const secret of ['launchToken123', 'hookSecret42', 'c00kie', 'Здравствуйте', 'bearerTok', 'operator wrote']) {
      expect(file).not.toContain(secret);
    }
    expect(file).toContain('https://acme.bitrix24.ru/rest/1/[redacted]/im.message.add');
    expect(file).toContain('"dialogId":5');
  });

  it('writes from the level asked: option first, then OLS_LOG_LEVEL, else info', () => {
    const byOption = logger({ dataDir: dataDir(), level: 'warn', env: { OLS_LOG_LEVEL: 'debug' } });
    const byEnv = logger({ dataDir: dataDir(), env: { OLS_LOG_LEVEL: 'DEBUG' } });
    const byDefault = logger({ dataDir: dataDir() });
    for (const log of [byOption, byEnv, byDefault]) {
      log.debug('d');
      log.info('i');
      log.warn('w');
      log.error('e');
    }
    expect(readLines(byOption.file).map((l) => l.msg)).toEqual(['w', 'e']);
    expect(readLines(byEnv.file).map((l) => l.msg)).toEqual(['d', 'i', 'w', 'e']);
    expect(readLines(byDefault.file).map((l) => l.msg)).toEqual(['i', 'w', 'e']);
    expect([byOption.level, byEnv.level, byDefault.level]).toEqual(['warn', 'debug', 'info']);
  });

  it('says so in the log when OLS_LOG_LEVEL is not a level', () => {
    const log = logger({ dataDir: dataDir(), env: { OLS_LOG_LEVEL: 'verbose' } });
    expect(log.level).toBe('info');
    expect(readLines(log.file)[0]).toMatchObject({ level: 'warn', msg: expect.stringContaining('OLS_LOG_LEVEL "verbose"') });
  });

  it('does not throw on a level from the command line that is not one', () => {
    const log = logger({ dataDir: dataDir(), level: 'loud' as never });
    log.debug('d');
    log.info('i');
    expect(log.level).toBe('info');
    expect(readLines(log.file).map((l) => l.msg)).toEqual(['[log] the log level "loud" is not one of debug, info, warn, error; using info', 'i']);
  });

  it('takes an Error as the only argument', () => {
    const log = logger({ dataDir: dataDir() });
    log.error(new RangeError('out of range'));
    expect(readLines(log.file)[0]).toMatchObject({ msg: '', err: { type: 'RangeError', message: 'out of range' } });
  });

  it('follows the name when another process rotates or renames the file', () => {
    const dir = dataDir();
    const log = logger({ dataDir: dir });
    log.info('a');
    fs.renameSync(log.file, path.join(dir, 'logs', 'elsewhere.log'));
    log.info('b');
    expect(readLines(path.join(dir, 'logs', 'elsewhere.log')).map((l) => l.msg)).toEqual(['a']);
    expect(readLines(log.file).map((l) => l.msg)).toEqual(['b']);
  });
});

describe('console output', () => {
  it('prints each entry through console when asked, redacted, with the stack of an error', () => {
    const out = captureConsole();
    const log = logger({ dataDir: dataDir(), console: true, level: 'debug' });
    log.info('[sync] started token=abc');
    log.warn('[sync] slow');
    log.error('[ipc] x failed', new Error('boom'));
    log.debug('[sync] detail', { count: 2 });
    expect(out.info).toHaveBeenCalledWith(`[sync] started token=[redacted]`);
    expect(out.warn).toHaveBeenCalledWith('[sync] slow');
    expect(out.error.mock.calls[0]?.[0]).toMatch(/^\[ipc] x failed\nError: boom\n\s+at /);
    expect(out.debug).toHaveBeenCalledWith('[sync] detail { count: 2 }');
    expect(readLines(log.file)).toHaveLength(4);
  });

  it('stays quiet on the terminal otherwise', () => {
    const out = captureConsole();
    const log = logger({ dataDir: dataDir() });
    log.error('[ipc] x failed', new Error('boom'));
    log.info('hello');
    expect(Object.values(out).every((spy) => spy.mock.calls.length === 0)).toBe(true);
    expect(readLines(log.file)).toHaveLength(2);
  });
});

describe('rotation', () => {
  const line = (i: number) => `[test] entry ${String(i).padStart(4, '0')} ${'x'.repeat(80)}`;

  it('rotates by size and keeps a bounded number of old files, newest first', () => {
    const dir = dataDir();
    const log = logger({ dataDir: dir, maxBytes: 2_000, maxFiles: 3 });
    for (let i = 0; i < 500; i += 1) log.info(line(i));

    expect(logFiles(dir)).toEqual(['ols.1.log', 'ols.2.log', 'ols.3.log', 'ols.log']);
    for (const name of logFiles(dir)) expect(fs.statSync(path.join(dir, 'logs', name)).size).toBeLessThanOrEqual(2_000);
    // Oldest to newest, the kept files hold one unbroken run of entries ending with the last.
    const kept = ['ols.3.log', 'ols.2.log', 'ols.1.log', 'ols.log'].flatMap((name) => readLines(path.join(dir, 'logs', name)).map((l) => l.msg));
    const first = Number(kept[0]?.split(' ')[2]);
    expect(kept).toEqual(Array.from({ length: 500 - first }, (_, k) => line(first + k)));
    expect(kept.length).toBeGreaterThan(30); // four files of about ten entries each
  });

  it('stays bounded across restarts, and a lowered limit prunes the extra files', async () => {
    const dir = dataDir();
    for (let run = 0; run < 4; run += 1) {
      const log = createLogger({ dataDir: dir, env: {}, maxBytes: 1_000, maxFiles: 2 });
      for (let i = 0; i < 60; i += 1) log.info(line(run * 100 + i));
      await log.close();
      expect(logFiles(dir)).toEqual(['ols.1.log', 'ols.2.log', 'ols.log']);
    }
    const lower = logger({ dataDir: dir, maxBytes: 1_000, maxFiles: 1 });
    expect(logFiles(dir)).toEqual(['ols.1.log', 'ols.log']);
    lower.info('after');
    expect(readLines(lower.file).at(-1)?.msg).toBe('after');
  });

  it('continues an existing file after a restart instead of starting over', async () => {
    const dir = dataDir();
    const first = createLogger({ dataDir: dir, env: {} });
    first.info('one');
    await first.close();
    const second = logger({ dataDir: dir });
    second.info('two');
    expect(readLines(second.file).map((l) => l.msg)).toEqual(['one', 'two']);
  });
});

describe.skipIf(!posix)('file modes', () => {
  it('makes the folder 0700 and every file 0600 under a permissive umask, rotated ones included', () => {
    const previous = process.umask(0o000);
    try {
      const dir = dataDir();
      const log = logger({ dataDir: dir, maxBytes: 500, maxFiles: 2 });
      for (let i = 0; i < 40; i += 1) log.info(`[test] entry ${i} ${'y'.repeat(40)}`);
      expect(modeOf(path.join(dir, 'logs'))).toBe(0o700);
      expect(logFiles(dir)).toEqual(['ols.1.log', 'ols.2.log', 'ols.log']);
      for (const name of logFiles(dir)) expect(modeOf(path.join(dir, 'logs', name))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a folder and files left readable by an older version', () => {
    const previous = process.umask(0o000);
    try {
      const dir = dataDir();
      const logs = path.join(dir, 'logs');
      fs.mkdirSync(logs, { mode: 0o755 });
      fs.writeFileSync(path.join(logs, 'ols.log'), '', { mode: 0o644 });
      fs.writeFileSync(path.join(logs, 'ols.1.log'), '', { mode: 0o666 });
      logger({ dataDir: dir }).info('hello');
      expect(modeOf(logs)).toBe(0o700);
      expect(modeOf(path.join(logs, 'ols.log'))).toBe(0o600);
      expect(modeOf(path.join(logs, 'ols.1.log'))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});

describe('a folder that cannot be written', () => {
  it('does not throw: it warns once and carries on on the console', () => {
    const out = captureConsole();
    const blocker = path.join(dataDir(), 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the data folder should be');
    let log!: AppLogger;
    expect(() => {
      log = logger({ dataDir: path.join(blocker, 'data') });
      for (let i = 0; i < 5; i += 1) log.error('[ipc] x failed', new Error(`failure ${i}`));
    }).not.toThrow();
    expect(log.writingFile).toBe(false);
    expect(out.warn).toHaveBeenCalledTimes(1);
    expect(out.warn.mock.calls[0]?.[0]).toMatch(/^\[log] cannot write .*ols\.log \((ENOTDIR|EEXIST)\); logging to the console/);
    expect(out.error).toHaveBeenCalledTimes(5);
    expect(out.error.mock.calls[4]?.[0]).toMatch(/^\[ipc] x failed\nError: failure 4/);
  });

  it('follows a folder deleted at run time by making it again', () => {
    const dir = dataDir();
    const log = logger({ dataDir: dir });
    log.info('before');
    fs.rmSync(path.join(dir, 'logs'), { recursive: true });
    log.info('after');
    expect(log.writingFile).toBe(true);
    expect(readLines(log.file).map((l) => l.msg)).toEqual(['after']);
    if (posix) expect(modeOf(path.join(dir, 'logs'))).toBe(0o700);
  });

  it('falls back once when the deleted folder cannot be made again, keeping every entry', () => {
    const out = captureConsole();
    const dir = dataDir();
    const log = logger({ dataDir: dir });
    log.info('before');
    fs.rmSync(path.join(dir, 'logs'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'logs'), 'in the way');
    expect(() => {
      log.info('lost?');
      log.warn('next');
    }).not.toThrow();
    expect(log.writingFile).toBe(false);
    expect(out.warn.mock.calls.map((c) => String(c[0]).slice(0, 18))).toEqual(['[log] cannot write', 'next']);
    expect(out.info).toHaveBeenCalledWith('lost?');
  });

  it('sends entries to the console after close instead of throwing', async () => {
    const out = captureConsole();
    const log = createLogger({ dataDir: dataDir(), env: {} });
    log.info('open');
    await log.close();
    expect(() => log.error('[main] closing the services failed', new Error('late'))).not.toThrow();
    expect(out.error.mock.calls[0]?.[0]).toMatch(/^\[main] closing the services failed\nError: late/);
    expect(readLines(log.file).map((l) => l.msg)).toEqual(['open']);
  });
});
