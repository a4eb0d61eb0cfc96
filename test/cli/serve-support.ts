/**
 * Helpers of the `phyclass serve` tests (serve.test.ts, fast tier; serve.slow.test.ts, slow tier):
 * an in-process server over a list of lines, the in-process CLI, and the CLI argv equivalent to a
 * request.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { toJsonText } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';
import { serveLoop } from '../../src/cli/commands/serve.js';
import { ROOT, spawnBin } from './run-bin.js';

export type Req = { id: number; method: string; params: Record<string, unknown> };
export type Resp = { id: unknown; result?: unknown; unmet?: boolean; error?: { code: string; message: string; field: string | null } };

/** Run a whole input through one in-process server; the answer lines. */
export async function serveAll(lines: readonly (string | Uint8Array)[], maxLineBytes?: number): Promise<string[]> {
  const out: string[] = [];
  async function* gen(): AsyncGenerator<Uint8Array | string> {
    for (const l of lines) yield l;
  }
  await serveLoop(gen(), (s) => out.push(s), maxLineBytes === undefined ? {} : { maxLineBytes });
  return out.join('').split('\n').slice(0, -1);
}

/** The CLI in-process: stdout text and exit code of `phyclass <argv>`. */
export async function cli(argv: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stderrColumns: 80,
    readStdin: async () => '',
    readTextFile: (p) => readFile(p, 'utf8'),
    writeTextFile: async () => undefined,
    makeDir: async () => undefined,
    nowMs: () => 0,
  };
  const code = await runCli(argv, io);
  return { code, stdout };
}

/** Link and class files of the argv forms (one temporary directory per test file, removed by `removeJsonFiles`). */
let dir: string | undefined;
let fileNo = 0;
function jsonFile(u: unknown): string {
  dir ??= mkdtempSync(join(tmpdir(), 'phyclass-serve-'));
  const p = join(dir, `f${fileNo++}.json`);
  writeFileSync(p, JSON.stringify(u));
  return p;
}

/** The CLI argv equivalent to a request (the `--json` form). */
export function argvOf(r: Req): string[] {
  const p = r.params;
  const opt = (flag: string, k: string): string[] => (p[k] === undefined ? [] : [`${flag}=${String(p[k])}`]);
  const link = p['link'] === undefined ? [] : [`--link=${jsonFile(p['link'])}`];
  switch (r.method) {
    case 'tbs':
      return ['tbs', '--json', ...opt('--table', 'mcsTable'), ...opt('--mcs', 'mcs'), ...opt('--prb', 'nPrb'), ...opt('--symbols', 'nSymbols'), ...opt('--dmrs', 'nDmrsRePerPrb'), ...opt('--overhead', 'nOverheadRePerPrb'), ...opt('--layers', 'nLayers'), ...opt('--scaling', 'scaling'), ...(p['transformPrecoding'] === true ? ['--transform-precoding'] : [])];
    case 'bler':
      return ['bler', '--json', ...opt('--table', 'mcsTable'), ...opt('--mcs', 'mcs'), ...opt('--size', 'tbsBits'), ...opt('--snr', 'snrDb'), ...opt('--target', 'targetBler'), ...opt('--model', 'model'), ...opt('--receiver', 'receiver')];
    case 'latency':
      return ['latency', '--json', ...opt('--direction', 'direction'), ...opt('--duplex', 'duplex'), ...opt('--tdd', 'tddPattern'), ...opt('--mu', 'mu'), ...opt('--tti', 'ttiSymbols'), ...opt('--capability', 'ueCapability'), ...opt('--grant', 'grant'), ...opt('--transmissions', 'transmissions'), ...(p['alignment'] === 'worst' ? ['--worst'] : [])];
    case 'plan':
      return ['plan', String(p['service']), '--json', ...link, ...opt('--stack', 'stack'), ...(p['relaxations'] === false ? ['--no-relaxations'] : [])];
    case 'verify':
      return ['verify', String(p['service']), '--json', ...link, ...opt('--stack', 'stack'), ...(p['class'] === undefined ? [] : [`--class=${jsonFile(p['class'])}`])];
    case 'classify':
      return ['classify', String(p['service']), String(p['size']), '--json', ...link, ...opt('--max-classes', 'maxClasses')];
    case 'classes':
      return ['classes', '--json', ...link, ...opt('--stack', 'stack'), ...opt('--max-classes', 'maxClasses'), ...(Array.isArray(p['only']) ? [`--only=${(p['only'] as string[]).join(',')}`] : [])];
    case 'export':
      return ['export', `--target=${String(p['target'])}`, ...link, ...opt('--stack', 'stack'), ...opt('--max-classes', 'maxClasses'), ...(Array.isArray(p['only']) ? [`--only=${(p['only'] as string[]).join(',')}`] : [])];
    default:
      throw new Error(`no CLI form for ${r.method}`);
  }
}


