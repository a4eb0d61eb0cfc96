/**
 * TBS benchmark (issue 2): ns per `transportBlockSize` call cycling over 4,096 mixed valid
 * configurations (all MCS tables incl. the PUSCH transform-precoding ones, 1..275 PRBs,
 * 1..14 symbols, DM-RS/xOverhead, 1..4 layers, TB scaling), the allocation-free kernel
 * `tbsFromRe` on the same set, and the same procedure in plain C++ -O2 (bench/tbs_baseline.cpp,
 * compiled into a temp dir) on the same configurations; the C++ checksum must equal ours.
 *
 * Bulk section (issue 18, target 5): `transportBlockSizesInto` / `transportBlockSizes` over 4,096
 * valid scaling-1 rows of the four PDSCH MCS tables (grouped by table: one bulk call per table), the
 * same rows in the same order through the C++ baseline; best round against best round, CPU time;
 * target ≤ 1.5× the C++.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { measure, report, type BenchResult } from './harness.js';
import { makeRng } from '../src/core/rng.js';
import type { McsTableName } from '../src/core/types.js';
import { mcsTableVariant, mcsVariantMaxIndex, mcsVariantQm, mcsVariantRateX1024 } from '../src/nr/mcs.js';
import { tbsFromRe, transportBlockSize, type TbsParams } from '../src/nr/tbs.js';
import { loadavg } from 'node:os';
import { transportBlockSizes, transportBlockSizesInto } from '../src/nr/tbs-bulk.js';

const N = 4096;
const VARIANTS: readonly [McsTableName, boolean, boolean][] = [
  ['qam64', false, false], ['qam256', false, false], ['qam64LowSE', false, false], ['qam1024', false, false],
  ['qam64', true, false], ['qam64', true, true], ['qam64LowSE', true, false], ['qam64LowSE', true, true],
];
const rng = makeRng(4096);
const int = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
const configs: TbsParams[] = [];
const kRe = new Float64Array(N), kQm = new Float64Array(N), kRate = new Float64Array(N), kLayers = new Float64Array(N), kS = new Float64Array(N);
const lines: string[] = [];
for (let i = 0; i < N; i++) {
  const [mcsTable, tp, pi2] = VARIANTS[int(0, VARIANTS.length - 1)]!;
  const v = mcsTableVariant(mcsTable, tp, pi2);
  const mcs = int(0, mcsVariantMaxIndex(v));
  const nSymbols = int(2, 14);
  const dmrs = [6, 12, 18, 24][int(0, 3)]!;
  const oh = [0, 6, 12, 18][int(0, 3)]!;
  const okDmrs = 12 * nSymbols - dmrs - oh > 0 ? dmrs : 6;
  const okOh = 12 * nSymbols - okDmrs - oh > 0 ? oh : 0;
  const p: TbsParams = {
    mcsTable, mcs, nPrb: int(1, 275), nSymbols, nDmrsRePerPrb: okDmrs, nOverheadRePerPrb: okOh,
    nLayers: tp ? 1 : int(1, 4), scaling: tp ? 1 : ([1, 1, 1, 0.5, 0.25] as const)[int(0, 4)]!,
    ...(tp ? { transformPrecoding: true } : {}), ...(pi2 ? { tpPi2Bpsk: true } : {}),
  };
  configs.push(p);
  kRe[i] = Math.min(156, 12 * nSymbols - okDmrs - okOh) * p.nPrb;
  kQm[i] = mcsVariantQm(v, mcs);
  kRate[i] = mcsVariantRateX1024(v, mcs);
  kLayers[i] = p.nLayers;
  kS[i] = p.scaling;
  lines.push(`${v} ${mcs} ${p.nPrb} ${nSymbols} ${okDmrs} ${okOh} ${p.nLayers} ${p.scaling * 4}`);
}
let checksum = 0;
for (const p of configs) {
  const r = transportBlockSize(p);
  if (E.isLeft(r)) throw new Error(`bench config invalid: ${r.left.message}`);
  checksum += r.right;
}

/**
 * Like harness `measure`, but timing process CPU time (process.cpuUsage) instead of wall time:
 * on a shared, loaded machine wall time mostly measures waiting for a core. The C++ baseline
 * reports both its wall and its CPU time (CLOCK_PROCESS_CPUTIME_ID), best of 7 rounds.
 */
