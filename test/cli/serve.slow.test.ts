/**
 * `phyclass serve`, slow tier (`npm run test:slow`, run by CI): `classes` through serve over the whole
 * catalogue equals `classes --json` in process, and a handful of requests equal the spawned binary
 * (serve.test.ts checks the same on a few services in the fast tier).
 */
import { describe, it } from 'vitest';
import { checkClassesThroughServe } from './serve-support.js';

describe('phyclass serve (catalogue, spawned)', () => {
  it('classes through serve equals `classes --json` in process, and a handful equal the spawned binary', async () => {
    await checkClassesThroughServe(undefined, true);
  }, 300_000);
});