/** Remove the temporary files of `argvOf`. */
export function removeJsonFiles(): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/**
 * `classes` through serve (maxClasses 3, 12 dB) equals `classes --json` in process, over `only` (the
 * catalogue when undefined); `simulate` with the scenario object equals the CLI on the scenario
 * file; with `spawned`, a handful of requests also equal the spawned binary.
 */
export async function checkClassesThroughServe(only: readonly string[] | undefined, spawned: boolean): Promise<void> {
  const reqs: Req[] = [
    { id: 0, method: 'classes', params: { maxClasses: 3, link: { snrDb: 12 }, ...(only === undefined ? {} : { only }) } },
    { id: 1, method: 'tbs', params: { mcs: 10, nPrb: 52 } },
    { id: 2, method: 'plan', params: { service: 'xr.pose_ul', link: { snrDb: 18 } } },
    { id: 3, method: 'latency', params: { direction: 'UL', grant: 'configured', mu: 1, ttiSymbols: 2, ueCapability: 2 } },
    { id: 4, method: 'bler', params: { mcs: 4, tbsBits: 256, targetBler: 1e-5 } },
    // infeasible and carries its feature source: the answer has applicationRelaxations (the CLI's did, serve's did not)
    { id: 5, method: 'plan', params: { service: 'v2x.8k_perception_features', link: { snrDb: 12 } } },
  ];
  try {
    const resps = (await serveAll(reqs.map((r) => `${JSON.stringify(r)}\n`))).map((l) => JSON.parse(l) as Resp);
    const inproc = await cli(argvOf(reqs[0] as Req));
    expect(toJsonText(resps[0]?.result)).toBe(inproc.stdout);
    if (only !== undefined) expect((JSON.parse(inproc.stdout) as { plan: { classes: unknown[] } }).plan.classes.length).toBeGreaterThan(1);
    for (let k = 1; k < reqs.length; k++) {
      const c = await cli(argvOf(reqs[k] as Req));
      expect(toJsonText(resps[k]?.result), reqs[k]?.method).toBe(c.stdout);
    }
    expect((resps[5]?.result as { applicationRelaxations?: unknown[] }).applicationRelaxations?.length).toBeGreaterThan(0);
    // simulate: the scenario object through serve = the scenario file through the CLI
    const scenarioPath = join(ROOT, 'examples', 'scenarios', 'mixed.json');
    const scenario = JSON.parse(await readFile(scenarioPath, 'utf8')) as unknown;
    const [sim] = (await serveAll([`${JSON.stringify({ id: 9, method: 'simulate', params: { scenario, slots: 2000, seed: 3 } })}\n`])).map((l) => JSON.parse(l) as Resp);
    const simCli = await cli(['simulate', scenarioPath, '--slots', '2000', '--seed', '3', '--json']);
    expect(toJsonText(sim?.result)).toBe(simCli.stdout);
    expect(sim?.unmet === true).toBe(simCli.code === 1);
    if (!spawned) return;
    const bins = await Promise.all(reqs.slice(1).map((r) => spawnBin(argvOf(r))));
    bins.forEach((s, k) => {
      expect(s.code).toBe(resps[k + 1]?.unmet === true ? 1 : 0); // the infeasible plan exits 1
      expect(toJsonText(resps[k + 1]?.result)).toBe(s.stdout);
    });
  } finally {
    removeJsonFiles();
  }
}

