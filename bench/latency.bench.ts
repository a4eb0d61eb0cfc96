/**
 * userPlaneLatency: ns per call over 4,096 mixed valid configurations (DL/UL, FDD/TDD patterns,
 * μ 0..3, TTI 2/4/7/14, capability 1/2, grants, 1..4 transmissions, both alignments), after the
 * memo is warm (the planner's steady state), against a cold-path baseline (cache rebuilt: what
 * the first call of each configuration costs) and a trivial baseline (reading a field).
 * Run: npx tsx bench/latency.bench.ts
 */
import * as E from 'fp-ts/lib/Either.js';
import { measure, report } from './harness.js';
import { deliveryFromTotals, latencyByTransmissions, tryUserPlaneLatency, userPlaneLatency, assertUserPlaneLatency } from '../src/link/latency.js';
import type { UserPlaneLatencyInput } from '../src/link/latency.js';
import { makeRng } from '../src/core/rng.js';
import type { Mu } from '../src/core/types.js';

const rng = makeRng(2024);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)] as T;
const configs: UserPlaneLatencyInput[] = [];
while (configs.length < 4096) {
  const tdd = rng.uniform() < 0.5;
  const p: UserPlaneLatencyInput = {
    direction: pick(['DL', 'UL'] as const),
    duplex: tdd ? 'TDD' : 'FDD',
    ...(tdd ? { tddPattern: pick(['DDDSU', 'DSUUU', 'DDSU', 'DDDDDDDSUU']) } : {}),
    mu: pick([0, 1, 2, 3] as Mu[]),
    ttiSymbols: pick([2, 4, 7, 14]),
    ueCapability: pick([1, 2] as const),
    grant: pick(['dynamic', 'configured', 'sr'] as const),
    transmissions: 1 + Math.floor(rng.uniform() * 4),
    alignment: pick(['average', 'worst'] as const),
  };
  if (E.isRight(tryUserPlaneLatency(p))) configs.push(p);
}
const mask = configs.length - 1;
const totals = configs.map((c) => {
  const t = latencyByTransmissions(c);
  return E.isRight(t) ? t.right : new Float64Array(4);
});
const errorAfter = (t: number): number => 10 ** -(2 * t);

const results = [
  measure('baseline: read config.ttiSymbols', (i) => (configs[i & mask] as UserPlaneLatencyInput).ttiSymbols, 2_000_000),
  measure('userPlaneLatency (memo warm)', (i) => assertUserPlaneLatency(configs[i & mask] as UserPlaneLatencyInput).totalMs, 2_000_000),
  measure('tryUserPlaneLatency (memo warm, Either)', (i) => {
    const r = tryUserPlaneLatency(configs[i & mask] as UserPlaneLatencyInput);
    return E.isRight(r) ? r.right.totalMs : 0;
  }, 1_000_000),
  measure('deliveryFromTotals (precomputed array)', (i) => deliveryFromTotals(totals[i & mask] as Float64Array, 4, 1, errorAfter), 2_000_000),
];
report(results, 'baseline: read config.ttiSymbols');
const warm = results[1]?.nsPerOp ?? Number.NaN;
process.stdout.write(`userPlaneLatency warm: ${warm.toFixed(1)} ns/call (target < 1000 ns): ${warm < 1000 ? 'OK' : 'SLOW'}\n`);

// Cold path: the first call of a configuration (grid, occasions, 4 chains per arrival occasion).
let k = 0;
const cold = measure('userPlaneLatency (cold: new TDD pattern each call)', () => {
  k++;
  // A pattern never seen before: 'S' + the binary digits of k as D (0) / U (1).
  const pattern = `S${k.toString(2).replaceAll('0', 'D').replaceAll('1', 'U')}`;
  return assertUserPlaneLatency({ direction: 'UL', duplex: 'TDD', tddPattern: pattern, mu: 1, ttiSymbols: 4, ueCapability: 1, grant: 'sr', transmissions: 2 }).totalMs;
}, 2000, 3);
report([cold]);
