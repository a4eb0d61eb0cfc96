/**
 * classes/verify: `verify(phyClass, service, link)` — an independent check of a PHY class
 * (issue 5 §4; spec/planner.md §5).
 *
 * Nothing here is shared with the planner's search (no memo tables, no model.ts): the class is
 * re-validated against the 3GPP tables (MCS row, TBS via the validated `transportBlockSize`,
 * DMRS REs, carrier PRBs), every packet size is re-allocated with `allocationFor`, the latency of
 * each transmission comes from `tryUserPlaneLatency` (worst-case alignment), the error after t
 * transmissions from `harqAttemptErrors` (= `harqResidualError` for each t), and the two are combined by the link module's
 * `segmentedMissProbability` (retransmissions of earlier segments push the last one back). The SNR margin is found by bisection on the mean SNR (every model is
 * monotone in SNR).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction } from '../core/types.js';
import { blerModel } from '../link/bler.js';
import { harqAttemptErrors } from '../link/harq.js';
import { occasionGrid, occasionSpanSymbols, tryUserPlaneLatency } from '../link/latency.js';
import { segmentedMissProbability } from '../link/segments.js';
import { maxPrb } from '../nr/carrier.js';
import { mcsEntry } from '../nr/mcs.js';
import { numerology } from '../nr/numerology.js';
import { transportBlockSize } from '../nr/tbs.js';
import { allocationFor } from './allocation.js';
import { allowedMuFor, defaultLink, dmrsRePerPrbFor, layersFor, type LinkContext } from './link.js';
import type { PlannableService } from './model.js';
import type { PhyClass, SizeVerdict, Verdict } from './types.js';

/** Share of slots of a TDD pattern usable in a direction (S slot 10 D : 2 G : 2 U symbols). */
function dutyOf(link: LinkContext, direction: Direction): number {
  if (link.duplex !== 'TDD') return 1;
  const pat = link.tddPattern ?? 'DDDSU';
  const count = (ch: string): number => pat.split('').filter((x) => x === ch).length;
  const own = direction === 'DL' ? count('D') + (count('S') * 10) / 14 : count('U') + (count('S') * 2) / 14;
  return pat.length === 0 ? 1 : own / pat.length;
}

/**
 * epsilon check with a relative tolerance of 1e-9: 1 − (1 − e)^m is formed in double precision,
 * which can land a few ulps above a target the exact value meets.
 */
function meetsEps(achieved: number, target: number): boolean {
  return achieved <= target * (1 + 1e-9);
}

interface SizeEval {
  readonly verdict: SizeVerdict;
}

/** Verify `c` for `service` on `link` (default `defaultLink`). Never throws. */
export function verify(c: PhyClass, service: PlannableService, link: LinkContext = defaultLink): Verdict {
  return verifyWith(c, service, link, { snrMargin: true });
}

