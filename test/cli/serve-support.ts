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
      expect(s.code).toBe(0);
      expect(toJsonText(resps[k + 1]?.result)).toBe(s.stdout);
    });
  } finally {
    removeJsonFiles();
  }
}
