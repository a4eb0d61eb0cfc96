/**
 * Validated root entry points of the report module: the Vega-Lite plot builders, the SVG renderer
 * and the HTML page (`src/report/plots.ts`, `src/report/html.ts`). Same contract as
 * `src/api/entry.ts`: for valid input exactly the module's answer; for invalid input the `PhyError`
 * itself (the plot and page builders) or a promise that resolves to it (`renderSvg`, never rejects).
 */
import { invalidInput, unsupported, type PhyError } from '../core/errors.js';
import {
  blerPlotSpec as blerPlotSpecImpl,
  classMapSpec as classMapSpecImpl,
  latencyBreakdownSpec as latencyBreakdownSpecImpl,
  latencyCdfSpec as latencyCdfSpecImpl,
  packetSizeSpec as packetSizeSpecImpl,
  renderSvg as renderSvgImpl,
  type BlerCurvePoint,
  type ClassMapPoint,
  type DeadlineMark,
  type LatencyCdfPoint,
  type LatencyPartRow,
  type PacketSizePoint,
  type PacketSizeRange,
  type VegaLiteSpec,
} from '../report/plots.js';
import { reportHtml as reportHtmlImpl, type ReportPage } from '../report/html.js';
import { entryFailure, firstProblem, guarded, isRecord, needArray, needNumber, optional, type Problem } from './guard.js';

/** Options of every plot builder. */
export interface PlotOptions {
  /** Plot title (each builder has a default). */
  readonly title?: string;
  /** Subtitle under the title. */
  readonly subtitle?: string;
}

const asError = (e: PhyError): PhyError => e;

/** Largest number of points a plot builder accepts. */
const MAX_POINTS = 1_000_000;

function needText(field: string, u: unknown): Problem {
  return typeof u === 'string' ? null : invalidInput(field, 'a string', u);
}

function checkOpts(u: unknown): Problem {
  if (u === undefined) return null;
  if (!isRecord(u)) return invalidInput('opts', 'an object { title?, subtitle? }', u);
  return firstProblem(
    () => optional(u['title'], () => needText('opts.title', u['title'])),
    () => optional(u['subtitle'], () => needText('opts.subtitle', u['subtitle'])),
  );
}

/** `u` must be an array of records whose fields pass their checks (`text` or `number`, optional with `?`). */
function checkRows(field: string, u: unknown, fields: Readonly<Record<string, 'text' | 'number' | 'number?'>>): Problem {
  return needArray(field, u, (x, f) => {
    if (!isRecord(x)) return invalidInput(f, `an object with ${Object.keys(fields).join(', ')}`, x);
    for (const [k, kind] of Object.entries(fields)) {
      const v = x[k];
      const p = kind === 'text' ? needText(`${f}.${k}`, v) : kind === 'number?' ? optional(v, () => needNumber(`${f}.${k}`, v)) : needNumber(`${f}.${k}`, v);
      if (p !== null) return p;
    }
    return null;
  }, 0, MAX_POINTS);
}

/** BLER (log) vs SNR (dB) per MCS and model (Vega-Lite spec); a `PhyError` for malformed points. */
export function blerPlotSpec(points: readonly BlerCurvePoint[], opts?: PlotOptions): VegaLiteSpec | PhyError {
  const bad = firstProblem(() => checkRows('points', points, { model: 'text', mcs: 'number', snrDb: 'number', bler: 'number' }), () => checkOpts(opts));
  return bad !== null ? bad : guarded('blerPlotSpec', () => blerPlotSpecImpl(points, opts ?? {}), asError);
}

/** Latency parts per class, stacked (Vega-Lite spec); a `PhyError` for malformed rows. */
export function latencyBreakdownSpec(rows: readonly LatencyPartRow[], opts?: PlotOptions): VegaLiteSpec | PhyError {
  const bad = firstProblem(() => checkRows('rows', rows, { classId: 'text', part: 'text', ms: 'number', order: 'number?' }), () => checkOpts(opts));
  return bad !== null ? bad : guarded('latencyBreakdownSpec', () => latencyBreakdownSpecImpl(rows, opts ?? {}), asError);
}

