/**
 * Laws of the co-design search (issue 15, spec/codesign.md §6) on random small grids:
 * - `codesign` equals a brute force over the same grid (>= 100 grids): every point planned with the public
 *   `plan`, re-checked with `verify`, its E2E parts recomputed here and summed against the requirement,
 *   and the Pareto front recomputed here;
 * - a faster device never raises the minimum E2E latency; a looser epsilon never raises the minimum
 *   radio cost; early-exit probability p scales the offered UL load to `pipelineTraffic`'s mean.
 * The planner's search is restricted (mu 1, two TTI lengths, qam64) to keep each plan to a few ms.
 * These are laws of the search, so the system-level check (which makes `best` prefer system-verified
 * points) is off here (`system: false`); test/codesign/codesign.test.ts checks it.
 */
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect } from 'vitest';
import { freeFddLink as shippedLink } from '../../src/classes/link.js';
import { plan, verify, type LinkContext, type PlannableService, type PlanOptions } from '../../src/classes/index.js';
import {
  codesign, codesignCache, type CodesignPipeline, type CodesignPoint, type CodesignResult,
} from '../../src/codesign/index.js';
import { layerShapes, splitCandidates, type DnnModel } from '../../src/workload/dnn.js';
import { COMPUTE_PRESETS, layerMacs } from '../../src/workload/macs.js';
import { pipelineTraffic } from '../../src/workload/pipeline.js';
import { splitPayloadBytes } from '../../src/workload/split.js';
import { FC_FULL, fcRuns } from '../support/fc-runs.js';

/**
 * 100 MHz FR1 FDD (free carrier), 15 dB, Rayleigh d2, independent HARQ fading, no control errors: a mechanism
 * link pinned so that the share of non-empty fronts does not move with `defaultLink` (the laws are about the
 * search, not about what the n78 default serves).
 */
const defaultLink: LinkContext = (() => {
  const l: LinkContext = {
    ...shippedLink, band: 'none', duplex: 'FDD', bandwidthMHz: 100, fr: 'FR1', snrDb: 15, fading: { kind: 'rayleigh', diversity: 2 },
    harqFading: 'independent', controlErrors: { pdcchMissProb: 0, harqAckErrorProb: 0, srMissProb: 0 },
  };
  delete (l as { tddPattern?: string }).tddPattern;
  return l;
})();
const PLAN_OPTS: PlanOptions = { mu: [1], ttiSymbols: [14, 4], mcsTables: ['qam64'], maxTransmissions: [1, 2], repetitions: [1] };
const MODELS: readonly DnnModel[] = ['alexnet', 'resnet18', 'mobilenetv2'];
const P224 = { height: 224, width: 224 };

const arbGrid = fc.record({
  model: fc.constantFrom(...MODELS),
  splitPicks: fc.uniqueArray(fc.nat(30), { minLength: 1, maxLength: 2 }),
  bits: fc.uniqueArray(fc.constantFrom(32, 16, 8, 4), { minLength: 1, maxLength: 2 }),
  ratios: fc.uniqueArray(fc.constantFrom(1, 4, 10, 32), { minLength: 1, maxLength: 2 }),
  ul: fc.uniqueArray(fc.constantFrom(1, 2, 4), { minLength: 1, maxLength: 2 }),
  dl: fc.constantFrom(1, 2),
  e2e: fc.constantFrom(6, 10, 20),
  epsilon: fc.constantFrom(1e-3, 1e-4),
  terminals: fc.constantFrom(1, 2),
  pExit: fc.constantFrom(0, 0.5),
  device: fc.constantFrom('phone-npu-a16', 'jetson-orin-nano', 'jetson-agx-orin'),
});
type G = typeof arbGrid extends fc.Arbitrary<infer T> ? T : never;

function setup(g: G): { pipeline: CodesignPipeline; splits: string[] } {
  const cands = splitCandidates(g.model, layerShapes(g.model, P224, { head: 'always' }));
  const splits = [...new Set(g.splitPicks.map((i) => cands[i % cands.length]!.name))];
  const pipeline: CodesignPipeline = {
    id: 'p', model: g.model, input: P224, frameRateHz: 30, exitProbability: g.pExit, terminals: g.terminals,
    e2eLatencyMs: g.e2e, coreNetworkMs: 1, epsilon: g.epsilon,
    device: COMPUTE_PRESETS[g.device]!, edge: COMPUTE_PRESETS['edge-gpu-l4']!,
  };
  return { pipeline, splits };
}

