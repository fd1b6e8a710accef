import { defineConfig } from 'vitest/config';

/** Unit tests only; the schema drift check needs PostgreSQL and runs with test:integration. */
export default defineConfig({
  test: { include: ['src/**/*.spec.ts'] },
});
