/**
 * `phyclass serve` (issue 16 §4): answers arrive line by line before stdin closes; 2,000 mixed
 * requests (10,000 in serve.slow.test.ts, slow tier) through one in-process server give, for a
 * sample, byte for byte what the CLI prints with `--json` (in-process `runCli` for the sample); `classes` and `simulate` through serve equal
 * the CLI (a few services here; the whole catalogue and the spawned binary in serve.slow.test.ts,
 * slow tier); fuzzed, huge and non-UTF-8 lines each get one error and the server keeps answering.
 */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { describeMethods } from '../../src/cli/methods.js';
import { toJsonText } from '../../src/cli/output.js';
import { answerLine, serveLoop } from '../../src/cli/commands/serve.js';
import { newSession } from '../../src/cli/methods.js';
import { ENTRY, ROOT } from './run-bin.js';
import { argvOf, checkClassesThroughServe, checkMixedRequests, cli, removeJsonFiles, serveAll, type Req, type Resp } from './serve-support.js';

afterAll(removeJsonFiles);

describe('phyclass serve', () => {
  it('answers the first line before stdin closes (spawned server), then the next', async () => {
    const child = spawn(process.execPath, [...ENTRY, 'serve'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf = '';
    const waiters: ((l: string) => void)[] = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const l = buf.slice(0, i);
        buf = buf.slice(i + 1);
        waiters.shift()?.(l);
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const call = (line: string): Promise<string> =>
      new Promise((resolve) => {
        waiters.push(resolve);
        child.stdin.write(`${line}\n`);
      });
    try {
      const a = JSON.parse(await call('{"id":"a","method":"tbs","params":{"mcs":27,"nPrb":273,"mcsTable":"qam256"}}')) as Resp;
      expect(a).toMatchObject({ id: 'a', result: { tbsBits: 270576 } });
      const b = JSON.parse(await call('not json')) as Resp;
      expect(b.error?.code).toBe('parse-error');
      const c = JSON.parse(await call('{"id":7,"method":"plan","params":{"service":"uav.c2_stick"}}')) as Resp;
      expect(c.id).toBe(7);
      expect(c.result).toMatchObject({ feasible: true });
      const warm: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        await call(`{"id":${k},"method":"plan","params":{"service":"uav.c2_stick"}}`);
        warm.push(performance.now() - t);
      }
      console.log(`serve (${ENTRY.join(' ')}): warm plan of teleop.haptic_feedback, median of 5: ${warm.sort((x, y) => x - y)[2]?.toFixed(1)} ms`);
    } finally {
      child.stdin.end();
    }
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  it('2,000 mixed requests (10,000 in serve.slow.test.ts, slow tier): one answer each, in order; a sample equals the CLI --json output byte for byte', async () => {
    await checkMixedRequests(2_000, 10);
  }, 300_000);

  it('classes through serve equals `classes --json` in process (a few services; the catalogue in the slow tier); so does simulate', async () => {
    await checkClassesThroughServe(['uav.c2_stick', 'xr.pose_ul', 'teleop.haptic_feedback', 'uav.telemetry_ul'], false);
  }, 120_000);

  it("params.stack (as --stack): plan, verify, classes and export through serve equal the CLI's --stack output; a bad stack names the field", async () => {
    const only = ['uav.c2_stick', 'uav.telemetry_ul'];
    const reqs: Req[] = [
      { id: 0, method: 'plan', params: { service: 'uav.c2_stick', stack: 'srsran' } },
      { id: 1, method: 'verify', params: { service: 'uav.telemetry_ul', stack: 'oai', link: { snrDb: 18 } } },
      { id: 2, method: 'classes', params: { stack: 'srsran', only, maxClasses: 2 } },
      { id: 3, method: 'plan', params: { service: 'uav.c2_stick', stack: 'srsran', link: { timing: 'srsran-low-latency' } } },
    ];
    const resps = (await serveAll(reqs.map((r) => `${JSON.stringify(r)}\n`))).map((l) => JSON.parse(l) as Resp);
    for (const [k, r] of reqs.entries()) {
      const c = await cli(argvOf(r));
      expect(toJsonText(resps[k]?.result), `${r.method} ${JSON.stringify(r.params)}`).toBe(c.stdout);
    }
    // the stack changes the answer (its timing profile and search space)
    expect(JSON.stringify(resps[0]?.result)).not.toBe(JSON.stringify((await serveAll([`${JSON.stringify({ id: 9, method: 'plan', params: { service: 'uav.c2_stick' } })}\n`])).map((l) => JSON.parse(l) as Resp)[0]?.result));
    const exp = (await serveAll([`${JSON.stringify({ id: 5, method: 'export', params: { target: 'srsran', stack: 'srsran', only, maxClasses: 2 } })}\n`])).map((l) => JSON.parse(l) as Resp)[0];
    const expCli = await cli(argvOf({ id: 5, method: 'export', params: { target: 'srsran', stack: 'srsran', only, maxClasses: 2 } }));
    expect((exp?.result as { text: string }).text).toBe(expCli.stdout);
    const bad = (await serveAll([`${JSON.stringify({ id: 6, method: 'plan', params: { service: 'uav.c2_stick', stack: 'nokia' } })}\n`])).map((l) => JSON.parse(l) as Resp)[0];
    expect(JSON.stringify(bad?.error)).toMatch(/stack/);
  }, 120_000);

  it('fuzzed lines (garbage, invalid UTF-8, wrong shapes) each get exactly one error; the server keeps answering', async () => {
    const valid = `${JSON.stringify({ id: 'ok', method: 'tbs', params: { mcs: 5, nPrb: 10 } })}\n`;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 200 }).map((s) => s.replace(/[\r\n]/g, ' ')),
            fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => b.map((x) => (x === 0x0a || x === 0x0d ? 0xff : x))),
            fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
            fc.record({ id: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.object()), method: fc.oneof(fc.constantFrom('plan', 'tbs', 'bler', 'latency', 'classify', 'verify', 'simulate', 'export'), fc.string()), params: fc.oneof(fc.object(), fc.jsonValue(), fc.constant(undefined)) }).map((r) => JSON.stringify(r)),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (bad) => {
          // blank lines are skipped by design: count only non-blank ones
          const enc = new TextEncoder();
          const chunks: (string | Uint8Array)[] = [];
          let expected = 0;
          for (const b of bad) {
            const bytes = typeof b === 'string' ? enc.encode(b) : b;
            if (!bytes.every((x) => x === 0x20 || x === 0x09)) expected++;
            chunks.push(bytes, '\n');
          }
          chunks.push(valid);
          const out = await serveAll(chunks);
          expect(out).toHaveLength(expected + 1);
          for (const l of out) {
            const r = JSON.parse(l) as Resp;
            expect(r.result !== undefined || r.error !== undefined).toBe(true);
            if (r.error !== undefined) {
              expect(typeof r.error.code).toBe('string');
              expect(r.error.message).not.toMatch(/\n|\bat .*:\d+:\d+/);
              expect(r.error.field === null || typeof r.error.field === 'string').toBe(true);
            }
          }
          expect(JSON.parse(out[out.length - 1] as string)).toMatchObject({ id: 'ok', result: { tbsBits: expect.any(Number) } });
        },
      ),
      { numRuns: 150, seed: 16 },
    );
  }, 120_000);

  it('a line over the limit gets one line-too-long error even when split over many chunks; invalid UTF-8 one invalid-utf8 error', async () => {
    const huge = Array.from({ length: 50 }, () => 'x'.repeat(10_000)); // 500 kB in 50 chunks, no newline
    const out = await serveAll([...huge, '\n', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), '{"id":1,"method":"tbs","params":{"mcs":1,"nPrb":1}}'], 100_000);
    const rs = out.map((l) => JSON.parse(l) as Resp);
    expect(rs.map((r) => r.error?.code ?? 'ok')).toEqual(['line-too-long', 'invalid-utf8', 'ok']);
    expect(rs[2]?.id).toBe(1);
  });

  it('describe lists every method with its parameter schema; unknown params and methods name the field', async () => {
    const d = describeMethods();
    const names = d.methods.map((m) => m.name);
    for (const m of ['plan', 'verify', 'classes', 'derive', 'classify', 'tbs', 'bler', 'latency', 'simulate', 'export', 'describe']) expect(names).toContain(m);
    expect(d.methods.find((m) => m.name === 'tbs')?.params['nPrb']).toMatchObject({ type: 'integer', required: true });
    const s = newSession();
    const e1 = JSON.parse(await answerLine(new TextEncoder().encode('{"id":1,"method":"tbs","params":{"mcs":1,"nPrb":1,"nprb":2}}'), s)) as Resp;
    expect(e1.error).toMatchObject({ code: 'invalid-params', field: 'params.nprb' });
    const e2 = JSON.parse(await answerLine(new TextEncoder().encode('{"id":2,"method":"plan","params":{}}'), s)) as Resp;
    expect(e2.error).toMatchObject({ code: 'invalid-params', field: 'params.service' });
    const e3 = JSON.parse(await answerLine(new TextEncoder().encode('{"id":3,"method":"plan","params":{"service":"teleop.haptic_feedback","link":{"snrDb":"loud"}}}'), s)) as Resp;
    expect(e3.error).toMatchObject({ code: 'invalid-params', field: 'params.link' });
    const e4 = JSON.parse(await answerLine(new TextEncoder().encode('{"id":4,"method":"simulate","params":{"scenario":{"services":[]}}}'), s)) as Resp;
    expect(e4.error).toMatchObject({ code: 'invalid-params', field: 'params.scenario' });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const e5 = JSON.parse(await answerLine(new TextEncoder().encode(`{"id":5,"method":"plan","params":{"service":"xr.pose_ul","link":{"fading":${deep}}}}`), s)) as Resp;
    expect(e5.error).toMatchObject({ code: 'invalid-params', field: 'params' });
  });

  it('a stream: answers are written while the input is still open', async () => {
    const input = new PassThrough();
    const out: string[] = [];
    const done = serveLoop(input, (l) => out.push(l));
    input.write('{"id":1,"method":"latency","params":{}}\n');
    for (let k = 0; k < 200 && out.length === 0; k++) await new Promise((r) => setTimeout(r, 10));
    expect(out).toHaveLength(1);
    input.write('{"id":2,"method":"latency","params":{"direction":"UL"}}');
    input.end();
    await done;
    expect(out).toHaveLength(2); // the last line needs no newline
  });
});
