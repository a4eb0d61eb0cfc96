import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the report opened in headless Chromium (not part of `npm test`). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