const cache = codesignCache(100_000);
const bruteCache = new Map<string, ReturnType<typeof plan>>();
function planned(s: PlannableService): ReturnType<typeof plan> {
  const k = JSON.stringify(s);
  let r = bruteCache.get(k);
  if (r === undefined) { r = plan(s, defaultLink, { ...PLAN_OPTS, relaxations: false }); bruteCache.set(k, r); }
  return r;
}

interface BrutePoint { key: string; radio: number; macs: number; e2e: number }

/** The brute force: every grid point, public plan + verify, E2E recomputed from the model's rows. */
function brute(p: CodesignPipeline, splits: readonly string[], g: G): BrutePoint[] {
  const m = layerMacs(p.model, P224, { head: 'always' });
  const N = p.terminals ?? 1;
  const pe = p.exitProbability ?? 0;
  const f = p.frameRateHz;
  const out: BrutePoint[] = [];
  for (const split of splits) {
    const idx = m.layers.findIndex((l) => l.name === split);
    const devMacs = m.layers.slice(0, idx + 1).reduce((a, l) => a + l.macs, 0);
    const edgeMacs = m.layers.slice(idx + 1).reduce((a, l) => a + l.macs, 0);
    const devMs = p.device.overheadMs + (devMacs / p.device.macsPerSecond) * 1000;
    const edgeMs = idx === m.layers.length - 1 ? 0 : p.edge.overheadMs + (N * edgeMacs / p.edge.macsPerSecond) * 1000;
    const elements = m.layers[idx]!.elements;
    const encMs = 0.1 + elements * 0.1e-6;
    for (const bits of g.bits) for (const ratio of g.ratios) {
      const bytes = splitPayloadBytes({ model: p.model, layer: split, input: P224, bitsPerValue: bits, compressionRatio: ratio });
      for (const ulB of g.ul) {
        const dlB = g.dl;
        const total = devMs + encMs + ulB + edgeMs + 1 + dlB;
        if (total > p.e2eLatencyMs + 1e-9) continue;
        const ulS: PlannableService = { id: 'p.ul', direction: 'UL', payload: { sizesBytes: [bytes] }, periodMs: 1000 / (f * (1 - pe)), latencyBudgetMs: ulB, epsilon: (0.5 * p.epsilon) / N, fiveQi: null, ueCount: N };
        const dlS: PlannableService = { id: 'p.dl', direction: 'DL', payload: { sizesBytes: [64] }, periodMs: 1000 / (f * (1 - pe)), latencyBudgetMs: dlB, epsilon: 0.5 * p.epsilon, fiveQi: null, ueCount: N };
        const u = planned(ulS);
        if (E.isLeft(u)) continue;
        const d = planned(dlS);
        if (E.isLeft(d)) continue;
        const vu = verify(u.right, ulS, defaultLink);
        const vd = verify(d.right, dlS, defaultLink);
        if (!vu.pass || !vd.pass) continue;
        out.push({ key: `${split}|${bits}|${ratio}|${ulB}|${dlB}`, radio: vu.rePerSecond + vd.rePerSecond, macs: devMacs, e2e: total });
      }
    }
  }
  const dom = (a: BrutePoint, b: BrutePoint): boolean =>
    a.radio <= b.radio && a.macs <= b.macs && a.e2e <= b.e2e && (a.radio < b.radio || a.macs < b.macs || a.e2e < b.e2e);
  return out.filter((x) => !out.some((y) => dom(y, x)));
}

