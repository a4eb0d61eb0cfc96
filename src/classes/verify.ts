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
 * monotone in SNR). The slot pattern, the special-slot format, the duty of each direction and the
 * occasion grid come from the one slot model, nr/slotPattern.ts.
 *
 * Imports: only the 3GPP tables (nr/), the link models (link/), the allocation rule, the link
 * context and the types — never model.ts, planner.ts or derive.ts (test/classes/verify.test.ts checks
 * the import graph). Every rejection branch carries a `reject:<name>` comment; the mutation test
 * (test/classes/verify.mutation.test.ts) removes each one in turn and needs a failing case for it.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction } from '../core/types.js';
import { blerModel } from '../link/bler.js';
import { harqAttemptErrors } from '../link/harq.js';
import { linkForServices, snrPerReDb, type CellPosition } from '../link/budget.js';
import { tryUserPlaneLatency } from '../link/latency.js';
import { segmentedMissProbability } from '../link/segments.js';
import { withControlErrors } from '../link/control.js';
import { DEFAULT_MOBILITY, mobilityDopplerHz, transmissionTimesFromEnds } from '../link/correlation.js';
import { maxPrb } from '../nr/carrier.js';
import { mcsEntry } from '../nr/mcs.js';
import { numerology } from '../nr/numerology.js';
import { DEFAULT_TDD_PATTERN, directionDuty, occasionGrid, occasionSpanSymbols } from '../nr/slotPattern.js';
import { transportBlockSize } from '../nr/tbs.js';
import { allocationFor } from './allocation.js';
import { allocationReFor, allowedMuFor, defaultLink, inconsistentLink, latencySlotFields, layersFor, linkSpecialSlot, segmentFadesMayDepend, type LinkContext } from './link.js';
import { REPETITION_VALUES, type PhyClass, type SizeVerdict, type Verdict } from './types.js';

/**
 * The fields of a service `verify` reads (the planner's `PlannableService` and `ServiceProfile`
 * satisfy it); declared here so that verify imports nothing from the planner.
 */
