import { defineConfig } from 'vitest/config';

/** End-to-end test of the portal: starts the built api, worker and web, drives them with Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
