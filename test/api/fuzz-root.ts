/**
 * Child-process half of test/api/fuzz.slow.test.ts (run as `node --import tsx test/api/fuzz-root.ts`,
 * so that a call that kills the process fails the test instead of vitest).
 *
 * Imports the package root and calls EVERY exported function with each bad value (undefined, null,
 * {}, [], NaN, -1, "x") as the single argument, in every argument position at once, and in each
 * position of a valid argument list; then with fast-check `fc.anything()` argument tuples. For
 * each call it checks: no throw (a returned promise must resolve), under 2 s, no NaN / Infinity
 * anywhere in the answer, and no answer that only the entry points' last-resort guard produces
 * (`ENTRY_FAILURE_MARKER`: the input got past the checks and the module code failed on it).
 *
 * Protocol (in the file named by the first argument, written synchronously), one line each: `call <name> <case>` before every call (the parent names the
 * last one if the child dies or hangs), `problem <json>` per failed check, `valid <name>` per
 * valid sample that answered a value, and `done <calls>` at the end.
 */
import { openSync, writeSync } from 'node:fs';
import fc from 'fast-check';
import * as root from '../../src/index.js';
import { ENTRY_FAILURE_MARKER } from '../../src/api/guard.js';
import { BAD_VALUES } from './child.js';

type Fn = (...args: unknown[]) => unknown;

const BAD = BAD_VALUES;

/** Per-call time limit, ms. */
const LIMIT_MS = 2_000;

/**
 * Valid calls whose answer is a full computation rather than a rejection (the defaults), with a
 * larger budget: `classTable()` plans every catalogue service for every size decade; `renderSvg` of
 * a real spec loads Vega on its first call.
 */
const HEAVY_VALID_MS: Readonly<Record<string, number>> = { classTable: 30_000, renderSvg: 30_000, classSensitivity: 30_000 }; // classSensitivity: ≈ 33 verify calls by design

const svc = root.services.find((s) => s.id === 'teleop.haptic_feedback') as root.ServiceProfile;
/** The free 100 MHz FDD carrier the fixtures were chosen on (haptic is infeasible on the default n78 TDD link). */
const FREE = (root.decodeLinkContext({ band: 'none', duplex: 'FDD' }) as { right: root.LinkContext }).right;
const planned = root.plan(svc, FREE);
const phyClass = planned._tag === 'Right' ? planned.right : undefined;
if (phyClass === undefined) throw new Error(`fixture: ${svc.id} must be plannable`);
const seg = root.ldpcSegmentation(8448, 500);
const columns: root.TableColumn<{ a: number }>[] = [{ key: 'a', header: 'a', get: (r) => r.a }];
const sysSvc = root.services.find((s) => s.id === 'uav.telemetry_ul') as root.ServiceProfile;
const sysPlan = (root.deriveSystem([sysSvc], FREE, { maxClasses: 1 }) as root.SystemPlanResult).plan;
const small = { services: [svc], ranges: [{ label: '1 kB', minBytes: 100, maxBytes: 1000 }] };

