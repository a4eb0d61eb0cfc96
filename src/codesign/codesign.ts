/**
 * Co-design (issue 15, spec/codesign.md): choose the split point, the precision (bits per value) and the
 * compression ratio together with the PHY classes of the uplink feature leg and the downlink result leg,
 * end to end. The seed paper's chain (split point -> packet -> PHY) closed into one search.
 *
 * End-to-end model of one grid point (spec/codesign.md §3):
 *   E2E = t_device(layers 0..split) + t_encode + D_UL + t_edge(layers split+1..end, N terminals) + t_CN + D_DL
 * with D_UL, D_DL the air budgets each leg's class is planned for (`planGroup`, the planner's search) and
 * proven against (`verify`, which shares no code with the search): with probability >= 1 - epsilon_leg
 * the leg's burst arrives within its budget. N terminals feed one global DNN, so the edge waits for all N:
 * the per-terminal UL target is epsilon_UL = share·epsilon / N and the DL target epsilon_DL =
 * (1 - share)·epsilon, and by the union bound P(E2E miss) <= N·epsilon_UL + epsilon_DL = epsilon.
 * Early exit (probability p, `pipelineTraffic`): feature bursts arrive at f·(1 - p) per terminal, so the UL
 * leg is planned for that mean rate (offered load = `pipelineTraffic(...).uplink.offeredLoadMbps`).
 *
 * Grid: split points x bits per value x compression ratios x UL air budgets (x the DL budgets). Air
 * budgets never depend on the device, the edge or epsilon, which makes the laws hold by construction:
 * a faster device only shortens compute (never raises the minimum E2E latency) and a looser epsilon
 * only widens each plan's feasible set (never raises the minimum radio cost).
 * Objectives of the Pareto front: radio cost (mean RE/s, UL + DL), device MACs, E2E latency, and
 * accuracy when the user supplies a table (higher is better).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { LinkContext } from '../classes/link.js';
import { defaultLink, layersFor, allowedMuFor } from '../classes/link.js';
import type { PlannableService } from '../classes/model.js';
import { planGroup } from '../classes/planner.js';
import type { PhyClass, PlanOptions, Verdict } from '../classes/types.js';
import { verify } from '../classes/verify.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';
import { maxPrb } from '../nr/carrier.js';
import { numerology } from '../nr/numerology.js';
import type { DnnModel } from '../workload/dnn.js';
import { DNN_MODELS, findLayer, layerShapes, minInputSide, splitCandidates, MAX_INPUT_SIDE } from '../workload/dnn.js';
import { type ComputeProfile, type ModelMacs, checkComputeProfile, computeTimeMs, layerMacs } from '../workload/macs.js';
import { BITS_PER_VALUE, payloadBytesFor } from '../workload/split.js';
import { firstFeasible as firstFeasibleValue } from '../core/bisect.js';
import type { ArrivalAssumption } from '../system/types.js';
import { ARRIVAL_ASSUMPTIONS } from '../system/types.js';
import { CODESIGN_SYSTEM_DEFAULTS, type CodesignSystemCheck, type CodesignSystemOptions, type ResolvedSystemOptions, checkPointOnSystem } from './admission.js';

/** Feature encoding cost on the device: fixed part plus a cost per value quantised and compressed. */
export interface EncodeCost {
  /** Fixed time per burst, ms (>= 0). */
  readonly fixedMs: number;
  /** Time per feature value, ns (>= 0). */
  readonly nsPerValue: number;
}

/** The split-DNN application of the seed paper's Figure 1, with its end-to-end requirement. */
export interface CodesignPipeline {
  /** Name used in service ids and output; default 'pipeline'. */
  readonly id?: string;
  /** DNN split between the terminal and the edge. */
  readonly model: DnnModel;
  /** Input image, pixels. */
  readonly input: {
    /** Height, pixels. */
    readonly height: number;
    /** Width, pixels. */
    readonly width: number;
  };
  /** Images per burst per terminal (cameras); default 1. */
  readonly batch?: number;
  /** Frames per second per terminal. */
  readonly frameRateHz: number;
  /** Early-exit probability p in [0, 1): the local DNN decides alone and sends no features. Default 0. */
  readonly exitProbability?: number;
  /** Bytes of the report sent on an early exit (0 = none); default 0. */
  readonly exitReportBytes?: number;
  /** Terminals N whose features the global DNN aggregates (the edge waits for all N); default 1. */
  readonly terminals?: number;
  /**
   * Independent instances of the whole pipeline on the same carrier (e.g. 10 vehicles each running its own);
   * default 1. Only the system-level check sees them: it plans each leg at terminals x instances UEs.
   */
  readonly instances?: number;
  /** Result per terminal on the downlink, bytes; default 64. */
  readonly resultBytes?: number;
  /** 'served' (default): results only after a feature burst; 'all': to every terminal every frame. */
  readonly resultTo?: 'served' | 'all';
  /** Shape/scale header per feature burst, bytes; default 0. */
  readonly metadataBytes?: number;
  /** End-to-end latency requirement (sensor frame to result at the terminal), ms. */
  readonly e2eLatencyMs: number;
  /** Core-network share, ms; default 1 (edge / local UPF, spec/services.md §2). */
  readonly coreNetworkMs?: number;
  /** Probability that the result misses the E2E requirement, in (0, 0.5). */
  readonly epsilon: number;
  /** 5QI of both legs, or null (default). */
  readonly fiveQi?: number | null;
  /** Terminal compute profile (runs layers 0..split). */
  readonly device: ComputeProfile;
  /** Edge compute profile (runs the layers after the split, for each of the N terminals). */
  readonly edge: ComputeProfile;
  /** Encoding cost on the device; default { fixedMs: 0.1, nsPerValue: 0.1 }. */
  readonly encode?: EncodeCost;
}

/** One accuracy figure a user measured for a (split, bits, ratio) combination. */
export interface AccuracyEntry {
  /** Split layer (module path or alias; 'input' = raw image). */
  readonly split: string;
  /** Bits per value. */
  readonly bitsPerValue: number;
  /** Compression ratio. */
  readonly compressionRatio: number;
  /** Accuracy (any scale where higher is better, e.g. top-1 in [0, 1]). */
  readonly accuracy: number;
}

/** The grid searched; every field has a default. */
export interface CodesignGrid {
  /** Split layers (module path or alias; 'input' = send the raw image); default 'input' and every split candidate. */
  readonly splits?: readonly string[];
  /** Bits per value; default [32, 16, 8, 4]. */
  readonly bitsPerValue?: readonly number[];
  /** Compression ratios (>= 1); default [1, 4, 10, 32]. */
  readonly compressionRatios?: readonly number[];
  /** UL air budgets, ms; default [1, 1/2, 1/4] of (E2E - core network - smallest DL budget). */
  readonly ulBudgetsMs?: readonly number[];
  /** DL air budgets, ms; default [min(2, A/4), min(4, A/2)] with A = E2E - core network. */
  readonly dlBudgetsMs?: readonly number[];
}

