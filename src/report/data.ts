/**
 * Data for the report plots, computed from the SDK's own models (pure functions):
 * BLER curves from `blerModel` (NR LDPC beside the finite-blocklength limit), latency parts of
 * each class from `userPlaneLatency` (ITU-R M.2412 / TR 37.910 method), packet sizes from
 * `packetSizeTable` (seed paper Table 1), class-map points from a class plan, and a latency CDF
 * from a simulation report's percentiles.
 */
import { dmrsAdditionalPositionFor, latencySlotFields, type LinkContext } from '../classes/link.js';
import type { PhyClass } from '../classes/types.js';
import type { McsTableName } from '../core/types.js';
import { type BlerModelName, type ReceiverPreset, blerModel } from '../link/bler.js';
import { LATENCY_PART_NAMES, tryUserPlaneLatency } from '../link/latency.js';
import type { SimGroupReport } from '../scheduler/run.js';
import { packetSizeTable } from '../workload/split.js';
import type { BlerCurvePoint, ClassMapPoint, LatencyCdfPoint, LatencyPartRow, PacketSizePoint, PacketSizeRange } from './plots.js';
import { BLER_PLOT_FLOOR } from './plots.js';

/** Curves of `phyclass report`: which models, MCS indices, block size and SNR grid. */
export interface BlerCurveOptions {
  /** MCS table (default qam64). */
  readonly mcsTable?: McsTableName;
  /** MCS indices, one curve each (default 0, 5, 10, 15, 20, 27). */
  readonly mcs?: readonly number[];
  /** Transport block size, bits (default 1024). */
  readonly tbsBits?: number;
  /** Models and receiver presets (default: nr-ldpc conservative and fbl-gaussian). */
  readonly models?: readonly {
    /** Model name. */
    readonly name: BlerModelName;
    /** Receiver preset (nr-ldpc only). */
    readonly receiver?: ReceiverPreset;
  }[];
  /** Lowest SNR of the grid, dB (default -10). */
  readonly snrMinDb?: number;
  /** Highest SNR of the grid, dB (default 30). */
  readonly snrMaxDb?: number;
  /** Grid step, dB (default 0.25). */
  readonly stepDb?: number;
}

/**
 * Transport-block BLER vs SNR (AWGN) per MCS for several models. Points below the plot floor are
 * cut after the first one, so each curve ends where it leaves the picture.
 */
export function blerCurves(opts: BlerCurveOptions = {}): BlerCurvePoint[] {
  const table = opts.mcsTable ?? 'qam64';
  const mcsList = opts.mcs ?? [0, 5, 10, 15, 20, 27];
  const tbs = opts.tbsBits ?? 1024;
  const models = opts.models ?? [{ name: 'nr-ldpc', receiver: 'conservative' }, { name: 'fbl-gaussian' }];
  const lo = opts.snrMinDb ?? -10;
  const hi = opts.snrMaxDb ?? 30;
  const step = opts.stepDb ?? 0.25;
  const out: BlerCurvePoint[] = [];
  for (const m of models) {
    const model = blerModel(m.name, m.receiver === undefined ? undefined : { receiver: m.receiver });
    const label = m.name === 'nr-ldpc' ? `nr-ldpc (${model.receiver})` : m.name;
    for (const mcs of mcsList) {
      const series: BlerCurvePoint[] = [];
      for (let i = 0; lo + i * step <= hi + 1e-9; i++) {
        const snrDb = lo + i * step;
        const bler = model.transportBlockErrorRate({ mcsTable: table, mcs, tbsBits: tbs, snrDb });
        series.push({ model: label, mcs, snrDb, bler });
        if (bler < BLER_PLOT_FLOOR) break;
      }
      // Start each curve one point before its waterfall (drop the flat run at BLER ~ 1).
      const first = series.findIndex((p) => p.bler < 0.99);
      out.push(...series.slice(first <= 0 ? 0 : first - 1));
    }
  }
  return out;
}

/** Human name of a class for the plots: label plus `UL mu1 B2`. */
export function classPlotLabel(c: PhyClass, label?: string): string {
  return `${label === undefined ? '' : `${label} `}${c.direction} mu${c.mu} ${c.mappingType}${c.ttiSymbols}`;
}

/**
 * The user-plane latency parts of each class with all its HARQ transmissions
 * (worst-case frame alignment when `worst`), for the stacked-bar plot.
 */