/** One valid argument list per function (each position is replaced by a bad value in turn). */
const VALID: Readonly<Record<string, readonly unknown[]>> = {
  allocationFor: [phyClass, 1000],
  blerPlotSpec: [[{ model: 'nr-ldpc', mcs: 5, snrDb: 3, bler: 0.1 }], { title: 't' }],
  classMapSpec: [[{ service: 's', minBytes: 10, maxBytes: 100, deadlineMs: 5, classId: 'c' }], { subtitle: 's' }],
  latencyBreakdownSpec: [[{ classId: 'c', part: 'tti', ms: 0.5 }], {}],
  latencyCdfSpec: [[{ service: 's', latencyMs: 1, cdf: 0.5 }], [{ service: 's', deadlineMs: 5 }], {}],
  packetSizeSpec: [[{ group: 'g', model: 'vgg16', layer: 'features.30', bytes: 1000 }], [{ group: 'g', model: 'vgg16', minBytes: 10, maxBytes: 2000, label: 'paper' }], {}],
  renderSvg: [{ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } }],
  reportHtml: [{ title: 'r', summary: ['s'], figures: [{ id: 'f', title: 'f', caption: 'c', svg: '<svg></svg>' }], tables: [{ id: 't', title: 't', header: ['a'], rows: [['1']], numeric: [true] }] }],
  blerModel: ['nr-ldpc', { receiver: 'ideal' }],
  campaignRuns: [{ scenario: {}, seeds: [1, 2] }],
  channelBandwidthsMHz: ['FR1', 30],
  carrierScsKHz: ['FR1'],
  classTable: [root.defaultLink, small],
  snrPerReDb: [{ ...root.defaultLink, linkBudget: { couplingLossDb: 120 } }, 'UL', 20, 1],
  compileClassifier: [root.deriveClasses([svc], root.defaultLink, { maxClasses: 1 })],
  csvTable: [[{ a: 1 }], columns],
  deliveryProbabilityWithin: [{ direction: 'DL', duplex: 'FDD', mu: 1, ttiSymbols: 7, ueCapability: 1, grant: 'dynamic', maxTransmissions: 2, deadlineMs: 5, errorAfter: () => 0.01 }],
  deriveClasses: [[svc], root.defaultLink, { maxClasses: 1 }],
  dmrsRePerPrb: [{ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 1, maxLength: 1 }],
  eligibleFiveQis: [{ burstBytes: 100, radioBudgetMs: 5, epsilon: 1e-3 }],
  fadingAverage: [(s: number) => (s > 10 ? 0 : 1), 10, { kind: 'rayleigh', diversity: 2 }],
  harqResidualError: [{ model: root.blerModel(), mcsTable: 'qam64', mcs: 5, tbsBits: 1000, snrDb: 5, transmissions: 2, combining: 'chase' }],
  harqAttemptErrors: [{ model: root.blerModel(), mcsTable: 'qam64', mcs: 5, tbsBits: 1000, snrDb: 5, transmissions: 2, combining: 'ir' }],
  harqTransmissionDistribution: [{ model: root.blerModel(), mcsTable: 'qam64', mcs: 5, tbsBits: 1000, snrDb: 5, transmissions: 2, combining: 'chase' }],
  jsonRows: [[{ a: 1 }], columns],
  layerShapes: ['vgg16', { height: 224, width: 224 }],
  ldpcSegmentation: [8448, 500],
  maxInfoBits: [{ n: 1000, epsilon: 1e-5, snrDb: 5, input: 'qpsk' }],
  maxMcsIndex: ['qam256'],
  maxPrb: [100, 30],
  mcsEntry: ['qam64', 3],
  mcsIndices: ['qam64'],
  mixedScenario: [{ policy: 'edf' }],
  normalApproximation: [{ n: 1000, k: 500, snrDb: 3, input: 'qpsk' }],
  numerology: [1],
  parseShard: ['1/4'],
  payloadProfile: [[100, 200]],
  plan: [svc, FREE],
  planDetailed: [svc, FREE],
  processingTimeSymbols: [{ mu: 1, capability: 1, channel: 'pdsch' }],
  qfunc: [1],
  qfuncInv: [1e-5],
  rateMatchedLengths: [seg, 10_000, 2, 1],
  samplesNeeded: [0.999],
  serviceById: [svc.id],
  simulate: [root.mixedScenario({ policy: 'edf' }), { slots: 50, seed: 1 }],
  snrForBler: [root.blerModel(), { mcsTable: 'qam64', mcs: 5, cbsBits: 1000 }, 0.1],
  symbolStartUs: [1, 3, 'normal'],
  symbolTiming: [{ mu: 1, symbol: 3 }],
  textTable: [[{ a: 1 }], columns],
  transportBlockSize: [{ mcsTable: 'qam64', mcs: 5, nPrb: 10, nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 }],
  tryLayerShapes: ['resnet18', { height: 224, width: 224 }],
  userPlaneLatency: [{ direction: 'DL', duplex: 'FDD', mu: 1, ttiSymbols: 7, ueCapability: 1, grant: 'dynamic', transmissions: 1 }],
  tryUserPlaneLatency: [{ direction: 'DL', duplex: 'FDD', mu: 1, ttiSymbols: 7, ueCapability: 1, grant: 'dynamic', transmissions: 1 }],
  verify: [phyClass, svc, FREE],
  wilsonInterval: [5, 10],
  bandCentreMHz: [root.nrBands()[0], 'UL'],
  checkBandCarrier: [{ band: 'n78', duplex: 'TDD', bandwidthMHz: 100, scsKHz: 30 }],
  nrBand: ['n78'],
  deriveSystem: [[sysSvc], root.defaultLink, { maxClasses: 1 }],
  verifySystem: [sysPlan, [sysSvc], FREE, {}],
  simulateSystemPlan: [sysPlan, [sysSvc], FREE, { slots: 50, seed: 1 }],
  campaignFingerprint: [{ scenario: root.mixedScenario({ policy: 'edf' }), seeds: [1], ueCounts: [1], policies: ['edf'], slots: 100 }],
  transportBlockSizes: ['qam64', Int32Array.from([5, 10, 12, 12, 0, 1, 27, 273, 12, 12, 0, 1])],
  transportBlockSizesInto: ['qam64', Int32Array.from([5, 10, 12, 12, 0, 1]), new Int32Array(1)],
  explainInvalidTbsRows: ['qam64', Int32Array.from([5, 10, 12, 12, 0, 1, 99, 10, 12, 12, 0, 1])],
  directionDuty: ['DL', 'TDD', 'DDDSU', root.DEFAULT_SPECIAL_SLOT],
  formatSpecialSlot: [root.DEFAULT_SPECIAL_SLOT],
  parseSpecialSlot: ['6D:4G:4U', 'specialSlot'],
  besselJ0: [2.5],
  jakesCorrelation: [50, 1],
  jakesEigenvalues: [50, [0, 1, 2]],
  correlatedRayleighAverage: [(s: number) => (s > 5 ? 0 : 1), 10, 2, [1.5, 0.5]],
  jakesFader: [() => 0.5, 50, 8],
  maxDopplerHz: [3, 3500],
  inconsistentLink: [root.defaultLink],
  classSensitivity: [phyClass, svc, FREE],
  linkAssumptions: [root.defaultLink],
  layerMacs: ['vgg16', { height: 224, width: 224 }],
  tryLayerMacs: ['resnet18', { height: 224, width: 224 }],
  computePreset: [root.COMPUTE_PRESET_IDS[0]],
  computeTimeMs: [root.COMPUTE_PRESETS[root.COMPUTE_PRESET_IDS[0]!], root.tryLayerMacs('alexnet', { height: 224, width: 224 })._tag === 'Right' ? (root.tryLayerMacs('alexnet', { height: 224, width: 224 }) as { right: unknown }).right : {}, 0, 3, 1],
  decodePhyClass: [phyClass, 'phyClass'],
  decodePipelineParams: [{ split: { model: 'vgg16', layer: 'pool5', input: { height: 224, width: 224 }, bitsPerValue: 8, compressionRatio: 4 }, frameRateHz: 30, exitProbability: 0, terminals: 1 }, 'pipeline'],
  classifierHeader: [root.deriveClasses([svc], root.defaultLink, { maxClasses: 1 }), {}],
  parseStackExport: ['srsran', 'cell_cfg:\n  pdsch:\n    mcs_table: qam64\n'],
  exportStack: ['lena', { plan: root.deriveClasses([svc], root.defaultLink, { maxClasses: 1 }), link: root.defaultLink, services: [svc], epsilonByClass: {} }],
};