/** A bounded plan cache (explicit object; pass the same one to several calls to share plans). */
export interface CodesignCache {
  /** Cached plans by key; null = infeasible. */
  readonly plans: Map<string, PlannedLeg | null>;
  /** Largest number of entries kept (oldest dropped first). */
  readonly limit: number;
}

/** A new empty plan cache. */
export function codesignCache(limit = 4096): CodesignCache {
  return { plans: new Map(), limit };
}

/** Options of `codesign`. */
export interface CodesignOptions {
  /** The grid; defaults per field. */
  readonly grid?: CodesignGrid;
  /** Optional accuracy table; when given, only combinations listed are evaluated. */
  readonly accuracy?: readonly AccuracyEntry[];
  /** Share of epsilon given to the UL leg (split over the N terminals), in (0, 1); default 0.5. */
  readonly ulEpsilonShare?: number;
  /** Restrict the planner's search (tests use this to stay fast). */
  readonly planOptions?: PlanOptions;
  /** Search application-side relaxations when nothing is feasible (default true). */
  readonly relaxations?: boolean;
  /** Plan cache shared between calls. */
  readonly cache?: CodesignCache;
  /**
   * The system-level check (spec/codesign.md §4a): plan the UL and DL legs of the best points as a set at
   * their UE counts (`deriveSystem`) and keep `verifySystem`'s admission; `best` then prefers
   * system-verified points. Default on; `false` skips it (single-service, single-UE-per-terminal legs only).
   */
  readonly system?: boolean | CodesignSystemOptions;
}

/** A planned and verified leg. */
export interface PlannedLeg {
  /** The service the leg was planned for (what `verify` checks). */
  readonly service: PlannableService;
  /** The class. */
  readonly phyClass: PhyClass;
  /** `verify(phyClass, service, link)`. */
  readonly verdict: Verdict;
  /** Mean resource elements per second of the leg (all N terminals; early exit counted). */
  readonly rePerSecond: number;
  /** Worst-case latency of the last HARQ transmission that counts, ms (<= the budget). */
  readonly worstLatencyMs: number;
}

/** The end-to-end latency bound of a point, by part (sum = totalMs <= the requirement). */
export interface E2eParts {
  /** Device compute of layers 0..split (batch images, overhead once), ms. */
  readonly deviceComputeMs: number;
  /** Quantisation and compression of the feature, ms. */
  readonly encodeMs: number;
  /** UL air budget the class is proven against, ms. */
  readonly ulAirMs: number;
  /** Edge compute of the layers after the split for all N terminals (it waits for all), ms. */
  readonly edgeComputeMs: number;
  /** Core-network share, ms. */
  readonly coreNetworkMs: number;
  /** DL air budget of the result class, ms. */
  readonly dlAirMs: number;
  /** Sum of the parts, ms. */
  readonly totalMs: number;
}

/** One feasible grid point, both legs planned and verified. */
export interface CodesignPoint {
  /** Stable key `split|bits|ratio|ulBudget|dlBudget`. */
  readonly key: string;
  /** Split layer module path ('input' = raw image). */
  readonly split: string;
  /** Conventional name of the split layer, when one exists. */
  readonly splitAlias?: string;
  /** Row index of the split layer (-1 for 'input'). */
  readonly splitIndex: number;
  /** Bits per value. */
  readonly bitsPerValue: number;
  /** Compression ratio. */
  readonly compressionRatio: number;
  /** Values of the feature tensor per image. */
  readonly featureElements: number;
  /** Feature burst per terminal, bytes. */
  readonly payloadBytes: number;
  /** Multiply-accumulates on the device per burst (batch images). */
  readonly deviceMacs: number;
  /** Multiply-accumulates on the edge per frame (N terminals x batch images). */
  readonly edgeMacs: number;
  /** Accuracy from the user's table, when given. */
  readonly accuracy?: number;
  /** Uplink feature leg. */
  readonly ul: PlannedLeg;
  /** Downlink result leg. */
  readonly dl: PlannedLeg;
  /** Radio cost: mean RE/s of both legs. */
  readonly radioRePerSecond: number;
  /** Mean UL offered load of all N terminals, Mbit/s (= pipelineTraffic's). */
  readonly ulOfferedLoadMbps: number;
  /** The end-to-end bound by part. */
  readonly e2e: E2eParts;
  /** = e2e.totalMs. */
  readonly e2eLatencyMs: number;
  /** The system-level check of the two legs at N UEs each (only on the points checked, see `CodesignResult.system`). */
  readonly system?: CodesignSystemCheck;
}

/** An application-side change that makes an infeasible pipeline feasible, with its verified point. */
export interface CodesignRelaxation {
  /** What changes: a higher compression ratio, fewer bits, another split point, or a longer E2E deadline. */
  readonly kind: 'compression' | 'bits' | 'split' | 'deadline';
  /** The new value (ratio, bits, layer name, ms). */
  readonly value: number | string;
  /** One line, e.g. `compression ratio 64:1 (int8 at pool5: 103,680 B) fits UL-mu1-...`. */
  readonly description: string;
  /** The cheapest feasible point under that change (re-planned and verified). */
  readonly point: CodesignPoint;
}