/** `verify` with options: `snrMargin: false` skips the SNR-margin bisection (snrMarginDb is then NaN-free 0). */
export function verifyWith(c: PhyClass, service: PlannableService, link: LinkContext, o: { readonly snrMargin: boolean }): Verdict {
  const reasons: string[] = [];
  const fail = (extra: string): Verdict => ({
    pass: false,
    classId: c.id,
    serviceId: service.id,
    reasons: [...reasons, extra],
    perSize: [],
    epsilonAchieved: 1,
    snrMarginDb: 0,
    latencyMarginMs: 0,
    rePerSecond: 0,
    load: 0,
  });
  try {
    return verifyInner(c, service, link, reasons, fail, o.snrMargin);
  } catch (err) {
    return fail(`verification failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function verifyInner(
  c: PhyClass,
  service: PlannableService,
  link: LinkContext,
  reasons: string[],
  fail: (extra: string) => Verdict,
  withMargin: boolean,
): Verdict {
  if (c.direction !== service.direction) return fail(`class is ${c.direction} but the service is ${service.direction}`);
  const sizes = [...new Set(service.payload.sizesBytes)].sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some((b) => !(Number.isFinite(b) && b > 0))) return fail('service payload sizes must be positive');
  if (!(service.latencyBudgetMs > 0 && service.periodMs > 0 && service.epsilon > 0 && service.epsilon < 1)) {
    return fail('service latencyBudgetMs, periodMs must be > 0 and epsilon in (0, 1)');
  }
  if (!allowedMuFor(link).includes(c.mu)) return fail(`mu ${c.mu} is not allowed on ${link.fr}`);
  const nr = numerology(c.mu);
  const mp = maxPrb(link.bandwidthMHz, nr.scsKHz);
  if (E.isLeft(mp)) return fail(`no ${link.bandwidthMHz} MHz channel at ${nr.scsKHz} kHz: ${mp.left.message}`);
  if (!(Number.isInteger(c.nPrb) && c.nPrb >= 1 && c.nPrb <= mp.right)) {
    return fail(`nPrb ${c.nPrb} does not fit the carrier (max ${mp.right} PRBs at ${nr.scsKHz} kHz)`);
  }
  const entry = mcsEntry(c.mcsTable, c.mcs);
  if (entry._tag === 'None') return fail(`MCS ${c.mcs} is reserved or absent in ${c.mcsTable}`);
  if (entry.value.qm !== c.qm || entry.value.rateX1024 !== c.rateX1024) {
    return fail(`class Qm/R (${c.qm}, ${c.rateX1024}) differ from ${c.mcsTable} MCS ${c.mcs} (${entry.value.qm}, ${entry.value.rateX1024})`);
  }
  const nLayers = layersFor(link, c.direction);
  const nDmrs = dmrsRePerPrbFor(link, c.mappingType, c.ttiSymbols);
  const tbs = transportBlockSize({
    mcsTable: c.mcsTable,
    mcs: c.mcs,
    nPrb: c.nPrb,
    nSymbols: c.ttiSymbols,
    nDmrsRePerPrb: nDmrs,
    nOverheadRePerPrb: link.xOverheadRePerPrb,
    nLayers,
    scaling: 1,
  });
  if (E.isLeft(tbs)) return fail(`TBS: ${tbs.left.message}`);
  if (tbs.right !== c.tbsBits || nLayers !== c.nLayers) {
    return fail(`class TBS ${c.tbsBits} bits (${c.nLayers} layers) differs from TS 38.214 on this link: ${tbs.right} bits (${nLayers} layers)`);
  }
  const latencies: number[] = [];
  for (let t = 1; t <= c.maxTransmissions; t++) {
    const l = tryUserPlaneLatency({
      direction: c.direction,
      duplex: link.duplex,
      ...(link.duplex === 'TDD' ? { tddPattern: link.tddPattern ?? 'DDDSU' } : {}),
      mu: c.mu,
      ttiSymbols: c.ttiSymbols,
      ueCapability: link.ueCapability,
      grant: c.grant,
      transmissions: t,
      alignment: 'worst',
    });
    if (E.isLeft(l)) return fail(`latency: ${l.left.message}`);
    latencies.push(l.right.totalMs);
  }
  const duty = dutyOf(link, c.direction);
  // worst-case time of s further occasions of the TTI (DL mini-slots sit after the control region)
  const grid = occasionGrid(c.direction, c.ttiSymbols, link.duplex, link.tddPattern ?? 'DDDSU');
  const spanMs = (s: number): number => (occasionSpanSymbols(s, grid) * nr.slotMs) / 14;
  const model = blerModel(link.blerModel, { receiver: link.receiver });
  const r = c.repetitions;

  const evalSize = (sizeBytes: number, snrDb: number): SizeEval => {
    const a = allocationFor(c, sizeBytes);
    const segs = a.nTti;
    // e_1..e_T of the exact HARQ model in one call (harqAttemptErrors: e_t = harqResidualError with t transmissions)
    const errs = harqAttemptErrors({
      model,
      mcsTable: c.mcsTable,
      mcs: c.mcs,
      tbsBits: a.tbsBits,
      snrDb: snrDb + 10 * Math.log10(r),
      transmissions: c.maxTransmissions,
      combining: c.combining,
      fading: link.fading,
      fadingPerTransmission: link.harqFading,
    });
    const resid = (t: number): number => errs[Math.min(t, errs.length) - 1] ?? 1;
    // latency to the end of the last segment's t-th transmission (r TTIs per transmission)
    const totals = latencies.map((l, i) => l + spanMs((segs - 1) * r + (i + 1) * (r - 1)));
    let within = 0;
    for (let t = 1; t <= totals.length; t++) if ((totals[t - 1] ?? Infinity) <= service.latencyBudgetMs + 1e-12) within = t;
    // every segment within `within` attempts, and the retransmissions of earlier segments (sent
    // before later segments) absorbed by the last one's slack (link/segments.ts)
    const eAt = [1, ...Array.from({ length: within }, (_, i) => resid(i + 1))];
    const slack = [0, ...totals.slice(0, within).map((x) => service.latencyBudgetMs - x)];
    const rtts = Array.from({ length: Math.max(0, within - 1) }, (_, t) => (latencies[t + 1] ?? Infinity) - (latencies[t] ?? 0));
    const epsilonAchieved = segmentedMissProbability(segs, eAt, within, slack, spanMs(r), Math.min(...rtts), Math.max(0, ...rtts));
    let expTx = 1;
    for (let t = 1; t < c.maxTransmissions; t++) expTx += resid(t);
    return {
      verdict: {
        sizeBytes,
        nPrb: a.nPrb,
        nTti: a.nTti,
        tbsBits: a.tbsBits,
        transmissionsWithinBudget: within,
        epsilonAchieved,
        latencyFirstMs: totals[0] ?? 0,
        latencyLastMs: totals[totals.length - 1] ?? 0,
        expectedRe: segs * a.nPrb * 12 * c.ttiSymbols * r * expTx,
        pass: within > 0 && meetsEps(epsilonAchieved, service.epsilon),
      },
    };
  };

  const perSize = sizes.map((b) => evalSize(b, link.snrDb).verdict);
  const ppsec = ((service.ueCount ?? 1) * 1000) / service.periodMs;
  const rePerSecond = ppsec * Math.max(...perSize.map((v) => v.expectedRe));
  const capacity = mp.right * 12 * 14 * 1000 * 2 ** c.mu * duty;
  const load = rePerSecond / capacity;
  const epsilonAchieved = Math.max(...perSize.map((v) => v.epsilonAchieved));
  const latencyMarginMs = service.latencyBudgetMs - Math.max(...perSize.map((v) => v.latencyFirstMs));
  for (const v of perSize) {
    if (v.transmissionsWithinBudget === 0) {
      reasons.push(`${v.sizeBytes} B: first transmission ends after ${v.latencyFirstMs.toFixed(3)} ms > budget ${service.latencyBudgetMs} ms`);
    } else if (!meetsEps(v.epsilonAchieved, service.epsilon)) {
      reasons.push(`${v.sizeBytes} B: P(miss) ${v.epsilonAchieved.toPrecision(3)} > epsilon ${service.epsilon}`);
    }
  }
  if (load > 1) reasons.push(`offered load ${(load * 100).toFixed(1)} % exceeds the carrier's ${c.direction} capacity`);
  const pass = reasons.length === 0;
  // SNR margin: smallest SNR offset (bisection, 0.01 dB) at which every size still meets epsilon
  const meets = (delta: number): boolean =>
    sizes.every((b) => {
      const v = evalSize(b, link.snrDb + delta).verdict;
      return v.transmissionsWithinBudget > 0 && meetsEps(v.epsilonAchieved, service.epsilon);
    });
  let snrMarginDb: number;
  if (!withMargin) snrMarginDb = 0;
  else if (perSize.some((v) => v.transmissionsWithinBudget === 0)) snrMarginDb = -Infinity;
  else {
    let lo = -40;
    let hi = 40;
    if (meets(lo)) snrMarginDb = 40;
    else if (!meets(hi)) snrMarginDb = -40;
    else {
      while (hi - lo > 0.01) {
        const mid = (lo + hi) / 2;
        if (meets(mid)) hi = mid;
        else lo = mid;
      }
      snrMarginDb = -hi;
    }
  }
  if (!Number.isFinite(snrMarginDb)) snrMarginDb = -40;
  if (withMargin && pass && snrMarginDb < 0.5) reasons.push(`note: SNR margin only ${snrMarginDb.toFixed(2)} dB`);
  return {
    pass,
    classId: c.id,
    serviceId: service.id,
    reasons,
    perSize,
    epsilonAchieved,
    snrMarginDb: Math.round(snrMarginDb * 100) / 100,
    latencyMarginMs,
    rePerSecond,
    load,
  };
}
