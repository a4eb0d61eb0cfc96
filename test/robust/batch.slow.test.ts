/**
 * `--batch` streaming at full size, slow tier (`npm run test:slow`, run by CI): 200,000 lines are
 * answered in pieces none larger than a few hundred kB (batch.test.ts sends 50,000 in the fast tier).
 */
import { describe, it } from 'vitest';
import { checkBatchStreaming } from './io.js';

describe('--batch streaming (full size)', () => {
  it('200,000 lines are answered in pieces, none larger than a few hundred kB', async () => {
    await checkBatchStreaming(200_000);
  }, 120_000);
});