/** Answer of `codesign`. */
export interface CodesignResult {
  /** Pipeline id. */
  readonly pipelineId: string;
  /** True when at least one grid point is feasible. */
  readonly feasible: boolean;
  /** The grid actually searched (defaults resolved). */
  readonly grid: {
    /** Split layers. */
    readonly splits: readonly string[];
    /** Bits per value. */
    readonly bitsPerValue: readonly number[];
    /** Compression ratios. */
    readonly compressionRatios: readonly number[];
    /** UL air budgets, ms. */
    readonly ulBudgetsMs: readonly number[];
    /** DL air budgets, ms. */
    readonly dlBudgetsMs: readonly number[];
  };
  /** Per-terminal UL epsilon and DL epsilon (union bound, see the header). */
  readonly epsilonUl: number;
  /** DL result leg epsilon. */
  readonly epsilonDl: number;
  /** Grid points evaluated and why the others failed. */
  readonly counts: {
    /** Grid points (after the accuracy filter). */
    readonly evaluated: number;
    /** Feasible points. */
    readonly feasible: number;
    /** Points whose compute and budgets exceed the E2E requirement. */
    readonly overBudget: number;
    /** Points with no UL class. */
    readonly ulInfeasible: number;
    /** Points with no DL class. */
    readonly dlInfeasible: number;
  };
  /** Every feasible point, in grid order. */
  readonly points: readonly CodesignPoint[];
  /** The Pareto front (non-dominated points), sorted by radio cost, then E2E latency, then device MACs. */
  readonly front: readonly CodesignPoint[];
  /**
   * Best point per objective (ties broken by the other objectives, then grid order); null when infeasible.
   * With the system check, the best *system-verified* point of the objective's order among the points
   * checked; the unverified best (carrying its refusal in `system`) when none of those passes.
   */
  readonly best: {
    /** Least radio RE/s. */
    readonly radioCost: CodesignPoint | null;
    /** Fewest device MACs. */
    readonly deviceMacs: CodesignPoint | null;
    /** Smallest E2E latency bound. */
    readonly e2eLatency: CodesignPoint | null;
    /** Highest accuracy (only with an accuracy table). */
    readonly accuracy: CodesignPoint | null;
  };
  /** Closest application-side relaxations when infeasible (empty otherwise). */
  readonly relaxations: readonly CodesignRelaxation[];
  /** The system-level check: settings and counts (null when `opts.system` is false). */
  readonly system: {
    /** Arrival assumption the sets are planned and verified for. */
    readonly arrivals: ArrivalAssumption;
    /** Points checked (each one `deriveSystem` of its two legs), at most `maxChecks` (+ the relaxations' points). */
    readonly checked: number;
    /** Of them, system-verified (all N UEs of both legs admitted, `verifySystem` passes). */
    readonly verified: number;
    /** The check budget. */
    readonly maxChecks: number;
    /** True when the best point by radio cost is system-verified. */
    readonly bestVerified: boolean;
  } | null;
  /** Why nothing is feasible, in one sentence with the numbers ('' when feasible). */
  readonly diagnosis: string;
  /** Assumptions the result rests on (one line each). */
  readonly assumptions: readonly string[];
}

const DEFAULT_BITS = [32, 16, 8, 4] as const;
const DEFAULT_RATIOS = [1, 4, 10, 32] as const;
const DEFAULT_ENCODE: EncodeCost = { fixedMs: 0.1, nsPerValue: 0.1 };
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

interface Resolved {
  readonly p: CodesignPipeline;
  readonly id: string;
  readonly batch: number;
  readonly pExit: number;
  readonly exitBytes: number;
  readonly N: number;
  readonly instances: number;
  readonly resultBytes: number;
  readonly resultTo: 'served' | 'all';
  readonly meta: number;
  readonly cn: number;
  readonly fiveQi: number | null;
  readonly encode: EncodeCost;
  readonly macs: ModelMacs;
  readonly epsUl: number;
  readonly epsDl: number;
  /** System-check settings, or null when off. */
  readonly system: ResolvedSystemOptions | null;
}

interface SplitRow { readonly name: string; readonly alias?: string; readonly index: number; readonly elements: number }

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function validate(p: CodesignPipeline, o: CodesignOptions | undefined): E.Either<PhyError, Resolved> {
  if (typeof p !== 'object' || p === null) return leftInvalid('pipeline', 'an object', p);
  if (!(DNN_MODELS as readonly string[]).includes(p.model)) return leftInvalid('model', `one of ${DNN_MODELS.map((m) => JSON.stringify(m)).join(', ')}`, p.model);
  const min = minInputSide(p.model);
  for (const f of ['height', 'width'] as const) {
    const v = p.input?.[f];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > MAX_INPUT_SIDE) return leftInvalid(`input.${f}`, `an integer in ${min}..${MAX_INPUT_SIDE}`, v);
  }
  const batch = p.batch ?? 1;
  if (!Number.isInteger(batch) || batch < 1 || batch > 4096) return leftInvalid('batch', 'an integer in 1..4096', batch);
  if (!isNum(p.frameRateHz) || !(p.frameRateHz > 0 && p.frameRateHz <= 10_000)) return leftInvalid('frameRateHz', 'a number in (0, 10000]', p.frameRateHz);
  const pExit = p.exitProbability ?? 0;
  if (!isNum(pExit) || !(pExit >= 0 && pExit < 1)) return leftInvalid('exitProbability', 'a probability in [0, 1) (at 1 no features are ever sent)', pExit);
  const exitBytes = p.exitReportBytes ?? 0;
  if (!Number.isInteger(exitBytes) || exitBytes < 0 || exitBytes > 1e6) return leftInvalid('exitReportBytes', 'an integer in 0..1000000', exitBytes);
  const N = p.terminals ?? 1;
  if (!Number.isInteger(N) || N < 1 || N > 10_000) return leftInvalid('terminals', 'an integer in 1..10000', N);
  const instances = p.instances ?? 1;
  if (!Number.isInteger(instances) || instances < 1 || instances > 10_000) return leftInvalid('instances', 'an integer in 1..10000', instances);
  const resultBytes = p.resultBytes ?? 64;
  if (!Number.isInteger(resultBytes) || resultBytes < 1 || resultBytes > 1e8) return leftInvalid('resultBytes', 'an integer in 1..100000000', resultBytes);
  const resultTo = p.resultTo ?? 'served';
  if (resultTo !== 'served' && resultTo !== 'all') return leftInvalid('resultTo', "one of 'served', 'all'", resultTo);
  const meta = p.metadataBytes ?? 0;
  if (!Number.isInteger(meta) || meta < 0 || meta > 1e6) return leftInvalid('metadataBytes', 'an integer in 0..1000000', meta);
  if (!isNum(p.e2eLatencyMs) || !(p.e2eLatencyMs > 0 && p.e2eLatencyMs <= 1e6)) return leftInvalid('e2eLatencyMs', 'a number in (0, 1e6]', p.e2eLatencyMs);
  const cn = p.coreNetworkMs ?? 1;
  if (!isNum(cn) || !(cn >= 0 && cn < p.e2eLatencyMs)) return leftInvalid('coreNetworkMs', `a number in [0, e2eLatencyMs = ${p.e2eLatencyMs})`, cn);
  if (!isNum(p.epsilon) || !(p.epsilon > 0 && p.epsilon < 0.5)) return leftInvalid('epsilon', 'an error probability in (0, 0.5)', p.epsilon);
  const fiveQi = p.fiveQi ?? null;
  if (fiveQi !== null && !(Number.isInteger(fiveQi) && fiveQi >= 1 && fiveQi <= 255)) return leftInvalid('fiveQi', 'null or an integer in 1..255', fiveQi);
  for (const k of ['device', 'edge'] as const) {
    const c = p[k];
    if (typeof c !== 'object' || c === null) return leftInvalid(k, 'a compute profile { macsPerSecond, overheadMs }', c);
    const r = checkComputeProfile(c, k);
    if (E.isLeft(r)) return r;
  }
  const encode = p.encode ?? DEFAULT_ENCODE;
  if (!isNum(encode.fixedMs) || encode.fixedMs < 0) return leftInvalid('encode.fixedMs', 'a finite number >= 0', encode.fixedMs);
  if (!isNum(encode.nsPerValue) || encode.nsPerValue < 0) return leftInvalid('encode.nsPerValue', 'a finite number >= 0', encode.nsPerValue);
  const share = o?.ulEpsilonShare ?? 0.5;
  if (!isNum(share) || !(share > 0 && share < 1)) return leftInvalid('ulEpsilonShare', 'a number in (0, 1)', share);
  const so = o?.system;
  let system: ResolvedSystemOptions | null = CODESIGN_SYSTEM_DEFAULTS;
  if (so === false) system = null;
  else if (so !== undefined && so !== true) {
    if (typeof so !== 'object' || so === null) return leftInvalid('system', 'true, false or { arrivals?, maxClasses?, maxChecks? }', so);
    const arrivals = so.arrivals ?? CODESIGN_SYSTEM_DEFAULTS.arrivals;
    if (!ARRIVAL_ASSUMPTIONS.includes(arrivals)) return leftInvalid('system.arrivals', `one of ${ARRIVAL_ASSUMPTIONS.join(', ')}`, arrivals);
    const maxClasses = so.maxClasses ?? CODESIGN_SYSTEM_DEFAULTS.maxClasses;
    if (!Number.isInteger(maxClasses) || maxClasses < 1 || maxClasses > 64) return leftInvalid('system.maxClasses', 'an integer in 1..64', maxClasses);
    const maxChecks = so.maxChecks ?? CODESIGN_SYSTEM_DEFAULTS.maxChecks;
    if (!Number.isInteger(maxChecks) || maxChecks < 0 || maxChecks > 10_000) return leftInvalid('system.maxChecks', 'an integer in 0..10000', maxChecks);
    system = { arrivals, maxClasses, maxChecks };
  }
  const macs = layerMacs(p.model, p.input, { head: 'always' });
  if (macs.layers.length === 0) return leftInvalid('input', `an input large enough for ${p.model}`, p.input);
  return E.right({
    p, id: p.id ?? 'pipeline', batch, pExit, exitBytes, N, instances, resultBytes, resultTo, meta, cn, fiveQi, encode, macs,
    epsUl: (share * p.epsilon) / N, epsDl: (1 - share) * p.epsilon, system,
  });
}

