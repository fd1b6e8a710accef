import { defineConfig } from 'vitest/config';

/**
 * Integration tests: the compiled API (dist/main.js) runs against a fresh database on the local
 * PostgreSQL and a unique BullMQ prefix on the local Redis (see test/global-setup.ts).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // the files share one API process and database; they use separate users and teams
    fileParallelism: false,
  },
});
