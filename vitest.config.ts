import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: forks isolate it more simply than threads
    pool: 'forks',
    testTimeout: 30_000,
  },
});
