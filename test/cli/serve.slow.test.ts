/**
 * `phyclass serve`, slow tier (`npm run test:slow`, run by CI): `classes` through serve over the whole
 * catalogue equals `classes --json` in process, and a handful of requests equal the spawned binary;
 * 10,000 mixed requests with a sample compared with the CLI (serve.test.ts checks the same on a few
 * services and on 2,000 requests in the fast tier); `plan` of every catalogue service, relaxations on,
 * equals `plan --json` (the mix plans only fast services: the application-side relaxations of the
 * infeasible feature services were missing from serve's answer until bench/one-process.bench.ts saw it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { toJsonText } from '../../src/cli/output.js';
import { services } from '../../src/services/catalogue.js';
import { argvOf, checkClassesThroughServe, checkMixedRequests, cli, removeJsonFiles, serveAll, type Req, type Resp } from './serve-support.js';

afterAll(removeJsonFiles);

describe('phyclass serve (catalogue, spawned, 10,000 requests)', () => {
  it('classes through serve equals `classes --json` in process, and a handful equal the spawned binary', async () => {
    await checkClassesThroughServe(undefined, true);
  }, 300_000);

  it('10,000 mixed requests: one answer each, in order; a sample (every 40th) equals the CLI --json output byte for byte', async () => {
    await checkMixedRequests(10_000, 40);
  }, 300_000);

  it('plan of every catalogue service on the default link (relaxations on) equals `plan --json` byte for byte', async () => {
    const reqs: Req[] = services.map((sv, id) => ({ id, method: 'plan', params: { service: sv.id } }));
    const resps = (await serveAll(reqs.map((r) => `${JSON.stringify(r)}\n`))).map((l) => JSON.parse(l) as Resp);
    let withApp = 0;
    for (const [k, r] of reqs.entries()) {
      const c = await cli(argvOf(r));
      expect(toJsonText(resps[k]?.result), String(r.params['service'])).toBe(c.stdout);
      expect(resps[k]?.unmet === true, String(r.params['service'])).toBe(c.code === 1);
      if ((resps[k]?.result as { applicationRelaxations?: unknown }).applicationRelaxations !== undefined) withApp++;
    }
    expect(withApp).toBeGreaterThan(0); // the case this test is for is in the catalogue
  }, 300_000);
});
