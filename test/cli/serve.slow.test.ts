/**
 * `phyclass serve`, slow tier (`npm run test:slow`, run by CI): `classes` through serve over the whole
 * catalogue equals `classes --json` in process, and a handful of requests equal the spawned binary;
 * 10,000 mixed requests with a sample compared with the CLI (serve.test.ts checks the same on a few
 * services and on 2,000 requests in the fast tier).
 */
import { afterAll, describe, it } from 'vitest';
import { checkClassesThroughServe, checkMixedRequests, removeJsonFiles } from './serve-support.js';

afterAll(removeJsonFiles);

describe('phyclass serve (catalogue, spawned, 10,000 requests)', () => {
  it('classes through serve equals `classes --json` in process, and a handful equal the spawned binary', async () => {
    await checkClassesThroughServe(undefined, true);
  }, 300_000);

  it('10,000 mixed requests: one answer each, in order; a sample (every 40th) equals the CLI --json output byte for byte', async () => {
    await checkMixedRequests(10_000, 40);
  }, 300_000);
});