function measureCpu(name: string, fn: (i: number) => number, iterations: number, rounds = 7): BenchResult {
  let sink = 0;
  for (let i = 0; i < Math.min(iterations, 200_000); i++) sink += fn(i);
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    let acc = 0;
    for (let i = 0; i < iterations; i++) acc += fn(i);
    const c1 = process.cpuUsage(c0);
    sink += acc;
    perRound.push(((c1.user + c1.system) * 1000) / iterations);
  }
  if (sink === 0.5) process.stdout.write('');
  const sorted = [...perRound].sort((a, b) => a - b);
  const nsPerOp = sorted[0] ?? Number.NaN;
  return { name, nsPerOp, opsPerSec: 1e9 / nsPerOp, rounds: perRound };
}

const iterations = 4_000_000;
const viaEither = (i: number): number => {
  const r = transportBlockSize(configs[i & (N - 1)]!);
  return r._tag === 'Right' ? r.right : 0;
};
const viaKernel = (i: number): number => {
  const j = i & (N - 1);
  return tbsFromRe(kRe[j]!, kQm[j]!, kRate[j]!, kLayers[j]!, kS[j]!);
};
const results: BenchResult[] = [
  measureCpu('transportBlockSize (Either, validated) [cpu]', viaEither, iterations),
  measureCpu('tbsFromRe (kernel, no validation) [cpu]', viaKernel, iterations),
];
const wall: BenchResult[] = [
  measure('transportBlockSize (Either, validated) [wall]', viaEither, iterations),
  measure('tbsFromRe (kernel, no validation) [wall]', viaKernel, iterations),
];

// C++ -O2 baseline on the same configurations.
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'phyclass-tbs-'));
const table: string[] = [];
for (let v = 0; v < 8; v++) for (let i = 0; i < 32; i++) table.push(`${mcsVariantQm(v, i)} ${mcsVariantRateX1024(v, i) * 2}`);
writeFileSync(join(dir, 'cfg.txt'), `${table.join(' ')}\n${N}\n${lines.join('\n')}\n`);
const exe = join(dir, 'tbs_baseline');
const cc = spawnSync('g++', ['-O2', '-std=c++17', '-o', exe, join(here, 'tbs_baseline.cpp')], { encoding: 'utf8' });
let baselineName: string | undefined;
if (cc.status === 0) {
  const run = spawnSync(exe, [join(dir, 'cfg.txt')], { encoding: 'utf8' });
  const m = /ns_per_call ([\d.]+) cpu_ns_per_call ([\d.]+) checksum (-?\d+)/.exec(run.stdout ?? '');
  if (m) {
    const ns = Number(m[1]);
    const cpuNs = Number(m[2]);
    baselineName = 'C++ -O2 baseline (same configs) [cpu]';
    results.push({ name: baselineName, nsPerOp: cpuNs, opsPerSec: 1e9 / cpuNs, rounds: [cpuNs] });
    wall.push({ name: 'C++ -O2 baseline (same configs) [wall]', nsPerOp: ns, opsPerSec: 1e9 / ns, rounds: [ns] });
    const same = Number(m[3]) === checksum;
    process.stdout.write(`checksum over ${N} configs: TS ${checksum}, C++ ${m[3]} ${same ? '(equal)' : '(DIFFERENT!)'}\n`);
    if (!same) process.exitCode = 1;
  } else {
    process.stdout.write(`C++ baseline did not run: ${run.stderr ?? ''}\n`);
  }
} else {
  process.stdout.write(`C++ baseline not compiled (g++ missing or failed): ${cc.stderr ?? cc.error?.message ?? ''}\n`);
}
process.stdout.write('CPU time (process.cpuUsage / CLOCK_PROCESS_CPUTIME_ID, best round): the figure to compare on a shared machine\n');
report(results, baselineName);
process.stdout.write('wall time (harness measure: median round for TS, best round for C++)\n');
report(wall, baselineName === undefined ? undefined : 'C++ -O2 baseline (same configs) [wall]');