export function latencyPartRows(classes: readonly { readonly phyClass: PhyClass; readonly label?: string }[], link: LinkContext, worst = false): LatencyPartRow[] {
  const rows: LatencyPartRow[] = [];
  for (const { phyClass: c, label } of classes) {
    const r = tryUserPlaneLatency({
      direction: c.direction,
      duplex: link.duplex,
      ...latencySlotFields(link), // the link's TDD pattern and special slot (nr/slotPattern)
      mu: c.mu,
      ttiSymbols: c.ttiSymbols,
      ueCapability: link.ueCapability,
      grant: c.direction === 'DL' ? 'dynamic' : c.grant,
      transmissions: c.maxTransmissions,
      alignment: worst ? 'worst' : 'average',
      dmrsAdditionalPosition: dmrsAdditionalPositionFor(link, c.mappingType),
    });
    if (r._tag === 'Left') continue;
    const key = c.direction === 'DL' ? 'DL' : (`UL-${c.grant}` as const);
    const order: readonly string[] = LATENCY_PART_NAMES[key];
    for (const [part, ms] of Object.entries(r.right.parts)) {
      const idx = order.indexOf(part);
      rows.push({ classId: classPlotLabel(c, label), part, ms, order: idx < 0 ? order.length : idx });
    }
  }
  return rows;
}

/** Scenario group label of a Table 1 row. */
function tableGroup(r: { readonly scenario: string; readonly bitsPerValue: number; readonly paperRow: string; readonly unit: string }): string {
  if (r.scenario === '224') return '224x224 input (values per split point)';
  if (r.scenario === '8k') return `8K input, ${r.bitsPerValue}-bit values, 10:1 (bytes)`;
  return `${r.paperRow.replace(/, 10 % compression$/, '')}, fp32, 10:1 (bytes)`;
}

/** Split-point payloads and the paper's ranges from `packetSizeTable()` (seed paper Table 1). */
export function packetSizeData(): {
  /** Every candidate split point of every Table 1 row. */
  points: PacketSizePoint[];
  /** The paper's quoted range per row. */
  ranges: PacketSizeRange[];
} {
  const points: PacketSizePoint[] = [];
  const ranges: PacketSizeRange[] = [];
  for (const r of packetSizeTable()) {
    const group = tableGroup(r);
    for (const c of r.cells) points.push({ group, model: r.model, layer: c.alias ?? c.layer, bytes: c.value });
    ranges.push({ group, model: r.model, minBytes: Math.max(1, r.paperMin), maxBytes: r.paperMax, label: `paper ${r.paperRow}: ${r.paperRange}` });
  }
  return { points, ranges };
}

/** A service with its class label (or null when no class serves it), for the class map. */
export interface ClassMapInput {
  /** The fields of a ServiceProfile the class map reads. */
  readonly service: {
    /** Service id. */
    readonly id: string;
    /** Radio latency budget, ms. */
    readonly latencyBudgetMs: number;
    /** Payload range. */
    readonly payload: {
      /** Smallest packet, bytes. */
      readonly minBytes: number;
      /** Largest packet, bytes. */
      readonly maxBytes: number;
    };
  };
  /** Class label (C1, ...) or null when no class serves the service. */
  readonly label: string | null;
}

/** One class-map point per service (unserved services are labelled `infeasible`). */
export function classMapPoints(entries: readonly ClassMapInput[]): ClassMapPoint[] {
  return entries.map((e) => ({
    service: e.service.id,
    minBytes: e.service.payload.minBytes,
    maxBytes: e.service.payload.maxBytes,
    deadlineMs: e.service.latencyBudgetMs,
    classId: e.label ?? 'infeasible',
  }));
}

/**
 * A latency CDF per service from a simulation report: the measured quantiles (p50, p99,
 * p99.999 where the sample allows, max) at their levels, scaled by the delivered share, plus the
 * on-time ratio at the deadline. The simulator reports quantiles, not samples, so the curve is
 * exact at these points and a step in between.
 */
export function latencyCdfFromReport(groups: readonly SimGroupReport[], deadlines: ReadonlyMap<string, number>): LatencyCdfPoint[] {
  const out: LatencyCdfPoint[] = [];
  for (const g of groups) {
    if (g.decided <= 0) continue;
    const delivered = g.deliveredOnTime + g.deliveredLate;
    const share = delivered / g.decided;
    const pts: { latencyMs: number; cdf: number }[] = [];
    for (const p of [g.latencyMs.p50, g.latencyMs.p99, g.latencyMs.p99999]) {
      if (p.ms !== null && p.ms > 0) pts.push({ latencyMs: p.ms, cdf: p.q * share });
    }
    if (g.latencyMs.max !== null && g.latencyMs.max > 0) pts.push({ latencyMs: g.latencyMs.max, cdf: share });
    const d = deadlines.get(g.id);
    if (d !== undefined && d > 0) pts.push({ latencyMs: d, cdf: g.onTimeRatio });
    pts.sort((a, b) => a.latencyMs - b.latencyMs || a.cdf - b.cdf);
    let best = 0;
    for (const p of pts) {
      best = Math.max(best, p.cdf);
      out.push({ service: g.id, latencyMs: p.latencyMs, cdf: best });
    }
  }
  return out;
}