/** The protocol goes to the file named by the first argument, synchronously: the last line is there even if the next call kills the process. */
const LOG_FD = openSync(process.argv[2] ?? '/dev/null', 'w');
function out(line: string): void {
  writeSync(LOG_FD, `${line}\n`);
}

/** Paths of NaN / ±Infinity numbers in `v` (own enumerable properties, typed arrays, depth ≤ 8). */
function nonFinite(v: unknown, path = '$', seen = new Set<unknown>(), depth = 0, acc: string[] = []): string[] {
  if (acc.length > 3) return acc;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) acc.push(`${path} = ${String(v)}`);
    return acc;
  }
  if (typeof v !== 'object' || v === null || depth > 8 || seen.has(v)) return acc;
  seen.add(v);
  if (ArrayBuffer.isView(v)) {
    const arr = v as unknown as ArrayLike<number>;
    for (let i = 0; i < arr.length && i < 100_000; i++) if (typeof arr[i] === 'number' && !Number.isFinite(arr[i])) acc.push(`${path}[${i}] = ${String(arr[i])}`);
    return acc;
  }
  if (v instanceof Map) {
    for (const [k, x] of v) nonFinite(x, `${path}.get(${String(k)})`, seen, depth + 1, acc);
    return acc;
  }
  for (const k of Object.keys(v).slice(0, 5_000)) nonFinite((v as Record<string, unknown>)[k], `${path}.${k}`, seen, depth + 1, acc);
  return acc;
}

/** Message of the last-resort guard anywhere at the top of the answer (PhyError, Left, Infeasible, Verdict reasons, class plan). */
function guardMessage(v: unknown): string | null {
  const texts: unknown[] = [];
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    texts.push(o['message']);
    const left = o['left'];
    if (typeof left === 'object' && left !== null) texts.push((left as Record<string, unknown>)['message']);
    if (Array.isArray(o['reasons'])) texts.push(...(o['reasons'] as unknown[]));
    if (Array.isArray(o['unserved'])) for (const u of o['unserved'] as unknown[]) texts.push((u as Record<string, unknown> | null)?.['reason']);
  }
  for (const t of texts) if (typeof t === 'string' && t.includes(ENTRY_FAILURE_MARKER)) return t;
  return null;
}

