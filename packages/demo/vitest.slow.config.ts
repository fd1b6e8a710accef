import { defineConfig } from 'vitest/config';

/** The slow tier: Monte Carlo recovery checks (test/*.slow.ts), not part of `npm test`. */
export default defineConfig({ test: { include: ['test/**/*.slow.ts'], testTimeout: 600_000 } });
