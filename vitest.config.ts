import { defineConfig } from 'vitest/config';

// Tests sit beside the code they test; scenario tests spawn the built CLI (`npm test` builds first).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'stages/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
