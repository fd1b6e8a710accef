import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.spec.ts', 'components/**/*.spec.{ts,tsx}', 'app/**/*.spec.{ts,tsx}'],
    environment: 'node',
  },
});