function isErrorAnswer(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (root.isPhyError(v)) return true;
  if (o['_tag'] === 'Left' || o['_tag'] === 'None') return true;
  if (o['pass'] === false && Array.isArray(o['reasons']) && (o['reasons'] as unknown[]).some((r) => typeof r === 'string' && r.startsWith('invalid input'))) return true;
  return o['method'] === 'invalid input';
}

let calls = 0;
let problems = 0;

function problem(name: string, label: string, what: string): void {
  problems++;
  out(`problem ${JSON.stringify({ name, label, what })}`);
}

async function callOne(name: string, f: Fn, args: readonly unknown[], label: string, limitMs = LIMIT_MS): Promise<unknown> {
  calls++;
  out(`call ${name} ${label}`);
  const t0 = performance.now();
  let r: unknown;
  try {
    r = f(...args);
    if (r instanceof Promise) r = await r;
  } catch (e) {
    problem(name, label, `threw ${e instanceof Error ? `${e.constructor.name}: ${e.message.slice(0, 200)}` : String(e)}`);
    return undefined;
  }
  const ms = performance.now() - t0;
  if (ms > limitMs) problem(name, label, `took ${ms.toFixed(0)} ms (limit ${limitMs} ms)`);
  const nf = nonFinite(r);
  if (nf.length > 0) problem(name, label, `non-finite number in the answer: ${nf.join('; ')}`);
  const g = guardMessage(r);
  if (g !== null) problem(name, label, `reached the last-resort guard: ${g}`);
  return r;
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))?.slice(0, 120) ?? String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

async function main(): Promise<void> {
  const names = Object.keys(root).filter((k) => typeof (root as Record<string, unknown>)[k] === 'function').sort();
  const only = process.argv[3];
  for (const name of names) {
    if (only !== undefined && name !== only) continue;
    const f = (root as unknown as Record<string, Fn>)[name] as Fn;
    const valid = VALID[name];
    const positions = Math.min(4, Math.max(1, f.length, valid?.length ?? 0));
    // the valid sample first: it must answer a value (not an error)
    if (valid !== undefined) {
      const r = await callOne(name, f, valid, 'valid sample', HEAVY_VALID_MS[name] ?? LIMIT_MS);
      if (isErrorAnswer(r)) problem(name, 'valid sample', `answered an error for valid input: ${show(r)}`);
      else out(`valid ${name}`);
    }
    for (const [label, b] of BAD) {
      const heavy = HEAVY_VALID_MS[name];
      const limit = heavy !== undefined && (b === undefined || (typeof b === 'object' && b !== null && !Array.isArray(b))) ? heavy : LIMIT_MS;
      await callOne(name, f, [b], `(${label})`, limit);
      await callOne(name, f, Array.from({ length: positions }, () => b), `(${label} in all ${positions} positions)`, limit);
      for (let i = 0; i < positions; i++) {
        const args = Array.from({ length: positions }, (_, j) => (j === i ? b : valid?.[j]));
        await callOne(name, f, args, `(${label} at position ${i}${valid === undefined ? ', undefined elsewhere' : ', valid elsewhere'})`, limit);
      }
    }
    // random argument tuples (fixed seed: the same tuples every run)
    const tuples = fc.sample(fc.array(fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true }), { maxLength: positions + 1 }), { numRuns: 25, seed: 12 });
    // a tuple that is a valid default call of a heavy function (no arguments, or an object the link decoder accepts) gets the heavy budget
    const heavyOf = (args: readonly unknown[]): number => {
      const heavy = HEAVY_VALID_MS[name];
      const a0 = args[0];
      return heavy !== undefined && (a0 === undefined || (typeof a0 === 'object' && a0 !== null && !Array.isArray(a0))) ? heavy : LIMIT_MS;
    };
    for (const [k, args] of tuples.entries()) await callOne(name, f, args, `(fc.anything tuple #${k}: ${show(args)})`, heavyOf(args));
  }
  out(`done ${calls} ${problems}`);
}

main().catch((e: unknown) => {
  out(`problem ${JSON.stringify({ name: '(harness)', label: '', what: String(e) })}`);
  process.exitCode = 1;
});