/** Every split row of the model at the input (head included, as torchvision runs it at any input). */
function allSplits(r: Resolved): SplitRow[] {
  const rows = layerShapes(r.p.model, r.p.input, { head: 'always' });
  return splitCandidates(r.p.model, rows).map((x) => ({ name: x.name, ...(x.alias !== undefined ? { alias: x.alias } : {}), index: x.index, elements: x.elements }));
}

function resolveSplit(r: Resolved, s: string): SplitRow | null {
  if (s === 'input') return { name: 'input', index: -1, elements: 3 * r.p.input.height * r.p.input.width };
  const rows = layerShapes(r.p.model, r.p.input, { head: 'always' });
  const row = findLayer(rows, s);
  return row === undefined ? null : { name: row.name, ...(row.alias !== undefined ? { alias: row.alias } : {}), index: row.index, elements: row.elements };
}

/** Default DL budgets for `airMs` = E2E - core network: min(2, air/4) and min(4, air/2) ms (never epsilon- or device-dependent). */
function defaultDlBudgets(airMs: number): number[] {
  return [...new Set([round3(Math.min(2, airMs / 4)), round3(Math.min(4, airMs / 2))])];
}

/** Default UL budgets: 1, 1/2 and 1/4 of what the smallest DL budget leaves. */
function defaultUlBudgets(airMs: number, dl: readonly number[]): number[] {
  const ulMax = airMs - Math.min(...dl);
  return [1, 0.5, 0.25].map((f) => round3(ulMax * f)).filter((x) => x > 0);
}

interface GridR { splits: SplitRow[]; bits: number[]; ratios: number[]; ul: number[]; dl: number[] }

function resolveGrid(r: Resolved, g: CodesignGrid | undefined): E.Either<PhyError, GridR> {
  const splits: SplitRow[] = [];
  if (g?.splits === undefined) splits.push({ name: 'input', index: -1, elements: 3 * r.p.input.height * r.p.input.width }, ...allSplits(r));
  else {
    if (!Array.isArray(g.splits) || g.splits.length === 0) return leftInvalid('grid.splits', 'a non-empty list of layer names', g.splits);
    for (let i = 0; i < g.splits.length; i++) {
      const s = resolveSplit(r, String(g.splits[i]));
      if (s === null) return leftInvalid(`grid.splits[${i}]`, `'input' or a layer of ${r.p.model} (e.g. ${allSplits(r).slice(-3).map((x) => x.alias ?? x.name).join(', ')})`, g.splits[i]);
      if (!splits.some((x) => x.name === s.name)) splits.push(s);
    }
  }
  const bits = [...(g?.bitsPerValue ?? DEFAULT_BITS)];
  if (bits.length === 0) return leftInvalid('grid.bitsPerValue', 'a non-empty list', bits);
  for (let i = 0; i < bits.length; i++) if (!(BITS_PER_VALUE as readonly number[]).includes(bits[i]!)) return leftInvalid(`grid.bitsPerValue[${i}]`, 'one of 32, 16, 8, 4, 1', bits[i]);
  const ratios = [...(g?.compressionRatios ?? DEFAULT_RATIOS)];
  if (ratios.length === 0) return leftInvalid('grid.compressionRatios', 'a non-empty list', ratios);
  for (let i = 0; i < ratios.length; i++) if (!isNum(ratios[i]) || ratios[i]! < 1 || ratios[i]! > 1e6) return leftInvalid(`grid.compressionRatios[${i}]`, 'a number in [1, 1e6]', ratios[i]);
  const air = r.p.e2eLatencyMs - r.cn;
  const dl = [...(g?.dlBudgetsMs ?? defaultDlBudgets(air))];
  if (dl.length === 0) return leftInvalid('grid.dlBudgetsMs', 'a non-empty list', dl);
  for (let i = 0; i < dl.length; i++) if (!isNum(dl[i]) || !(dl[i]! > 0) || dl[i]! >= air) return leftInvalid(`grid.dlBudgetsMs[${i}]`, `a number in (0, ${air}) ms (E2E minus core network)`, dl[i]);
  const ul = [...(g?.ulBudgetsMs ?? defaultUlBudgets(air, dl))];
  if (ul.length === 0) return leftInvalid('grid.ulBudgetsMs', 'a non-empty list', ul);
  for (let i = 0; i < ul.length; i++) if (!isNum(ul[i]) || !(ul[i]! > 0) || ul[i]! > 1e5) return leftInvalid(`grid.ulBudgetsMs[${i}]`, 'a number in (0, 1e5] ms', ul[i]);
  const uniq = (xs: number[]): number[] => [...new Set(xs)];
  return E.right({ splits, bits: uniq(bits), ratios: uniq(ratios), ul: uniq(ul), dl: uniq(dl) });
}

