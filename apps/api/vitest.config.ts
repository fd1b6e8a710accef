import { defineConfig } from 'vitest/config';

/** Unit tests: next to the code, no database, no Redis. */
export default defineConfig({
  test: { include: ['src/**/*.spec.ts'] },
});