function run(p: CodesignPipeline, splits: readonly string[], g: G): CodesignResult {
  const r = codesign(p, defaultLink, { grid: { splits, bitsPerValue: g.bits, compressionRatios: g.ratios, ulBudgetsMs: g.ul, dlBudgetsMs: [g.dl] }, planOptions: PLAN_OPTS, relaxations: false, cache, system: false });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

let nonEmptyFronts = 0;
let emptyFronts = 0;
/** The brute-force law: 100 random grids in the slow tier; 25 seeded ones in the fast tier. */
const BRUTE = { numRuns: fcRuns(100), ...(FC_FULL ? {} : { seed: 18 }) };
/** The monotonicity laws (two co-designs of a random grid per case): 30 grids in the slow tier, 10 in `npm test`. */
const MONO = { numRuns: FC_FULL ? 30 : 10 };

describe('codesign laws', () => {
  // the random grids must exercise both outcomes, or the equality above says little
  afterAll(() => {
    expect(nonEmptyFronts).toBeGreaterThan(BRUTE.numRuns / 10);
    expect(emptyFronts + nonEmptyFronts).toBeGreaterThanOrEqual(BRUTE.numRuns);
  });

  test.prop([arbGrid], BRUTE)('equals a brute force over the same grid; every point verified, E2E parts within the budget', (g) => {
    const { pipeline, splits } = setup(g);
    const res = run(pipeline, splits, g);
    const b = brute(pipeline, splits, g);
    if (b.length > 0) nonEmptyFronts++; else emptyFronts++;
    expect(res.front.map((x) => x.key).sort()).toEqual(b.map((x) => x.key).sort());
    for (const pt of res.front) {
      const q = b.find((x) => x.key === pt.key)!;
      expect(close(pt.radioRePerSecond, q.radio)).toBe(true);
      expect(pt.deviceMacs).toBe(q.macs);
      expect(close(pt.e2eLatencyMs, q.e2e)).toBe(true);
    }
    for (const pt of res.points) {
      // independently: both legs pass verify, and the parts sum to at most the requirement
      expect(verify(pt.ul.phyClass, pt.ul.service, defaultLink).pass).toBe(true);
      expect(verify(pt.dl.phyClass, pt.dl.service, defaultLink).pass).toBe(true);
      const e = pt.e2e;
      const sum = e.deviceComputeMs + e.encodeMs + e.ulAirMs + e.edgeComputeMs + e.coreNetworkMs + e.dlAirMs;
      expect(sum).toBeLessThanOrEqual(pipeline.e2eLatencyMs + 1e-9);
      expect(e.ulAirMs).toBe(pt.ul.service.latencyBudgetMs);
      expect(pt.ul.worstLatencyMs).toBeLessThanOrEqual(e.ulAirMs + 1e-12);
    }
    // best per objective is on the front and minimal
    if (res.best.radioCost !== null) expect(Math.min(...res.points.map((x) => x.radioRePerSecond))).toBe(res.best.radioCost.radioRePerSecond);
    if (res.best.e2eLatency !== null) expect(Math.min(...res.points.map((x) => x.e2eLatencyMs))).toBe(res.best.e2eLatency.e2eLatencyMs);
    expect(res.feasible).toBe(res.points.length > 0);
  });

  test.prop([arbGrid, fc.constantFrom(2, 4, 10)], MONO)('a faster device never raises the minimum E2E latency', (g, speedUp) => {
    const { pipeline, splits } = setup(g);
    const slow = run(pipeline, splits, g);
    const d = pipeline.device;
    const fast = run({ ...pipeline, device: { ...d, macsPerSecond: d.macsPerSecond * speedUp } }, splits, g);
    const minE = (r: CodesignResult): number => Math.min(Infinity, ...r.points.map((x) => x.e2eLatencyMs));
    expect(minE(fast)).toBeLessThanOrEqual(minE(slow));
  });

  test.prop([arbGrid], MONO)('a looser epsilon never raises the minimum radio cost', (g) => {
    const { pipeline, splits } = setup(g);
    const tight = run({ ...pipeline, epsilon: 1e-4 }, splits, g);
    const loose = run({ ...pipeline, epsilon: 1e-3 }, splits, g);
    const minR = (r: CodesignResult): number => Math.min(Infinity, ...r.points.map((x) => x.radioRePerSecond));
    expect(minR(loose)).toBeLessThanOrEqual(minR(tight));
  });

  test.prop([arbGrid, fc.constantFrom(0.1, 0.3, 0.5, 0.9)], MONO)('early exit p scales the offered UL load to pipelineTraffic\'s mean', (g, p) => {
    const { pipeline, splits } = setup(g);
    const with0 = run({ ...pipeline, exitProbability: 0 }, splits, g);
    const withP = run({ ...pipeline, exitProbability: p }, splits, g);
    for (const pt of withP.points) {
      const pt0: CodesignPoint | undefined = with0.points.find((x) => x.key === pt.key);
      const tr = pipelineTraffic({
        split: { model: pipeline.model, layer: pt.split, input: P224, bitsPerValue: pt.bitsPerValue, compressionRatio: pt.compressionRatio },
        frameRateHz: pipeline.frameRateHz, exitProbability: p, terminals: pipeline.terminals ?? 1,
      });
      if (E.isLeft(tr)) throw new Error(tr.left.message);
      expect(close(pt.ulOfferedLoadMbps, tr.right.uplink.offeredLoadMbps)).toBe(true);
      // the UL leg is planned for the mean burst rate f(1-p): its bursts x size = the offered load
      const burstsPerS = ((pt.ul.service.ueCount ?? 1) * 1000) / pt.ul.service.periodMs;
      expect(close((burstsPerS * pt.payloadBytes * 8) / 1e6, tr.right.uplink.offeredLoadMbps)).toBe(true);
      // same class at both p: the radio cost scales by (1 - p)
      if (pt0 !== undefined && pt0.ul.phyClass.id === pt.ul.phyClass.id) expect(close(pt.ul.rePerSecond, (1 - p) * pt0.ul.rePerSecond)).toBe(true);
    }
  });
});
