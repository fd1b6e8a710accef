import { defineConfig } from 'vitest/config';

/** Unit tests: next to the code, every dependency mocked. */
export default defineConfig({
  test: { include: ['src/**/*.spec.ts'] },
});