/** A seeded mix of requests over every verb (fast services only for plan/verify). */
function mixedRequests(n: number): Req[] {
  let seed = 2024;
  const rnd = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  const pick = <A>(xs: readonly A[]): A => xs[rnd(xs.length)] as A;
  const fast = ['teleop.haptic_feedback', 'xr.pose_ul', 'uav.c2_stick', 'uav.telemetry_ul', 'v2x.platooning_control', 'v2x.collision_avoidance'];
  const links = [{}, { snrDb: 10 }, { snrDb: 20, fading: { kind: 'awgn' } }];
  const out: Req[] = [];
  for (let id = 0; id < n; id++) {
    const u = rnd(1000);
    let r: Req;
    if (u < 380) {
      r = { id, method: 'tbs', params: { mcsTable: pick(['qam64', 'qam256', 'qam64LowSE']), mcs: rnd(28), nPrb: 1 + rnd(275), nSymbols: 2 + rnd(13), ...(rnd(3) === 0 ? { nLayers: 1 + rnd(4) } : {}), ...(rnd(4) === 0 ? { nDmrsRePerPrb: pick([6, 12, 24]) } : {}) } };
    } else if (u < 600) {
      r = { id, method: 'bler', params: { mcs: rnd(28), tbsBits: 24 + rnd(20_000), ...(rnd(5) === 0 ? { targetBler: pick([1e-5, 1e-3, 0.1]) } : { snrDb: Math.round((rnd(400) - 100) / 10 * 10) / 10 }), ...(rnd(4) === 0 ? { model: pick(['fbl-gaussian', 'fbl-qam', 'nr-ldpc']) } : {}), ...(rnd(4) === 0 ? { receiver: 'ideal' } : {}) } };
    } else if (u < 820) {
      const tdd = rnd(3) === 0;
      r = { id, method: 'latency', params: { direction: pick(['DL', 'UL']), ...(tdd ? { duplex: 'TDD', tddPattern: pick(['DDDSU', 'DDSU', 'dsuud']) } : {}), mu: rnd(4), ttiSymbols: pick([2, 4, 7, 14]), ueCapability: pick([1, 2]), grant: pick(['dynamic', 'configured', 'sr']), transmissions: 1 + rnd(4), ...(rnd(3) === 0 ? { alignment: 'worst' } : {}) } };
    } else if (u < 930) {
      r = { id, method: 'classify', params: { service: pick(['teleop.haptic_feedback', 'xr.pose_ul', 'v2x.cooperative_perception_features', 'industrial.motion_control']), size: rnd(3) === 0 ? `${1 + rnd(30)} kB` : 1 + rnd(30_000), ...(rnd(2) === 0 ? { link: { snrDb: 20 } } : {}) } };
    } else if (u < 948) {
      r = { id, method: 'plan', params: { service: pick(fast), link: pick(links) } };
    } else if (u < 960) {
      r = { id, method: 'verify', params: { service: pick(fast), link: pick(links) } };
    } else if (u < 999) {
      r = { id, method: pick(['tbs', 'bler', 'latency', 'plan', 'nope']), params: pick([{ mcs: 99, nPrb: 1 }, { mcs: 'x' }, { service: 'nope' }, { bogus: 1 }]) };
    } else {
      r = { id, method: 'describe', params: {} };
    }
    out.push(r);
  }
  return out;
}

/**
 * `n` seeded mixed requests through one in-process server: one answer each, in order, bad ones with
 * one readable error line; a sample — every `stride`-th successful tbs/bler/latency answer, the
 * first classify per link and size form, every distinct plan/verify request — equals the CLI's
 * `--json` output byte for byte, and bad tbs params fail in the CLI too (exit 2). serve.test.ts runs
 * 2,000 requests with stride 10 (fast tier), serve.slow.test.ts 10,000 with stride 40 (slow tier).
 */
export async function checkMixedRequests(n: number, stride: number): Promise<void> {
  const reqs = mixedRequests(n);
  const t0 = performance.now();
  const lines = await serveAll(reqs.map((r) => `${JSON.stringify(r)}\n`));
  console.log(`serve: ${n} mixed requests answered in ${((performance.now() - t0) / 1000).toFixed(1)} s (in process)`);
  expect(lines).toHaveLength(reqs.length);
  const resps = lines.map((l) => JSON.parse(l) as Resp);
  resps.forEach((r, i) => expect(r.id).toBe(i));
  const errors = resps.filter((r) => r.error !== undefined);
  expect(errors.length).toBeGreaterThan(0);
  for (const r of errors) expect(r.error?.message).not.toMatch(/\n|\bat .*:\d+:\d+/);
  // sample: every `stride`-th successful request of tbs/bler/latency, the first successful classify request
  // per link and size form (bytes or a "kB" string; a CLI classify derives the catalogue), and every
  // distinct plan/verify request
  // (6 services x 3 links: equal requests give equal answers)
  const ok = reqs.filter((_, i) => resps[i]?.error === undefined && reqs[i]?.method !== 'describe');
  const byMethod = new Map<string, number>();
  const distinct = new Set<string>();
  const sample = ok.filter((r, k) => {
    const seen = byMethod.get(r.method) ?? 0;
    const key = r.method === 'classify' ? `classify ${JSON.stringify(r.params['link'] ?? null)} ${typeof r.params['size']}` : `${r.method} ${JSON.stringify(r.params)}`;
    const take = r.method === 'classify' || r.method === 'plan' || r.method === 'verify' ? !distinct.has(key) : k % stride === 0;
    distinct.add(key);
    if (take) byMethod.set(r.method, seen + 1);
    return take;
  });
  expect(sample.length).toBeGreaterThan(150);
  console.log(`serve sample: ${JSON.stringify([...byMethod])}`);
  for (const m of ['plan', 'verify']) expect(byMethod.get(m), m).toBeGreaterThanOrEqual(6);
  expect(byMethod.get('classify')).toBeGreaterThanOrEqual(2);
  for (const r of sample) {
    const got = resps[r.id] as Resp;
    const c = await cli(argvOf(r));
    expect(toJsonText(got.result), `${r.method} ${JSON.stringify(r.params)}`).toBe(c.stdout);
    expect(got.unmet === true, `${r.method} exit code`).toBe(c.code === 1);
  }
  // bad params fail in the CLI too (exit 2)
  for (const r of reqs.filter((_, i) => resps[i]?.error?.code === 'invalid-params' && reqs[i]?.method === 'tbs').slice(0, 3)) {
    expect((await cli(argvOf(r))).code).toBe(2);
  }
}
