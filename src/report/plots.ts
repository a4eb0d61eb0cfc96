/**
 * Plots of the SDK as Vega-Lite specifications, rendered to standalone SVG on the server
 * (Vega-Lite 6 compiles to a Vega 6 spec; a headless Vega `View` with renderer 'none' writes
 * SVG text: no browser and no canvas needed).
 *
 * The spec builders are pure functions from plain data rows (numbers and strings) to a spec
 * object, so they can be unit-tested and reused with any data source. `renderSvg` loads vega
 * lazily: importing the SDK does not pay for the plotting stack.
 *
 * Plots (issue 7): BLER vs SNR per MCS with the finite-blocklength limit beside the NR LDPC
 * model; latency breakdown per class (stacked parts); packet-size ranges per model and split
 * point on a log axis (the seed paper's Table 1 as a picture); simulated latency CDF against
 * each deadline; class map (services on payload x deadline axes, coloured by class); and the
 * co-design Pareto front (issue 15: radio RE/s x E2E latency, point size = device MACs).
 */

/** A Vega-Lite top-level specification (kept structural: the SDK only builds and renders it). */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Common look: white background, readable fonts, no external resources. */
const BASE_CONFIG = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  title: { fontSize: 14, anchor: 'start' },
} as const;

function base(title: string, subtitle?: string): Record<string, unknown> {
  return {
    $schema: SCHEMA,
    title: subtitle === undefined ? title : { text: title, subtitle },
    config: BASE_CONFIG,
  };
}

/** Drop rows whose value would break a log axis (non-finite or not above `floor`). */
function positive<T>(rows: readonly T[], get: (r: T) => number, floor = 0): T[] {
  return rows.filter((r) => {
    const v = get(r);
    return Number.isFinite(v) && v > floor;
  });
}

// ---------------------------------------------------------------------------------------------
// 1. BLER vs SNR

/** One point of a BLER curve. `model` names the curve family (e.g. `nr-ldpc`, `fbl-gaussian`). */
export interface BlerCurvePoint {
  /** Curve family, e.g. `nr-ldpc (conservative)` or `fbl-gaussian`. */
  readonly model: string;
  /** MCS index (one colour per index). */
  readonly mcs: number;
  /** SNR per resource element, dB. */
  readonly snrDb: number;
  /** Block error probability in [0, 1]. */
  readonly bler: number;
}

/** Lowest BLER drawn on the log axis; smaller values are drawn at this floor. */
export const BLER_PLOT_FLOOR = 1e-7;

/**
 * BLER (log) vs SNR (dB): one colour per MCS, one dash style per model, so the
 * finite-blocklength limit and the NR LDPC model of the same MCS sit side by side.
 */