/** Upper bound on the bits the carrier can carry in `budgetMs` (every RE of the widest allowed numerology at 10 bits/RE per layer, + 1 ms): a safe prune before planning. */
export function carrierBitsBound(link: LinkContext, dir: 'UL' | 'DL', budgetMs: number): number {
  let best = 0;
  for (const mu of allowedMuFor(link)) {
    const nr = numerology(mu);
    const pr = maxPrb(link.bandwidthMHz, nr.scsKHz, link.fr);
    const prb = E.isRight(pr) ? pr.right : 0;
    if (!(prb > 0)) continue;
    const rePerMs = (prb * 12 * 14) / nr.slotMs;
    best = Math.max(best, rePerMs * 10 * layersFor(link, dir)); // 10 bits/RE > 1024QAM at rate 948/1024 (9.26)
  }
  return best > 0 ? best * (budgetMs + 1) : Number.POSITIVE_INFINITY; // + 1 ms: any alignment slack; no bound when unknown
}

function planLeg(
  svc: PlannableService, link: LinkContext, o: CodesignOptions | undefined, cache: CodesignCache, meanRe: (v: Verdict) => number, costKey: string,
): PlannedLeg | null {
  // costKey: what meanRe reads beyond the service (exit probability and sizes), so a hit never mixes costs
  const key = JSON.stringify([svc.id, svc.direction, svc.payload.sizesBytes, svc.periodMs, svc.latencyBudgetMs, svc.epsilon, svc.ueCount ?? 1, svc.fiveQi, link, o?.planOptions ?? null, costKey]);
  if (cache.plans.has(key)) return cache.plans.get(key) ?? null;
  let out: PlannedLeg | null = null;
  const maxBits = Math.max(...svc.payload.sizesBytes) * 8;
  if (maxBits <= carrierBitsBound(link, svc.direction, svc.latencyBudgetMs)) {
    const planned = planGroup([svc], link, o?.planOptions);
    if (planned !== null) {
      const v = verify(planned.phyClass, svc, link);
      if (v.pass) {
        const worst = Math.max(...v.perSize.map((x) => (x.latencyLastMs <= svc.latencyBudgetMs ? x.latencyLastMs : svc.latencyBudgetMs)));
        out = { service: svc, phyClass: planned.phyClass, verdict: v, rePerSecond: meanRe(v), worstLatencyMs: worst };
      }
    }
  }
  if (cache.plans.size >= cache.limit) {
    const first = cache.plans.keys().next();
    if (first.done !== true) cache.plans.delete(first.value);
  }
  cache.plans.set(key, out);
  return out;
}

/** The UL feature service of a point (what the UL class is planned for and verified against). */
export function ulService(r: { id: string; N: number; pExit: number; exitBytes: number; fiveQi: number | null; frameRateHz: number }, payloadBytes: number, budgetMs: number, epsilon: number): PlannableService {
  const sizes = r.exitBytes > 0 ? [...new Set([r.exitBytes, payloadBytes])].sort((a, b) => a - b) : [payloadBytes];
  // feature bursts arrive at f·(1 - p) per terminal; with exit reports every frame sends something
  const rateHz = r.exitBytes > 0 ? r.frameRateHz : r.frameRateHz * (1 - r.pExit);
  return { id: `${r.id}.ul`, direction: 'UL', payload: { sizesBytes: sizes }, periodMs: 1000 / rateHz, latencyBudgetMs: budgetMs, epsilon, fiveQi: r.fiveQi, ueCount: r.N };
}

interface EvalOut { point: CodesignPoint | null; why: 'ok' | 'overBudget' | 'ul' | 'dl' }

function evaluatePoint(
  r: Resolved, link: LinkContext, o: CodesignOptions | undefined, cache: CodesignCache,
  s: SplitRow, bits: number, ratio: number, ulB: number, dlB: number, accuracy: number | undefined, e2eLimitMs: number,
): EvalOut {
  const p = r.p;
  const f = p.frameRateHz;
  const payloadBytes = payloadBytesFor(s.elements, bits, ratio, r.batch, 1, r.meta);
  const last = r.macs.layers.length - 1;
  const deviceMacs = s.index < 0 ? 0 : r.batch * (r.macs.layers[s.index]?.cumulativeMacs ?? 0);
  const edgeMacs = r.N * r.batch * (r.macs.totalMacs - (s.index < 0 ? 0 : r.macs.layers[s.index]?.cumulativeMacs ?? 0));
  const deviceComputeMs = s.index < 0 ? 0 : computeTimeMs(p.device, r.macs, 0, s.index, r.batch);
  const encode = r.encode;
  const encodeMs = encode.fixedMs + (s.elements * r.batch * encode.nsPerValue) / 1e6;
  const edgeComputeMs = s.index >= last ? 0 : computeTimeMs(p.edge, r.macs, s.index + 1, last, r.N * r.batch);
  const total = deviceComputeMs + encodeMs + ulB + edgeComputeMs + r.cn + dlB;
  if (!(total <= e2eLimitMs + 1e-9)) return { point: null, why: 'overBudget' };
  const rr = { id: r.id, N: r.N, pExit: r.pExit, exitBytes: r.exitBytes, fiveQi: r.fiveQi, frameRateHz: f };
  const ulSvc = ulService(rr, payloadBytes, ulB, r.epsUl);
  const ul = planLeg(ulSvc, link, o, cache, (v) => {
    // mean RE/s: every frame, a feature burst with probability 1 - p, an exit report with p
    const re = (b: number): number => v.perSize.find((x) => x.sizeBytes === b)?.expectedRe ?? 0;
    return r.exitBytes > 0 ? r.N * f * ((1 - r.pExit) * re(payloadBytes) + r.pExit * re(r.exitBytes)) : r.N * f * (1 - r.pExit) * re(payloadBytes);
  }, `${f}|${r.pExit}|${r.exitBytes}|${payloadBytes}`);
  if (ul === null) return { point: null, why: 'ul' };
  const dlRate = r.resultTo === 'all' ? f : f * (1 - r.pExit);
  const dlSvc: PlannableService = {
    id: `${r.id}.dl`, direction: 'DL', payload: { sizesBytes: [r.resultBytes] }, periodMs: 1000 / dlRate, latencyBudgetMs: dlB,
    epsilon: r.epsDl, fiveQi: r.fiveQi, ueCount: r.N,
  };
  const dl = planLeg(dlSvc, link, o, cache, (v) => v.rePerSecond, '');
  if (dl === null) return { point: null, why: 'dl' };
  const ulOfferedLoadMbps = (r.N * f * ((1 - r.pExit) * payloadBytes + r.pExit * r.exitBytes) * 8) / 1e6;
  const e2e: E2eParts = { deviceComputeMs, encodeMs, ulAirMs: ulB, edgeComputeMs, coreNetworkMs: r.cn, dlAirMs: dlB, totalMs: total };
  const point: CodesignPoint = {
    key: `${s.name}|${bits}|${ratio}|${ulB}|${dlB}`, split: s.name, ...(s.alias !== undefined ? { splitAlias: s.alias } : {}), splitIndex: s.index,
    bitsPerValue: bits, compressionRatio: ratio, featureElements: s.elements, payloadBytes, deviceMacs, edgeMacs,
    ...(accuracy !== undefined ? { accuracy } : {}),
    ul, dl, radioRePerSecond: ul.rePerSecond + dl.rePerSecond, ulOfferedLoadMbps, e2e, e2eLatencyMs: total,
  };
  return { point, why: 'ok' };
}

