import { defineConfig } from 'vitest/config';

/** Integration tests: real PostgreSQL and Redis, the built worker (dist/) as child processes. */
export default defineConfig({
  test: {
    include: ['test/integration/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files share nothing but the machine; run them one at a time to keep CPU timings honest.
    fileParallelism: false,
  },
});