export interface VerifiableService {
  /** Service id. */
  readonly id: string;
  /** Direction the packets travel: 'DL' or 'UL'. */
  readonly direction: Direction;
  /** Packet-size profile: every size in bytes must be met. */
  readonly payload: { readonly sizesBytes: readonly number[] };
  /** Time between packets of one UE, ms (> 0). */
  readonly periodMs: number;
  /** Latency budget of one packet, ms (> 0). */
  readonly latencyBudgetMs: number;
  /** Allowed probability that a packet misses its budget, in (0, 1). */
  readonly epsilon: number;
  /** Number of UEs running the service (default 1). */
  readonly ueCount?: number;
  /** Coupling loss of the service's UEs, dB (replaces the link budget's; link/budget.ts). */
  readonly couplingLossDb?: number;
  /** Cell position of the service's UEs, used when couplingLossDb is absent. */
  readonly position?: CellPosition;
  /** UE mobility: the Doppler of correlated HARQ fading (default 3 km/h, link/correlation DEFAULT_MOBILITY). */
  readonly mobility?: { readonly speedKmh: number; readonly scenario: string };
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
export function verify(c: PhyClass, service: VerifiableService, link: LinkContext = defaultLink): Verdict {
  return verifyWith(c, service, link, { snrMargin: true });
}

/** `verify` with options: `snrMargin: false` skips the SNR-margin bisection (snrMarginDb is then NaN-free 0). */
export function verifyWith(c: PhyClass, service: VerifiableService, link: LinkContext, o: { readonly snrMargin: boolean }): Verdict {
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
  service: VerifiableService,
  link: LinkContext,
  reasons: string[],
  fail: (extra: string) => Verdict,
  withMargin: boolean,
): Verdict {
  const linkProblem = inconsistentLink(link);
  if (/* reject:link */ linkProblem !== null) return fail(`link: ${linkProblem.message}`);
  if (/* reject:direction */ c.direction !== service.direction) return fail(`class is ${c.direction} but the service is ${service.direction}`);
  const sizes = [...new Set(service.payload.sizesBytes)].sort((a, b) => a - b);
  if (/* reject:sizes */ sizes.length === 0 || sizes.some((b) => !(Number.isFinite(b) && b > 0))) return fail('service payload sizes must be positive');
  if (/* reject:service */ !(service.latencyBudgetMs > 0 && service.periodMs > 0 && service.epsilon > 0 && service.epsilon < 1)) {
    return fail('service latencyBudgetMs, periodMs must be > 0 and epsilon in (0, 1)');
  }
  if (/* reject:mu */ !allowedMuFor(link).includes(c.mu)) return fail(`mu ${c.mu} is not allowed on ${link.fr}`);
  const nr = numerology(c.mu);
  const mp = maxPrb(link.bandwidthMHz, nr.scsKHz);
  if (/* reject:channel */ E.isLeft(mp)) return fail(`no ${link.bandwidthMHz} MHz channel at ${nr.scsKHz} kHz: ${mp.left.message}`);
  if (/* reject:nPrb */ !(Number.isInteger(c.nPrb) && c.nPrb >= 1 && c.nPrb <= mp.right)) {
    return fail(`nPrb ${c.nPrb} does not fit the carrier (max ${mp.right} PRBs at ${nr.scsKHz} kHz)`);
  }
  // the TTI: mapping type A is the 14-symbol slot, B a mini-slot (TS 38.214 §5.1.2.1; the latency model's convention)
  if (/* reject:mapping */ !(Number.isInteger(c.ttiSymbols) && (c.mappingType === 'A' ? c.ttiSymbols === 14 : c.mappingType === 'B' && c.ttiSymbols >= 2 && c.ttiSymbols < 14))) {
    return fail(`mapping type ${c.mappingType} with a ${c.ttiSymbols}-symbol TTI: expected type A with 14 symbols or type B with 2..13`);
  }
  if (/* reject:harq */ !(Number.isInteger(c.maxTransmissions) && c.maxTransmissions >= 1 && c.maxTransmissions <= 4) || (c.combining !== 'chase' && c.combining !== 'ir')) {
    return fail(`HARQ: maxTransmissions ${c.maxTransmissions} (expected 1..4) with combining ${String(c.combining)} (expected chase or ir)`);
  }
  if (/* reject:repetitions */ !REPETITION_VALUES.includes(c.repetitions)) return fail(`repetitions ${c.repetitions}: expected one of ${REPETITION_VALUES.join(', ')}`);
  const entry = mcsEntry(c.mcsTable, c.mcs);
  if (/* reject:mcs */ entry._tag === 'None') return fail(`MCS ${c.mcs} is reserved or absent in ${c.mcsTable}`);
  if (/* reject:qmR */ entry.value.qm !== c.qm || entry.value.rateX1024 !== c.rateX1024) {
    return fail(`class Qm/R (${c.qm}, ${c.rateX1024}) differ from ${c.mcsTable} MCS ${c.mcs} (${entry.value.qm}, ${entry.value.rateX1024})`);
  }
  const nLayers = layersFor(link, c.direction);
  // the allocation's REs from the one place that computes them (nr/allocation): slot-based DL data
  // after the control region, DM-RS per the link, xOverhead; nRePerPrb must be min(156, 12·N_symb^sh −
  // DMRS − xOverhead) of this link (TS 38.214 §5.1.3.2), the value the allocation rule reads
  const re = allocationReFor(link, c.direction, c.mappingType, c.ttiSymbols);
  const nDmrs = re.dmrsRePerPrb;
  const nRe = re.nRePerPrb;
  if (/* reject:rePerPrb */ c.nDmrsRePerPrb !== nDmrs || c.nOverheadRePerPrb !== link.xOverheadRePerPrb || c.nRePerPrb !== nRe) {
    return fail(
      `class REs per PRB (${c.nRePerPrb}; DMRS ${c.nDmrsRePerPrb}, xOverhead ${c.nOverheadRePerPrb}) differ from TS 38.214 §5.1.3.2 on this link (${nRe}; DMRS ${nDmrs}, xOverhead ${link.xOverheadRePerPrb})`,
    );
  }
  const tbs = transportBlockSize({
    mcsTable: c.mcsTable,
    mcs: c.mcs,
    nPrb: c.nPrb,
    nSymbols: re.dataSymbols,
    nDmrsRePerPrb: nDmrs,
    nOverheadRePerPrb: link.xOverheadRePerPrb,
    nLayers,
    scaling: 1,
  });
  if (/* reject:tbsInput */ E.isLeft(tbs)) return fail(`TBS: ${tbs.left.message}`);
  if (/* reject:tbs */ tbs.right !== c.tbsBits || nLayers !== c.nLayers) {
    return fail(`class TBS ${c.tbsBits} bits (${c.nLayers} layers) differs from TS 38.214 on this link: ${tbs.right} bits (${nLayers} layers)`);
  }
  const latencies: number[] = [];
  for (let t = 1; t <= c.maxTransmissions; t++) {
    const l = tryUserPlaneLatency({
      direction: c.direction,
      duplex: link.duplex,
      ...latencySlotFields(link),
      mu: c.mu,
      ttiSymbols: c.ttiSymbols,
      ueCapability: link.ueCapability,
      grant: c.grant,
      transmissions: t,
      alignment: 'worst',
      // the N1 column that matches the class's DM-RS (TS 38.214 Table 5.3-1, nr/allocation)
      dmrsAdditionalPosition: re.additionalPositions,
    });
    if (/* reject:latency */ E.isLeft(l)) return fail(`latency: ${l.left.message}`);
    latencies.push(l.right.totalMs);
  }
  const duty = directionDuty(c.direction, link.duplex, link.tddPattern, linkSpecialSlot(link));
  // worst-case time of s further occasions of the TTI (DL mini-slots sit after the control region)
  const grid = occasionGrid(c.direction, c.ttiSymbols, link.duplex, link.tddPattern ?? DEFAULT_TDD_PATTERN, linkSpecialSlot(link));
  const spanMs = (s: number): number => (occasionSpanSymbols(s, grid) * nr.slotMs) / 14;
  const model = blerModel(link.blerModel, { receiver: link.receiver });
  const r = c.repetitions;

  const dopplerHz = mobilityDopplerHz(service.mobility ?? DEFAULT_MOBILITY, link.carrierFrequencyGHz);
  const harqTimes = transmissionTimesFromEnds(latencies.map((l, i) => l + spanMs((i + 1) * (r - 1))), latencies.length);

  // the SNR per RE of each allocation: the link budget's at its width (link/budget.ts: the UL spreads the
  // UE's power over the a.nPrb PRBs it sends on), else the flat snrDb; `delta` shifts it (the margin search)
  const budgetLink = linkForServices(link, [service]);
  const evalSize = (sizeBytes: number, delta: number): SizeEval => {
    const a = allocationFor(c, sizeBytes);
    const segs = a.nTti;
    const snrDb = snrPerReDb(budgetLink, c.direction, a.nPrb, c.mu) + delta;
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
      // correlated HARQ fading (spec/fading.md): Jakes at the service's Doppler, transmissions at the
      // class's HARQ timing (latency model, worst alignment; repetitions one fade)
      dopplerHz,
      transmissionTimesMs: harqTimes,
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
    // (the segments' fades may depend unless each transmission has its own: link/segments anyDependence)
    const dataMiss = segmentedMissProbability(segs, eAt, within, slack, spanMs(r), Math.min(...rtts), Math.max(0, ...rtts), undefined, segmentFadesMayDepend(link));
    // control-channel errors (link/control.ts): every DCI, every NACK, the SR — union-bounded
    const epsilonAchieved = within > 0 ? withControlErrors(dataMiss, eAt, within, segs, c.direction, c.grant, link.controlErrors) : dataMiss;
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

  const perSize = sizes.map((b) => evalSize(b, 0).verdict);
  const ppsec = ((service.ueCount ?? 1) * 1000) / service.periodMs;
  const rePerSecond = ppsec * Math.max(...perSize.map((v) => v.expectedRe));
  const capacity = mp.right * 12 * 14 * 1000 * 2 ** c.mu * duty;
  const load = rePerSecond / capacity;
  const epsilonAchieved = Math.max(...perSize.map((v) => v.epsilonAchieved));
  const latencyMarginMs = service.latencyBudgetMs - Math.max(...perSize.map((v) => v.latencyFirstMs));
  for (const v of perSize) {
    if (/* reject:deadline */ v.transmissionsWithinBudget === 0) {
      reasons.push(`${v.sizeBytes} B: first transmission ends after ${v.latencyFirstMs.toFixed(3)} ms > budget ${service.latencyBudgetMs} ms`);
    } else if (/* reject:epsilon */ !meetsEps(v.epsilonAchieved, service.epsilon)) {
      reasons.push(`${v.sizeBytes} B: P(miss) ${v.epsilonAchieved.toPrecision(3)} > epsilon ${service.epsilon}`);
    }
  }
  if (/* reject:load */ load > 1) reasons.push(`offered load ${(load * 100).toFixed(1)} % exceeds the carrier's ${c.direction} capacity`);
  const pass = reasons.length === 0;
  // SNR margin: smallest SNR offset (bisection, 0.01 dB) at which every size still meets epsilon
  const meets = (delta: number): boolean =>
    sizes.every((b) => {
      const v = evalSize(b, delta).verdict;
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