// ---- Bulk API (issue 18, target 5) ----
const BULK_TABLES: readonly McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];
const bulkRows: number[][][] = [[], [], [], []];
for (let i = 0; i < N; i++) {
  const t = int(0, 3);
  const v = mcsTableVariant(BULK_TABLES[t]!, false, false);
  const nSymbols = int(2, 14);
  const dmrs = [6, 12, 18, 24][int(0, 3)]!;
  const oh = [0, 6, 12, 18][int(0, 3)]!;
  const okDmrs = 12 * nSymbols - dmrs - oh > 0 ? dmrs : 6;
  const okOh = 12 * nSymbols - okDmrs - oh > 0 ? oh : 0;
  bulkRows[t]!.push([int(0, mcsVariantMaxIndex(v)), int(1, 275), nSymbols, okDmrs, okOh, int(1, 4)]);
}
const bulkIn = bulkRows.map((rs) => Int32Array.from(rs.flat()));
const bulkOut = bulkRows.map((rs) => new Int32Array(rs.length));
const bulkLines: string[] = [];
let bulkChecksum = 0;
bulkRows.forEach((rs, t) => {
  const out = transportBlockSizes(BULK_TABLES[t]!, bulkIn[t]!);
  rs.forEach((r, j) => {
    const one = transportBlockSize({
      mcsTable: BULK_TABLES[t]!, mcs: r[0]!, nPrb: r[1]!, nSymbols: r[2]!, nDmrsRePerPrb: r[3]!, nOverheadRePerPrb: r[4]!, nLayers: r[5]!, scaling: 1,
    });
    if (E.isLeft(one) || one.right !== out[j]) throw new Error(`bulk row ${t}/${j} differs from transportBlockSize`);
    bulkChecksum += out[j]!;
    bulkLines.push(`${mcsTableVariant(BULK_TABLES[t]!, false, false)} ${r.join(' ')} 4`);
  });
});
function measureBulk(name: string, pass: () => number, passes: number, rounds = 7): BenchResult {
  let sink = 0;
  for (let i = 0; i < 50; i++) sink += pass();
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < passes; i++) sink += pass();
    const c1 = process.cpuUsage(c0);
    perRound.push(((c1.user + c1.system) * 1000) / (passes * N));
  }
  if (sink === 0.5) process.stdout.write('');
  const best = Math.min(...perRound);
  return { name, nsPerOp: best, opsPerSec: 1e9 / best, rounds: perRound };
}
const passInto = (): number => {
  let s = 0;
  for (let t = 0; t < 4; t++) {
    transportBlockSizesInto(BULK_TABLES[t]!, bulkIn[t]!, bulkOut[t]!);
    s += bulkOut[t]![0] ?? 0;
  }
  return s;
};
const passAlloc = (): number => {
  let s = 0;
  for (let t = 0; t < 4; t++) s += transportBlockSizes(BULK_TABLES[t]!, bulkIn[t]!)[0] ?? 0;
  return s;
};
const bulk: BenchResult[] = [
  measureBulk('transportBlockSizesInto (bulk, validated) [cpu]', passInto, 1000),
  measureBulk('transportBlockSizes (bulk, allocates out) [cpu]', passAlloc, 1000),
];
let bulkBase: string | undefined;
if (cc.status === 0) {
  writeFileSync(join(dir, 'bulk.txt'), `${table.join(' ')}\n${N}\n${bulkLines.join('\n')}\n`);
  const run = spawnSync(exe, [join(dir, 'bulk.txt')], { encoding: 'utf8' });
  const m = /ns_per_call ([\d.]+) cpu_ns_per_call ([\d.]+) checksum (-?\d+)/.exec(run.stdout ?? '');
  if (m) {
    bulkBase = 'C++ -O2 baseline (same rows, same order) [cpu]';
    bulk.push({ name: bulkBase, nsPerOp: Number(m[2]), opsPerSec: 1e9 / Number(m[2]), rounds: [Number(m[2])] });
    const same = Number(m[3]) === bulkChecksum;
    process.stdout.write(`bulk checksum over ${N} rows: TS ${bulkChecksum}, C++ ${m[3]} ${same ? '(equal)' : '(DIFFERENT!)'}\n`);
    if (!same) process.exitCode = 1;
  }
}
process.stdout.write('bulk TBS (issue 18 target 5: <= 1.5x the C++), CPU time per row, best round vs best round\n');
report(bulk, bulkBase);
const bulkRatio = bulkBase === undefined ? undefined : (bulk[0]!.nsPerOp / bulk[2]!.nsPerOp);
const la = loadavg();
process.stdout.write(
  `bulk/C++ = ${bulkRatio === undefined ? 'n/a' : bulkRatio.toFixed(2)} (target <= 1.5: ${bulkRatio !== undefined && bulkRatio <= 1.5 ? 'met' : 'NOT met'}); load average ${la.map((x) => x.toFixed(2)).join(' ')} (2 cores, shared)\n`,
);