export function blerPlotSpec(points: readonly BlerCurvePoint[], opts: { title?: string; subtitle?: string } = {}): VegaLiteSpec {
  // Values below the floor are drawn at the floor (the curve ends on the axis instead of short of it).
  const values = points
    .filter((p) => Number.isFinite(p.bler) && Number.isFinite(p.snrDb) && p.bler >= 0)
    .map((p) => ({
      model: p.model,
      mcs: `MCS ${p.mcs}`,
      mcsIndex: p.mcs,
      snrDb: p.snrDb,
      bler: Math.min(1, Math.max(BLER_PLOT_FLOOR, p.bler)),
    }));
  return {
    ...base(opts.title ?? 'Block error rate vs SNR', opts.subtitle),
    width: 520,
    height: 340,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.8, clip: true },
    encoding: {
      x: { field: 'snrDb', type: 'quantitative', title: 'SNR (dB)' },
      y: {
        field: 'bler',
        type: 'quantitative',
        title: 'block error rate',
        scale: { type: 'log', domain: [BLER_PLOT_FLOOR, 1] },
        axis: { format: '.0e' },
      },
      color: { field: 'mcs', type: 'nominal', title: 'MCS', sort: { field: 'mcsIndex' } },
      strokeDash: { field: 'model', type: 'nominal', title: 'model' },
      detail: [{ field: 'model' }, { field: 'mcs' }],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Latency breakdown

/** One named part of a class's user-plane latency (ms), e.g. `tti`, `ueProcessing`, `alignment`. */
export interface LatencyPartRow {
  /** Bar label (one bar per class). */
  readonly classId: string;
  /** Part name, e.g. `tti`, `harq`, `frameAlignment`. */
  readonly part: string;
  /** Duration of the part, ms. */
  readonly ms: number;
  /** Order of the part within the bar (default: input order). */
  readonly order?: number;
}

/** Horizontal stacked bars: one bar per class, one segment per latency part, in ms. */
export function latencyBreakdownSpec(rows: readonly LatencyPartRow[], opts: { title?: string; subtitle?: string } = {}): VegaLiteSpec {
  const values = rows
    .filter((r) => Number.isFinite(r.ms) && r.ms > 0)
    .map((r, i) => ({ classId: r.classId, part: r.part, ms: r.ms, order: r.order ?? i }));
  const classes = [...new Set(values.map((v) => v.classId))];
  return {
    ...base(opts.title ?? 'User-plane latency per class', opts.subtitle),
    width: 520,
    height: Math.max(60, 26 * classes.length),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'classId', type: 'nominal', title: 'class', sort: classes },
      x: { field: 'ms', type: 'quantitative', title: 'latency (ms)', stack: 'zero' },
      color: { field: 'part', type: 'nominal', title: 'part' },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Packet sizes (seed Table 1)

/** The payload of one split point: bytes for a model's layer in a scenario group. */
export interface PacketSizePoint {
  /** Scenario, e.g. `224x224, fp32` or `8K, 10% compression`. */
  readonly group: string;
  /** DNN model name (one row per model). */
  readonly model: string;
  /** Split layer (torchvision module path or alias). */
  readonly layer: string;
  /** Payload at this split point (bytes, or values for element-count rows). */
  readonly bytes: number;
}

/** A range quoted by the paper (or any reference) for a model in a scenario group. */
export interface PacketSizeRange {
  /** Scenario group (facet), as in `PacketSizePoint.group`. */
  readonly group: string;
  /** DNN model name. */
  readonly model: string;
  /** Lower end of the quoted range. */
  readonly minBytes: number;
  /** Upper end of the quoted range. */
  readonly maxBytes: number;
  /** Tooltip text, e.g. `paper VGGNet: 1~100K`. */
  readonly label: string;
}

/**
 * Packet size per split point on a log axis: one row per model, one tick per split layer,
 * the paper's quoted range as a translucent bar behind them, one panel per scenario group.
 */
export function packetSizeSpec(
  points: readonly PacketSizePoint[],
  ranges: readonly PacketSizeRange[] = [],
  opts: { title?: string; subtitle?: string } = {},
): VegaLiteSpec {
  const pts = positive(points, (p) => p.bytes).map((p) => ({ ...p, kind: 'point' }));
  const rng = ranges
    .filter((r) => r.minBytes > 0 && r.maxBytes >= r.minBytes && Number.isFinite(r.maxBytes))
    .map((r) => ({ ...r, kind: 'range' }));
  const models = [...new Set([...pts.map((p) => p.model), ...rng.map((r) => r.model)])];
  const groups = [...new Set([...pts.map((p) => p.group), ...rng.map((r) => r.group)])];
  const x = { type: 'quantitative', title: 'payload (bytes, log)', scale: { type: 'log' }, axis: { format: '~s' } };
  const y = { field: 'model', type: 'nominal', title: 'model', sort: models };
  return {
    ...base(opts.title ?? 'Packet size per model and split point', opts.subtitle),
    // One data set (a facet needs its data at the top); each layer filters its kind.
    data: { values: [...rng, ...pts] },
    facet: { row: { field: 'group', type: 'nominal', title: null, sort: groups, header: { labelOrient: 'top', labelAnchor: 'start', labelAngle: 0, labelFontSize: 12, labelFontWeight: 'bold' } } },
    spec: {
      width: 520,
      height: Math.max(60, 22 * models.length),
      layer: [
        {
          transform: [{ filter: "datum.kind === 'range'" }],
          mark: { type: 'bar', opacity: 0.3, color: '#e45756', height: 14 },
          encoding: { y, x: { ...x, field: 'minBytes' }, x2: { field: 'maxBytes' }, tooltip: [{ field: 'label' }] },
        },
        {
          transform: [{ filter: "datum.kind === 'point'" }],
          mark: { type: 'tick', thickness: 2, color: '#4c78a8' },
          encoding: { y, x: { ...x, field: 'bytes' }, tooltip: [{ field: 'layer' }, { field: 'bytes' }] },
        },
      ],
    },
    resolve: { scale: { x: 'shared' } },
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Latency CDF

/** A measured latency sample summary: the empirical CDF at `latencyMs`. */
export interface LatencyCdfPoint {
  /** Service id (one step line per service). */
  readonly service: string;
  /** Latency, ms. */
  readonly latencyMs: number;
  /** P(latency <= latencyMs), in [0, 1]. */
  readonly cdf: number;
}

/** The deadline (latency budget) of a service, drawn as a vertical rule. */
export interface DeadlineMark {
  /** Service id (same colour as its CDF). */
  readonly service: string;
  /** The service's radio latency budget, ms. */
  readonly deadlineMs: number;
}

/** Empirical CDF of simulated latency per service (step lines) with each deadline as a dashed rule. */
export function latencyCdfSpec(
  points: readonly LatencyCdfPoint[],
  deadlines: readonly DeadlineMark[],
  opts: { title?: string; subtitle?: string } = {},
): VegaLiteSpec {
  const values = positive(points, (p) => p.latencyMs).filter((p) => Number.isFinite(p.cdf));
  const rules = positive(deadlines, (d) => d.deadlineMs);
  const x = { type: 'quantitative', title: 'latency (ms, log)', scale: { type: 'log' } };
  return {
    ...base(opts.title ?? 'Simulated latency CDF against deadlines', opts.subtitle),
    width: 520,
    height: 320,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 },
        encoding: {
          x: { ...x, field: 'latencyMs' },
          y: { field: 'cdf', type: 'quantitative', title: 'P(latency <= x)', scale: { domain: [0, 1] } },
          color: { field: 'service', type: 'nominal', title: 'service' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.4 },
        encoding: {
          x: { ...x, field: 'deadlineMs' },
          color: { field: 'service', type: 'nominal', title: 'service' },
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 5. Class map

/** A service placed on the payload x deadline plane, coloured by the class serving it. */
export interface ClassMapPoint {
  /** Service id (text label). */
  readonly service: string;
  /** Smallest packet of the profile, bytes. */
  readonly minBytes: number;
  /** Largest packet of the profile, bytes. */
  readonly maxBytes: number;
  /** Radio latency budget, ms. */
  readonly deadlineMs: number;
  /** Class id, or a label such as `infeasible`. */
  readonly classId: string;
}

/** Services on payload (log) x deadline (log) axes: a segment for the payload range, a point at its maximum. */
export function classMapSpec(points: readonly ClassMapPoint[], opts: { title?: string; subtitle?: string } = {}): VegaLiteSpec {
  const values = positive(points, (p) => Math.min(p.minBytes, p.deadlineMs)).filter((p) => Number.isFinite(p.maxBytes) && p.maxBytes >= p.minBytes);
  const x = { type: 'quantitative', title: 'payload (bytes, log)', scale: { type: 'log' }, axis: { format: '~s' } };
  const y = { field: 'deadlineMs', type: 'quantitative', title: 'latency budget (ms, log)', scale: { type: 'log' } };
  const color = { field: 'classId', type: 'nominal', title: 'class' };
  return {
    ...base(opts.title ?? 'Class map: services by payload and deadline', opts.subtitle),
    width: 520,
    height: 340,
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeWidth: 3, opacity: 0.6 }, encoding: { x: { ...x, field: 'minBytes' }, x2: { field: 'maxBytes' }, y, color } },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { x: { ...x, field: 'maxBytes' }, y, color, tooltip: [{ field: 'service' }, { field: 'classId' }] },
      },
      {
        mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10 },
        encoding: { x: { ...x, field: 'maxBytes' }, y, text: { field: 'service' } },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 6. Pareto front of a co-design (issue 15, spec/codesign.md)

/** One co-designed point (plain numbers: map a `CodesignPoint` to it). */
export interface ParetoPoint {
  /** Label shown on hover, e.g. `pool5 8-bit 4:1`. */
  readonly label: string;
  /** Radio cost, resource elements per second (> 0). */
  readonly radioRePerSecond: number;
  /** End-to-end latency bound, ms. */
  readonly e2eLatencyMs: number;
  /** Device multiply-accumulates per burst, GMAC (>= 0). */
  readonly deviceGMacs: number;
  /** True for points on the Pareto front. */
  readonly onFront: boolean;
}

/** Feasible co-designed points on radio RE/s (log) x E2E latency axes; size = device GMAC; the front joined by a line. */
export function paretoSpec(points: readonly ParetoPoint[], opts: { title?: string; subtitle?: string } = {}): VegaLiteSpec {
  const values = positive(points, (p) => p.radioRePerSecond)
    .filter((p) => Number.isFinite(p.e2eLatencyMs) && Number.isFinite(p.deviceGMacs))
    .map((p) => ({ ...p, set: p.onFront ? 'Pareto front' : 'dominated' }));
  const x = { field: 'radioRePerSecond', type: 'quantitative', title: 'radio cost (RE/s, log)', scale: { type: 'log' }, axis: { format: '~s' } };
  const y = { field: 'e2eLatencyMs', type: 'quantitative', title: 'E2E latency bound (ms)' };
  return {
    ...base(opts.title ?? 'Co-design: radio cost vs end-to-end latency', opts.subtitle),
    width: 520,
    height: 340,
    data: { values },
    layer: [
      {
        transform: [{ filter: 'datum.onFront' }],
        mark: { type: 'line', color: '#e45756', strokeWidth: 1.5 },
        encoding: { x, y, order: { field: 'radioRePerSecond' } },
      },
      {
        mark: { type: 'point', filled: true, opacity: 0.75 },
        encoding: {
          x, y,
          color: { field: 'set', type: 'nominal', title: null, scale: { domain: ['Pareto front', 'dominated'], range: ['#e45756', '#9db4cf'] } },
          size: { field: 'deviceGMacs', type: 'quantitative', title: 'device GMAC' },
          tooltip: [{ field: 'label' }, { field: 'radioRePerSecond' }, { field: 'e2eLatencyMs' }, { field: 'deviceGMacs' }],
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

/**
 * Render a Vega-Lite spec to standalone SVG text (headless: Vega's renderer 'none', no canvas).
 * Rejects only when the spec itself is invalid; the builders above always produce valid specs.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