/** Objective vector, all minimised (accuracy negated; 0 when no table). */
export function objectives(pt: CodesignPoint): readonly number[] {
  return [pt.radioRePerSecond, pt.deviceMacs, pt.e2eLatencyMs, -(pt.accuracy ?? 0)];
}

/** a dominates b: no worse in every objective and better in one. */
export function dominates(a: CodesignPoint, b: CodesignPoint): boolean {
  const x = objectives(a);
  const y = objectives(b);
  let better = false;
  for (let i = 0; i < x.length; i++) {
    if (x[i]! > y[i]!) return false;
    if (x[i]! < y[i]!) better = true;
  }
  return better;
}

/** Non-dominated points, sorted by radio cost, E2E latency, device MACs, then key. */
export function paretoFront(points: readonly CodesignPoint[]): CodesignPoint[] {
  const front = points.filter((p) => !points.some((q) => q !== p && dominates(q, p)));
  return front.sort((a, b) => a.radioRePerSecond - b.radioRePerSecond || a.e2eLatencyMs - b.e2eLatencyMs || a.deviceMacs - b.deviceMacs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function bestBy(points: readonly CodesignPoint[], order: readonly number[]): CodesignPoint | null {
  let best: CodesignPoint | null = null;
  for (const p of points) {
    if (best === null) { best = p; continue; }
    const x = objectives(p);
    const y = objectives(best);
    for (const i of order) {
      if (x[i]! < y[i]!) { best = p; break; }
      if (x[i]! > y[i]!) break;
    }
  }
  return best;
}

/** Best point per objective, ties broken by the other objectives in a fixed order, then grid order. */
export function bestPoints(points: readonly CodesignPoint[], withAccuracy: boolean): CodesignResult['best'] {
  return {
    radioCost: bestBy(points, [0, 2, 1, 3]),
    deviceMacs: bestBy(points, [1, 0, 2, 3]),
    e2eLatency: bestBy(points, [2, 0, 1, 3]),
    accuracy: withAccuracy ? bestBy(points, [3, 0, 2, 1]) : null,
  };
}

function accKey(split: string, bits: number, ratio: number): string {
  return `${split}|${bits}|${ratio}`;
}

interface SearchOut { points: CodesignPoint[]; counts: { evaluated: number; overBudget: number; ulInfeasible: number; dlInfeasible: number } }

function search(r: Resolved, link: LinkContext, o: CodesignOptions | undefined, cache: CodesignCache, g: GridR, acc: Map<string, number> | null, e2eLimitMs: number): SearchOut {
  const points: CodesignPoint[] = [];
  const counts = { evaluated: 0, overBudget: 0, ulInfeasible: 0, dlInfeasible: 0 };
  for (const s of g.splits) {
    for (const bits of g.bits) {
      for (const ratio of g.ratios) {
        let a: number | undefined;
        if (acc !== null) {
          a = acc.get(accKey(s.name, bits, ratio));
          if (a === undefined) continue;
        }
        for (const ulB of g.ul) {
          for (const dlB of g.dl) {
            counts.evaluated++;
            const e = evaluatePoint(r, link, o, cache, s, bits, ratio, ulB, dlB, a, e2eLimitMs);
            if (e.point !== null) points.push(e.point);
            else if (e.why === 'overBudget') counts.overBudget++;
            else if (e.why === 'ul') counts.ulInfeasible++;
            else counts.dlInfeasible++;
          }
        }
      }
    }
  }
  return { points, counts };
}

function cheapest(points: readonly CodesignPoint[]): CodesignPoint | null {
  return bestBy(points, [0, 2, 1, 3]);
}

function fmtB(b: number): string {
  return `${Math.round(b).toLocaleString('en-US')} B`;
}

function pointText(pt: CodesignPoint): string {
  const name = pt.splitAlias !== undefined ? `${pt.splitAlias} (${pt.split})` : pt.split;
  return `${pt.bitsPerValue}-bit at ${name}, ${pt.compressionRatio}:1 = ${fmtB(pt.payloadBytes)} per burst: UL ${pt.ul.phyClass.id} within ${pt.e2e.ulAirMs} ms, E2E ${round3(pt.e2eLatencyMs)} ms`;
}

/** Ascending-relaxation bisection (core/bisect: first feasible value, assuming feasibility is monotone along the list). */
function firstFeasible<A>(xs: readonly A[], f: (x: A) => CodesignPoint | null): { x: A; point: CodesignPoint } | null {
  const r = firstFeasibleValue(xs, f);
  return r === null ? null : { x: xs[r.index]!, point: r.value };
}

/**
 * The feasible point with the smallest feature payload (then the least radio cost among the budgets of
 * that combination): relaxations look for the least change, and scanning combinations by payload keeps
 * the search short (a small payload is the likeliest to fit).
 */
function smallestPayloadPoint(r: Resolved, link: LinkContext, o: CodesignOptions | undefined, cache: CodesignCache, g: GridR, limit: number): CodesignPoint | null {
  const combos: { s: SplitRow; bits: number; ratio: number; bytes: number }[] = [];
  for (const s of g.splits) for (const bits of g.bits) for (const ratio of g.ratios) combos.push({ s, bits, ratio, bytes: payloadBytesFor(s.elements, bits, ratio, r.batch, 1, r.meta) });
  combos.sort((a, b) => a.bytes - b.bytes);
  for (const c of combos) {
    const pts = search(r, link, o, cache, { ...g, splits: [c.s], bits: [c.bits], ratios: [c.ratio] }, null, limit).points;
    const best = cheapest(pts);
    if (best !== null) return best;
  }
  return null;
}

function diagnose(r: Resolved, g: GridR, counts: SearchOut['counts']): string {
  const D = r.p.e2eLatencyMs;
  const last = r.macs.layers.length - 1;
  let best: { s: SplitRow; dev: number; enc: number; edge: number } | null = null;
  for (const s of g.splits) {
    const dev = s.index < 0 ? 0 : computeTimeMs(r.p.device, r.macs, 0, s.index, r.batch);
    const enc = r.encode.fixedMs + (s.elements * r.batch * r.encode.nsPerValue) / 1e6;
    const edge = s.index >= last ? 0 : computeTimeMs(r.p.edge, r.macs, s.index + 1, last, r.N * r.batch);
    if (best === null || dev + enc + edge < best.dev + best.enc + best.edge) best = { s, dev, enc, edge };
  }
  const ulMin = Math.min(...g.ul);
  const dlMin = Math.min(...g.dl);
  if (counts.evaluated === 0) return 'no grid point to evaluate (the accuracy table lists none of the grid combinations)';
  if (counts.overBudget === counts.evaluated && best !== null) {
    const t = best.dev + best.enc + best.edge;
    return `compute alone does not fit: the fastest split (${best.s.name}) needs device ${round3(best.dev)} ms (${r.p.device.id}) + encode ${round3(best.enc)} ms + edge ${round3(best.edge)} ms (${r.p.edge.id}) = ${round3(t)} ms; ` +
      `with core network ${r.cn} ms and the smallest air budgets (UL ${ulMin} ms, DL ${dlMin} ms) that is ${round3(t + r.cn + ulMin + dlMin)} ms > ${D} ms ` +
      `(${r.p.model} at ${r.p.input.height}x${r.p.input.width} is ${(r.macs.totalMacs / 1e9).toPrecision(4)} GMAC per image)`;
  }
  if (counts.ulInfeasible === 0 && counts.dlInfeasible > 0) {
    return `no DL class delivers the ${r.resultBytes} B result with P(miss) <= ${r.epsDl.toPrecision(3)} within the DL budgets (${g.dl.join(', ')} ms)`;
  }
  return `no UL class carries the feature bursts with P(miss) <= ${r.epsUl.toPrecision(3)} per terminal within the UL budgets that compute leaves ` +
    `(${counts.ulInfeasible} of ${counts.evaluated} points: no UL class, ${counts.overBudget} over the E2E budget, ${counts.dlInfeasible} no DL class)`;
}

/** Lexicographic order of the objectives (`objectives` indices), stable: ties keep grid order (as `bestBy`). */
function sortedBy(points: readonly CodesignPoint[], order: readonly number[]): CodesignPoint[] {
  const obj = new Map(points.map((p) => [p, objectives(p)] as const));
  return [...points].sort((a, b) => {
    const x = obj.get(a)!;
    const y = obj.get(b)!;
    for (const i of order) if (x[i]! !== y[i]!) return x[i]! - y[i]!;
    return 0;
  });
}

/**
 * The system-level check (spec/codesign.md §4a): per objective, walk the feasible points in that objective's
 * order and check each (`checkPointOnSystem`: `deriveSystem` + `verifySystem` of its two legs at N UEs) until
 * one is system-verified, at most `maxChecks` points per objective (checks are shared between objectives).
 * The relaxations' points are checked too. Checked points carry `system`; `best` prefers verified points.
 */
function systemPhase(
  points: readonly CodesignPoint[], relaxations: readonly CodesignRelaxation[], withAccuracy: boolean, link: LinkContext, so: ResolvedSystemOptions, instances: number,
): { points: CodesignPoint[]; relaxations: CodesignRelaxation[]; best: CodesignResult['best']; checked: number; verified: number } {
  const checks = new Map<string, CodesignSystemCheck>();
  const checkOf = (p: CodesignPoint): CodesignSystemCheck => {
    let c = checks.get(p.key);
    if (c === undefined) { c = checkPointOnSystem(p, link, so, instances); checks.set(p.key, c); }
    return c;
  };
  const orders: readonly (readonly [keyof CodesignResult['best'], readonly number[]])[] = [
    ['radioCost', [0, 2, 1, 3]], ['deviceMacs', [1, 0, 2, 3]], ['e2eLatency', [2, 0, 1, 3]], ...(withAccuracy ? [['accuracy', [3, 0, 2, 1]] as const] : []),
  ];
  const picked = new Map<string, string>();
  for (const [name, order] of orders) {
    const walk = sortedBy(points, order).slice(0, so.maxChecks);
    const hit = walk.find((p) => checkOf(p).pass);
    if (hit !== undefined) picked.set(name, hit.key);
  }
  const relaxedChecks = relaxations.map((x) => checkPointOnSystem(x.point, link, so, instances));
  const annotated = new Map<string, CodesignPoint>();
  const out = points.map((p) => {
    const c = checks.get(p.key);
    const q = c === undefined ? p : { ...p, system: c };
    annotated.set(p.key, q);
    return q;
  });
  const search = bestPoints(out, withAccuracy);
  const best = (name: keyof CodesignResult['best']): CodesignPoint | null => {
    const k = picked.get(name);
    return k !== undefined ? annotated.get(k)! : search[name];
  };
  const all = [...checks.values(), ...relaxedChecks];
  return {
    points: out,
    relaxations: relaxations.map((x, i) => ({ ...x, point: { ...x.point, system: relaxedChecks[i]! } })),
    best: { radioCost: best('radioCost'), deviceMacs: best('deviceMacs'), e2eLatency: best('e2eLatency'), accuracy: withAccuracy ? best('accuracy') : null },
    checked: all.length,
    verified: all.filter((c) => c.pass).length,
  };
}

function relax(r: Resolved, link: LinkContext, o: CodesignOptions | undefined, cache: CodesignCache, g: GridR): CodesignRelaxation[] {
  const out: CodesignRelaxation[] = [];
  const D = r.p.e2eLatencyMs;
  const at = (gg: GridR, limit = D): CodesignPoint | null => smallestPayloadPoint(r, link, o, cache, gg, limit);
  const maxRatio = Math.max(...g.ratios);
  const ratios = [2, 4, 8, 10, 16, 32, 64, 100, 128, 256, 512, 1000, 2000, 5000, 10_000].filter((x) => x > maxRatio);
  const c = firstFeasible(ratios, (x) => at({ ...g, ratios: [x] }));
  if (c !== null) out.push({ kind: 'compression', value: c.x, description: `compression ratio ${c.x}:1 — ${pointText(c.point)}`, point: c.point });
  const minBits = Math.min(...g.bits);
  const bits = [16, 8, 4, 1].filter((b) => b < minBits);
  const b = firstFeasible(bits, (x) => at({ ...g, bits: [x] }));
  if (b !== null) out.push({ kind: 'bits', value: b.x, description: `${b.x} bits per value — ${pointText(b.point)}`, point: b.point });
  const others = allSplits(r).filter((s) => !g.splits.some((x) => x.name === s.name));
  let bestSplit: CodesignPoint | null = null;
  for (const s of others) {
    const pt = at({ ...g, splits: [s] });
    if (pt !== null && (bestSplit === null || pt.radioRePerSecond < bestSplit.radioRePerSecond)) bestSplit = pt;
  }
  if (bestSplit !== null) out.push({ kind: 'split', value: bestSplit.split, description: `split at ${bestSplit.splitAlias ?? bestSplit.split} — ${pointText(bestSplit)}`, point: bestSplit });
  // a longer E2E deadline: the UL budgets grow with it (same fractions as the default ladder)
  const deadlines = [1.1, 1.25, 1.5, 2, 3, 5, 10].map((k) => round3(D * k));
  const d = firstFeasible(deadlines, (x) => {
    const dl = [...new Set([...g.dl, ...defaultDlBudgets(x - r.cn)])];
    return at({ ...g, dl, ul: [...new Set([...g.ul, ...defaultUlBudgets(x - r.cn, dl)])] }, x);
  });
  if (d !== null) out.push({ kind: 'deadline', value: d.x, description: `E2E deadline ${d.x} ms — ${pointText(d.point)}`, point: d.point });
  return out;
}

/**
 * Co-design the split point, precision and compression of `pipeline` with the PHY classes of its UL
 * feature leg and DL result leg on `link` (default `defaultLink`). Left names the offending field.
 */
export function codesign(pipeline: CodesignPipeline, link: LinkContext = defaultLink, opts?: CodesignOptions): E.Either<PhyError, CodesignResult> {
  const rv = validate(pipeline, opts);
  if (E.isLeft(rv)) return rv;
  const r = rv.right;
  const gv = resolveGrid(r, opts?.grid);
  if (E.isLeft(gv)) return gv;
  const g = gv.right;
  let acc: Map<string, number> | null = null;
  if (opts?.accuracy !== undefined) {
    acc = new Map();
    for (let i = 0; i < opts.accuracy.length; i++) {
      const e = opts.accuracy[i]!;
      const s = resolveSplit(r, String(e.split));
      if (s === null) return leftInvalid(`accuracy[${i}].split`, `'input' or a layer of ${r.p.model}`, e.split);
      if (!isNum(e.accuracy)) return leftInvalid(`accuracy[${i}].accuracy`, 'a finite number', e.accuracy);
      acc.set(accKey(s.name, e.bitsPerValue, e.compressionRatio), e.accuracy);
    }
  }
  const cache = opts?.cache ?? codesignCache();
  const searched = search(r, link, opts, cache, g, acc, r.p.e2eLatencyMs);
  const counts = searched.counts;
  const feasible = searched.points.length > 0;
  const relaxed = !feasible && opts?.relaxations !== false ? relax(r, link, opts, cache, g) : [];
  const sys = r.system === null ? null : systemPhase(searched.points, relaxed, acc !== null, link, r.system, r.instances);
  const points = sys?.points ?? searched.points;
  const front = paretoFront(points);
  const relaxations = sys?.relaxations ?? relaxed;
  const enc = r.encode;
  const diagnosis = feasible ? '' : diagnose(r, g, counts);
  return E.right({
    pipelineId: r.id,
    feasible,
    grid: { splits: g.splits.map((s) => s.name), bitsPerValue: g.bits, compressionRatios: g.ratios, ulBudgetsMs: g.ul, dlBudgetsMs: g.dl },
    epsilonUl: r.epsUl,
    epsilonDl: r.epsDl,
    counts: { ...counts, feasible: points.length },
    points,
    front,
    best: sys?.best ?? bestPoints(points, acc !== null),
    relaxations,
    system: sys === null || r.system === null ? null : {
      arrivals: r.system.arrivals, checked: sys.checked, verified: sys.verified, maxChecks: r.system.maxChecks,
      bestVerified: sys.best.radioCost?.system?.pass === true,
    },
    diagnosis,
    assumptions: [
      `E2E = device compute + encode + UL air budget + edge compute (all ${r.N} terminals) + core network ${r.cn} ms + DL air budget <= ${r.p.e2eLatencyMs} ms`,
      `epsilon ${r.p.epsilon} split by the union bound: UL ${r.epsUl.toPrecision(3)} per terminal x ${r.N} + DL ${r.epsDl.toPrecision(3)}`,
      `device ${r.p.device.id}: ${(r.p.device.macsPerSecond / 1e12).toPrecision(3)} TMAC/s effective + ${r.p.device.overheadMs} ms; edge ${r.p.edge.id}: ${(r.p.edge.macsPerSecond / 1e12).toPrecision(3)} TMAC/s + ${r.p.edge.overheadMs} ms`,
      `encode ${enc.fixedMs} ms + ${enc.nsPerValue} ns per value; early exit p = ${r.pExit} scales the UL bursts to f(1-p)`,
      'each leg: single-service, single-UE-per-terminal plan (planGroup) re-checked by verify',
      r.system === null
        ? 'no system-level (shared-carrier) check: the legs are not verified as a set (system: false)'
        : `system level: the best points' UL and DL legs (${r.N * r.instances} UE${r.N * r.instances === 1 ? '' : 's'} each${r.instances > 1 ? `: ${r.N} terminal${r.N === 1 ? '' : 's'} x ${r.instances} instances` : ''}) planned as a set on the carrier (deriveSystem, at most ${r.system.maxClasses} classes, arrivals ${r.system.arrivals}); "system-verified" = verifySystem passes with every UE admitted`,
    ],
  });
}

/**
 * The co-design pipeline of a catalogue service that carries its feature source: model, input, batch
 * from `service.feature`; frame rate 1000/periodMs; E2E requirement, core-network share from
 * `service.latency` (or the radio budget with no CN share when absent); epsilon and 5QI as given;
 * one terminal per pipeline (the edge aggregates nothing) and one pipeline instance per UE of the service
 * (`instances` = its `ueCount`, seen by the system-level check), results of `resultBytes` on the downlink.
 * Null when the service has no feature source.
 */
export function pipelineFromService(
  service: {
    readonly id: string; readonly periodMs: number; readonly latencyBudgetMs: number; readonly epsilon: number; readonly fiveQi: number | null; readonly ueCount?: number;
    readonly latency?: { readonly e2eLatencyMs: number; readonly coreNetworkMs: number };
    readonly feature?: { readonly model: DnnModel; readonly input: { readonly height: number; readonly width: number }; readonly batch?: number };
  },
  device: ComputeProfile, edge: ComputeProfile, resultBytes = 64,
): CodesignPipeline | null {
  const f = service.feature;
  if (f === undefined) return null;
  return {
    id: service.id, model: f.model, input: f.input, ...(f.batch !== undefined ? { batch: f.batch } : {}),
    frameRateHz: 1000 / service.periodMs, e2eLatencyMs: service.latency?.e2eLatencyMs ?? service.latencyBudgetMs,
    coreNetworkMs: service.latency?.coreNetworkMs ?? 0, epsilon: service.epsilon, fiveQi: service.fiveQi,
    device, edge, resultBytes, ...(service.ueCount !== undefined && service.ueCount > 1 ? { instances: service.ueCount } : {}),
  };
}
