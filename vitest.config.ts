import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // Host-process tests serve the built renderer (and never build it themselves, in parallel): build it once.
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: forks isolate it more simply than threads
    pool: 'forks',
    // V8's JIT-page tracking (memory protection keys, on where the CPU has them: this AMD EPYC)
    // races worker threads and aborts the fork now and then ("Check failed: jit_page.has_value()",
    // SIGILL, seen in CI); tests start and stop reader/writer workers all the time
    execArgv: ['--no-memory-protection-keys'],
    testTimeout: 30_000,
    // Suites that build a real cache of thousands of dialogs in beforeAll: generous on a busy 2-core machine.
    hookTimeout: 120_000,
  },
});