/** Packet size per split point, with quoted ranges (Vega-Lite spec); a `PhyError` for malformed points or ranges. */
export function packetSizeSpec(points: readonly PacketSizePoint[], ranges?: readonly PacketSizeRange[], opts?: PlotOptions): VegaLiteSpec | PhyError {
  const bad = firstProblem(
    () => checkRows('points', points, { group: 'text', model: 'text', layer: 'text', bytes: 'number' }),
    () => optional(ranges, () => checkRows('ranges', ranges, { group: 'text', model: 'text', minBytes: 'number', maxBytes: 'number', label: 'text' })),
    () => checkOpts(opts),
  );
  return bad !== null ? bad : guarded('packetSizeSpec', () => packetSizeSpecImpl(points, ranges ?? [], opts ?? {}), asError);
}

/** Empirical latency CDF per service with the deadlines (Vega-Lite spec); a `PhyError` for malformed input. */
export function latencyCdfSpec(points: readonly LatencyCdfPoint[], deadlines: readonly DeadlineMark[], opts?: PlotOptions): VegaLiteSpec | PhyError {
  const bad = firstProblem(
    () => checkRows('points', points, { service: 'text', latencyMs: 'number', cdf: 'number' }),
    () => checkRows('deadlines', deadlines, { service: 'text', deadlineMs: 'number' }),
    () => checkOpts(opts),
  );
  return bad !== null ? bad : guarded('latencyCdfSpec', () => latencyCdfSpecImpl(points, deadlines, opts ?? {}), asError);
}

/** Services on payload x deadline axes coloured by class (Vega-Lite spec); a `PhyError` for malformed points. */
export function classMapSpec(points: readonly ClassMapPoint[], opts?: PlotOptions): VegaLiteSpec | PhyError {
  const bad = firstProblem(() => checkRows('points', points, { service: 'text', minBytes: 'number', maxBytes: 'number', deadlineMs: 'number', classId: 'text' }), () => checkOpts(opts));
  return bad !== null ? bad : guarded('classMapSpec', () => classMapSpecImpl(points, opts ?? {}), asError);
}

/**
 * Render a Vega-Lite spec (e.g. from the builders above) to standalone SVG text. Resolves to a
 * `PhyError` (never rejects) when `spec` is not a Vega-Lite spec object or Vega-Lite cannot compile it.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string | PhyError> {
  if (!isRecord(spec)) return invalidInput('spec', 'a Vega-Lite spec object (from a plot builder)', spec);
  const schema = spec['$schema'];
  if (typeof schema !== 'string' || !schema.includes('vega-lite')) return invalidInput('spec.$schema', 'a Vega-Lite schema URL', schema);
  try {
    return await renderSvgImpl(spec);
  } catch (err) {
    return err instanceof Error ? unsupported('spec', `Vega-Lite could not render it: ${err.message.slice(0, 160)}`) : entryFailure('renderSvg', err);
  }
}

function checkPage(u: unknown): Problem {
  if (!isRecord(u)) return invalidInput('page', 'a ReportPage { title, summary, figures, tables, notes? }', u);
  const texts = (field: string, v: unknown): Problem => needArray(field, v, (x, f) => needText(f, x), 0, 10_000);
  return firstProblem(
    () => needText('page.title', u['title']),
    () => texts('page.summary', u['summary']),
    () => checkRows('page.figures', u['figures'], { id: 'text', title: 'text', caption: 'text', svg: 'text' }),
    () => needArray('page.tables', u['tables'], (x, f) => {
      if (!isRecord(x)) return invalidInput(f, 'a ReportTable { id, title, header, rows, numeric }', x);
      return firstProblem(
        () => needText(`${f}.id`, x['id']),
        () => needText(`${f}.title`, x['title']),
        () => optional(x['caption'], () => needText(`${f}.caption`, x['caption'])),
        () => texts(`${f}.header`, x['header']),
        () => needArray(`${f}.rows`, x['rows'], (r, g) => texts(g, r), 0, MAX_POINTS),
        () => needArray(`${f}.numeric`, x['numeric'], (b, g) => (typeof b === 'boolean' ? null : invalidInput(g, 'a boolean', b)), 0, 10_000),
      );
    }, 0, 1_000),
    () => optional(u['notes'], () => texts('page.notes', u['notes'])),
  );
}

/** The whole report as one self-contained HTML document; a `PhyError` for a malformed page. */
export function reportHtml(page: ReportPage): string | PhyError {
  const bad = checkPage(page);
  return bad !== null ? bad : guarded('reportHtml', () => reportHtmlImpl(page), asError);
}
