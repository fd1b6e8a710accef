import { defineConfig } from 'vitest/config';

/** Unit and fast recovery tests (the Monte Carlo tier is vitest.slow.config.ts). */
export default defineConfig({
  test: { include: ['test/**/*.spec.ts', 'src/**/*.spec.ts'], testTimeout: 60_000 },
});
