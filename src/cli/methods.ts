/**
 * The library verbs `phyclass serve` answers (issue 16 §4): one entry per method with its
 * parameter schema (for `describe`) and a `run` that decodes the params with the same codecs and
 * checks as the CLI flags, calls the same answer builders as the CLI commands (`planAnswer`,
 * `classesAnswer`, `tbsAnswer`, ...), and returns the value the CLI prints with `--json`, so
 * `toJsonText(result)` is byte for byte the command's `--json` output.
 *
 * Registration point: a verb built elsewhere (e.g. `verifySystem`, `codesign`) is one more entry
 * in `METHODS` — params schema, `cli` equivalent and a `run` reusing that command's answer builder.
 */
import * as E from 'fp-ts/lib/Either.js';
import { compileClassifier } from '../classes/classifier.js';
import { decodeLinkContext, type LinkContext } from '../classes/link.js';
import type { Assignment, PhyClass } from '../classes/types.js';
import { MCS_TABLE_NAMES } from '../core/types.js';
import type { UserPlaneLatencyInput } from '../link/latency.js';
import { STACK_DEFAULT_TIMING, STACK_NAMES, validateTiming, type StackName, type StackTiming } from '../link/timing.js';
import type { PlanOptions } from '../classes/types.js';
import { BLER_MODEL_NAMES } from '../link/bler.js';
import { SNR_DB } from '../core/ranges.js';
import type { TbsParams } from '../nr/tbs.js';
import { serviceById, services as catalogue, type ServiceProfile } from '../services/catalogue.js';
import { parseBytesArg } from './args.js';
import { CliInputError, messageOf, oneLine } from './errors.js';
import { blerAnswer } from './commands/bler.js';
import { classesAnswer, classesUnmet, classifyAnswer } from './commands/classes.js';
import { EXPORT_TARGETS, type ExportTarget, derivedPlanSource, exportText, planSourceFrom } from './commands/export.js';
import { latencyAnswer } from './commands/latency.js';
import { decodePhyClass } from '../codecs/phyClass.js';
import { planAnswer, planAnswerUnmet, verifyAnswer } from './commands/plan.js';
import { tbsAnswer } from './commands/tbs.js';

/** A failure of one request: code, one-line message, and the offending field (or null). */
export class MethodError extends Error {
  override readonly name = 'MethodError';
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

/** Bad params: the message names the field when it can. */
export function invalidParams(message: string, field: string | null = fieldOf(message)): never {
  throw new MethodError('invalid-params', message, field);
}

/** The field path a message starts with (`nPrb: expected ...` -> `nPrb`), or null. */
export function fieldOf(message: string): string | null {
  const m = /^([A-Za-z_][\w.[\]]*|<\w+>|--[\w-]+): /.exec(message);
  return m?.[1] ?? null;
}

/** JSON-schema-like description of one parameter (what `describe` lists). */
export interface ParamSchema {
  readonly type: string;
  readonly required?: boolean;
  readonly enum?: readonly (string | number)[];
  readonly default?: unknown;
  readonly description: string;
}

/** What a method answers: the `--json` value of the CLI and whether the CLI would exit 1. */
export interface MethodResult {
  readonly result: unknown;
  /** The CLI exits 1 for this answer (infeasible, verification failed, packet not served...). */
  readonly unmet: boolean;
}

/** Per-server state: a bounded cache of compiled classifiers (classify derives classes once per plan inputs). */
export interface Session {
  readonly classifiers: Map<string, { classify: (serviceId: string, sizeBytes: number) => Assignment; serviceIds: ReadonlySet<string> }>;
}

/** Compiled classifiers kept per session (least recently used dropped first). */
export const SESSION_CLASSIFIERS = 16;

export function newSession(): Session {
  return { classifiers: new Map() };
}

/** One method of `phyclass serve`. */
export interface MethodSpec {
  readonly name: string;
  readonly summary: string;
  /** The CLI command whose `--json` output equals the result. */
  readonly cli: string;
  readonly params: Readonly<Record<string, ParamSchema>>;
  readonly run: (params: Readonly<Record<string, unknown>>, session: Session) => Promise<MethodResult>;
}

// ---- parameter helpers (same checks as the CLI's flag parsers) ----

function checkKeys(p: Readonly<Record<string, unknown>>, spec: MethodSpec): void {
  for (const k of Object.keys(p)) {
    if (!(k in spec.params)) invalidParams(`params.${k}: unknown parameter of ${spec.name} (allowed: ${Object.keys(spec.params).join(', ') || 'none'})`, `params.${k}`);
  }
  for (const [k, s] of Object.entries(spec.params)) {
    if (s.required === true && p[k] === undefined) invalidParams(`params.${k}: required`, `params.${k}`);
  }
}

function int(p: Readonly<Record<string, unknown>>, k: string, min: number, max: number, dflt?: number): number {
  const v = p[k] ?? dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) invalidParams(`params.${k}: expected an integer in ${min}..${max}, got ${JSON.stringify(v) ?? 'nothing'}`, `params.${k}`);
  return v;
}

function choice<A extends string | number>(p: Readonly<Record<string, unknown>>, k: string, allowed: readonly A[], dflt?: A): A {
  const v = p[k] ?? dflt;
  if (!(allowed as readonly unknown[]).includes(v)) invalidParams(`params.${k}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v) ?? 'nothing'}`, `params.${k}`);
  return v as A;
}

function bool(p: Readonly<Record<string, unknown>>, k: string, dflt: boolean): boolean {
  const v = p[k] ?? dflt;
  if (typeof v !== 'boolean') invalidParams(`params.${k}: expected true or false, got ${JSON.stringify(v)}`, `params.${k}`);
  return v;
}

function object(p: Readonly<Record<string, unknown>>, k: string): Record<string, unknown> | undefined {
  const v = p[k];
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalidParams(`params.${k}: expected a JSON object, got ${JSON.stringify(v)}`, `params.${k}`);
  return v as Record<string, unknown>;
}

/** The link context: `params.link` decoded by `decodeLinkContext` (as `--link file.json`). */
function linkParam(p: Readonly<Record<string, unknown>>): LinkContext {
  const given = object(p, 'link') ?? {};
  // `stack` without a timing in params.link: the stack's default timing profile (as --stack without --timing)
  const stack = stackParam(p);
  const withStack = stack !== undefined && given['timing'] === undefined ? { ...given, timing: STACK_DEFAULT_TIMING[stack] } : given;
  const r = decodeLinkContext(withStack);
  if (E.isLeft(r)) invalidParams(r.left.message.replace(/^link: /, 'params.link: '), 'params.link');
  return r.right;
}

/** `params.stack` (as --stack), or undefined; a bad name is invalid params. */
function stackParam(p: Readonly<Record<string, unknown>>): StackName | undefined {
  return p['stack'] === undefined ? undefined : choice(p, 'stack', STACK_NAMES);
}

/** The planner restricted to what `params.stack` runs in one direction (export/stacks stackPlanOptions), or {}. */
async function stackPlanOpts(p: Readonly<Record<string, unknown>>, direction: 'DL' | 'UL', link: LinkContext): Promise<PlanOptions> {
  const stack = stackParam(p);
  if (stack === undefined) return {};
  const { stackPlanOptions } = await import('../export/stacks.js');
  const { relaxations: _r, ...rest } = stackPlanOptions(stack, direction, link);
  return rest;
}

/** One service: a catalogue id or a profile object (decoded as a profile .json file is). */
async function serviceParam(p: Readonly<Record<string, unknown>>): Promise<ServiceProfile> {
  const v = p['service'];
  if (typeof v === 'string') {
    const s = serviceById(v);
    if (s._tag === 'Some') return s.value;
    return invalidParams(`params.service: unknown service ${JSON.stringify(v)} (see method "services"; known: ${catalogue.map((c) => c.id).slice(0, 4).join(', ')}, ...); or give a profile object`, 'params.service');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return invalidParams('params.service: expected a catalogue id or a service profile object', 'params.service');
  const { decodeServiceProfile } = await import('../codecs/service.js'); // loads mathjs: only for profile objects
  const r = decodeServiceProfile(v);
  if (E.isLeft(r)) return invalidParams(`params.service: ${r.left.message}`, 'params.service');
  return r.right;
}

/** Services for the planning methods: `services` (a list or {services}) or the catalogue, filtered by `only` (as `--services`/`--only`). */
async function servicesParam(p: Readonly<Record<string, unknown>>): Promise<readonly ServiceProfile[]> {
  let list: readonly ServiceProfile[] = catalogue;
  const u = p['services'];
  if (u !== undefined) {
    const arr = typeof u === 'object' && u !== null && !Array.isArray(u) && 'services' in u ? (u as { services: unknown }).services : u;
    const { decodeServices } = await import('../codecs/service.js');
    const r = decodeServices(arr);
    if (E.isLeft(r)) return invalidParams(`params.${r.left.message}`, 'params.services');
    list = r.right;
  }
  const only = p['only'];
  if (only !== undefined) {
    const ids = typeof only === 'string' ? only.split(',') : Array.isArray(only) && only.every((x) => typeof x === 'string') ? (only as string[]) : invalidParams('params.only: expected a list of service ids or a comma-separated string', 'params.only');
    const trimmed = ids.map((x) => x.trim()).filter((x) => x !== '');
    for (const id of trimmed) if (!list.some((s) => s.id === id)) invalidParams(`params.only: unknown service ${JSON.stringify(id)}`, 'params.only');
    const all = list;
    list = [...new Set(trimmed)].map((id) => all.find((s) => s.id === id) as ServiceProfile);
  }
  if (list.length === 0) return invalidParams('no services to plan', 'params.services');
  return list;
}

const LINK: ParamSchema = { type: 'object', description: 'LinkContext fields (as a --link file); every field has a default' };
const SERVICES: ParamSchema = { type: 'array|object', description: 'service profiles (a list, or {"services": [...]}) instead of the catalogue (as --services)' };
const ONLY: ParamSchema = { type: 'array|string', description: 'service ids to plan (as --only)' };
const MAX_CLASSES: ParamSchema = { type: 'integer', default: 4, description: 'at most K class templates, 1..64 (as --max-classes)' };
const SERVICE: ParamSchema = { type: 'string|object', required: true, description: 'catalogue id or a service profile object' };
const STACK: ParamSchema = { type: 'string', enum: STACK_NAMES, description: "radio stack the plan is for (as --stack): its timing profile unless params.link has 'timing', and only what it runs" };

function unwrap<A>(r: E.Either<string, A>): A {
  return E.isRight(r) ? r.right : invalidParams(r.left);
}

const tbsMethod: MethodSpec = {
  name: 'tbs',
  summary: 'transport block size of one allocation (TS 38.214 5.1.3.2)',
  cli: 'phyclass tbs --json',
  params: {
    mcsTable: { type: 'string', enum: MCS_TABLE_NAMES, default: 'qam64', description: 'MCS table (--table)' },
    mcs: { type: 'integer', required: true, description: 'MCS index 0..31 (--mcs)' },
    nPrb: { type: 'integer', required: true, description: 'PRBs 1..275 (--prb)' },
    nSymbols: { type: 'integer', default: 12, description: 'symbols 1..14 (--symbols)' },
    nDmrsRePerPrb: { type: 'integer', default: 12, description: 'DM-RS REs per PRB 0..168 (--dmrs)' },
    nOverheadRePerPrb: { type: 'integer', default: 0, description: 'xOverhead REs per PRB 0..168 (--overhead)' },
    nLayers: { type: 'integer', default: 1, description: 'layers 1..4 (--layers)' },
    scaling: { type: 'number', enum: [1, 0.5, 0.25], default: 1, description: 'TB scaling (--scaling)' },
    transformPrecoding: { type: 'boolean', default: false, description: 'PUSCH DFT-s-OFDM (--transform-precoding)' },
    tpPi2Bpsk: { type: 'boolean', default: false, description: 'tp-pi2BPSK (--pi2bpsk)' },
  },
  run: async (p) => {
    // built in the key order of the command, so the answer's JSON is the same text
    const q: TbsParams = {
      mcsTable: choice(p, 'mcsTable', MCS_TABLE_NAMES, 'qam64'),
      mcs: int(p, 'mcs', 0, 31),
      nPrb: int(p, 'nPrb', 1, 275),
      nSymbols: int(p, 'nSymbols', 1, 14, 12),
      nDmrsRePerPrb: int(p, 'nDmrsRePerPrb', 0, 168, 12),
      nOverheadRePerPrb: int(p, 'nOverheadRePerPrb', 0, 168, 0),
      nLayers: int(p, 'nLayers', 1, 4, 1),
      scaling: choice(p, 'scaling', [1, 0.5, 0.25] as const, 1),
      ...(bool(p, 'transformPrecoding', false) ? { transformPrecoding: true } : {}),
      ...(bool(p, 'tpPi2Bpsk', false) ? { tpPi2Bpsk: true } : {}),
    };
    return { result: unwrap(tbsAnswer(q)), unmet: false };
  },
};

const blerMethod: MethodSpec = {
  name: 'bler',
  summary: 'transport-block error rate at an SNR (AWGN), or the SNR for a target BLER',
  cli: 'phyclass bler --json',
  params: {
    model: { type: 'string', enum: [...BLER_MODEL_NAMES, 'all'], default: 'nr-ldpc', description: 'BLER model, or all (answer is then a list) (--model)' },
    receiver: { type: 'string', enum: ['ideal', 'conservative'], default: 'conservative', description: 'nr-ldpc receiver (--receiver)' },
    mcsTable: { type: 'string', enum: MCS_TABLE_NAMES, default: 'qam64', description: 'MCS table (--table)' },
    mcs: { type: 'integer', required: true, description: 'MCS index (--mcs)' },
    tbsBits: { type: 'integer', required: true, description: 'transport block size, bits 1..10^7 (--size)' },
    snrDb: { type: 'number', description: `SNR per RE in dB, ${SNR_DB.min}..${SNR_DB.max} (--snr); exactly one of snrDb and targetBler` },
    targetBler: { type: 'number', description: 'target BLER in [1e-12, 0.999] (--target)' },
  },
  run: async (p) => {
    const tb = p['targetBler'];
    if (tb !== undefined && !(typeof tb === 'number' && tb >= 1e-12 && tb <= 0.999)) invalidParams(`params.targetBler: expected a number in [1e-12, 0.999], got ${JSON.stringify(tb)}`, 'params.targetBler');
    const model = p['model'] ?? 'nr-ldpc';
    if (model === 'all') {
      const answers = BLER_MODEL_NAMES.map((m) => unwrap(blerAnswer({ ...p, model: m })));
      return { result: answers, unmet: false };
    }
    return { result: unwrap(blerAnswer(p)), unmet: false };
  },
};

const latencyMethod: MethodSpec = {
  name: 'latency',
  summary: 'one-way user-plane latency with its parts (ITU-R M.2412 / TR 37.910)',
  cli: 'phyclass latency --json',
  params: {
    direction: { type: 'string', enum: ['DL', 'UL'], default: 'DL', description: '--direction' },
    duplex: { type: 'string', enum: ['FDD', 'TDD'], default: 'FDD', description: '--duplex' },
    tddPattern: { type: 'string', description: 'TDD slot pattern of D/S/U letters (--tdd; TDD only)' },
    specialSlot: { type: 'string', description: "special-slot symbols '<n>D:<n>G:<n>U' (--special; TDD only)" },
    mu: { type: 'integer', default: 1, description: 'numerology 0..6 (--mu)' },
    ttiSymbols: { type: 'integer', default: 14, description: 'TTI symbols 1..14 (--tti)' },
    ueCapability: { type: 'integer', enum: [1, 2], default: 1, description: '--capability' },
    grant: { type: 'string', enum: ['dynamic', 'configured', 'sr'], default: 'dynamic', description: '--grant' },
    transmissions: { type: 'integer', default: 1, description: 'HARQ transmissions 1..4 (--transmissions)' },
    alignment: { type: 'string', enum: ['average', 'worst'], default: 'average', description: 'frame alignment (--worst)' },
    timing: { type: 'string|object', description: "stack timing profile: 'spec-min' (default), 'srsran-default', 'srsran-low-latency', 'oai-default' or {k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs} (--timing)" },
  },
  run: async (p) => {
    const timing = p['timing'];
    if (timing !== undefined) {
      const e = validateTiming(timing, 'params.timing');
      if (e !== null) invalidParams(e.message, e._tag === 'InvalidInput' ? e.field : 'params.timing');
    }
    const duplex = choice(p, 'duplex', ['FDD', 'TDD'] as const, 'FDD');
    const tdd = p['tddPattern'];
    const special = p['specialSlot'];
    if (tdd !== undefined && typeof tdd !== 'string') invalidParams(`params.tddPattern: expected a string, got ${JSON.stringify(tdd)}`, 'params.tddPattern');
    if (special !== undefined && typeof special !== 'string') invalidParams(`params.specialSlot: expected a string, got ${JSON.stringify(special)}`, 'params.specialSlot');
    if (duplex === 'FDD' && (tdd !== undefined || special !== undefined)) invalidParams('params.tddPattern: tddPattern/specialSlot only with duplex TDD', 'params.tddPattern');
    const q: UserPlaneLatencyInput = {
      direction: choice(p, 'direction', ['DL', 'UL'] as const, 'DL'),
      duplex,
      ...(typeof tdd === 'string' ? { tddPattern: tdd.toUpperCase() } : {}),
      ...(typeof special === 'string' ? { specialSlot: special } : {}),
      mu: choice(p, 'mu', [0, 1, 2, 3, 4, 5, 6] as const, 1),
      ttiSymbols: int(p, 'ttiSymbols', 1, 14, 14),
      ueCapability: choice(p, 'ueCapability', [1, 2] as const, 1),
      grant: choice(p, 'grant', ['dynamic', 'configured', 'sr'] as const, 'dynamic'),
      transmissions: int(p, 'transmissions', 1, 4, 1),
      alignment: choice(p, 'alignment', ['average', 'worst'] as const, 'average'),
      ...(timing !== undefined ? { timing: timing as StackTiming } : {}),
    };
    return { result: unwrap(latencyAnswer(q)), unmet: false };
  },
};

const planMethod: MethodSpec = {
  name: 'plan',
  summary: 'least-cost PHY class for one service, verified; or why none exists',
  cli: 'phyclass plan <service> --json',
  params: { service: SERVICE, link: LINK, stack: STACK, relaxations: { type: 'boolean', default: true, description: 'search relaxations when infeasible (--no-relaxations)' } },
  run: async (p) => {
    const s = await serviceParam(p);
    const link = linkParam(p);
    const a = planAnswer(s, link, bool(p, 'relaxations', true), await stackPlanOpts(p, s.direction, link));
    return { result: a, unmet: planAnswerUnmet(a) };
  },
};

const verifyMethod: MethodSpec = {
  name: 'verify',
  summary: 'verify a PHY class (default: the planned one) for a service, per packet size',
  cli: 'phyclass verify <service> --json',
  params: { service: SERVICE, link: LINK, stack: STACK, class: { type: 'object', description: "PhyClass (as 'plan' returns under phyClass), or {phyClass}" } },
  run: async (p) => {
    const s = await serviceParam(p);
    const link = linkParam(p);
    let given: PhyClass | null = null;
    if (p['class'] !== undefined) {
      const u = p['class'];
      const obj = typeof u === 'object' && u !== null && 'phyClass' in u ? (u as { phyClass: unknown }).phyClass : u;
      const dc = decodePhyClass(obj, 'params.class');
      if (E.isLeft(dc)) invalidParams(oneLine(dc.left.message), 'params.class');
      given = dc.right;
    }
    const a = verifyAnswer(s, link, given, await stackPlanOpts(p, s.direction, link));
    return { result: a, unmet: planAnswerUnmet(a) };
  },
};

const classesMethod: MethodSpec = {
  name: 'classes',
  summary: 'plan every service, derive at most K class templates, verify each (the main job)',
  cli: 'phyclass classes --json',
  params: { link: LINK, stack: STACK, services: SERVICES, only: ONLY, maxClasses: MAX_CLASSES, strict: { type: 'boolean', default: false, description: 'unmet when a service is infeasible (--strict)' } },
  run: async (p) => {
    const link = linkParam(p);
    const list = await servicesParam(p);
    const K = int(p, 'maxClasses', 1, 64, 4);
    const stack = stackParam(p);
    const planOptions = stack === undefined ? undefined : (await import('../export/stacks.js')).stackSearchOptions(stack, link);
    const { answer } = classesAnswer(list, link, K, planOptions === undefined ? {} : { planOptions });
    return { result: answer, unmet: classesUnmet(answer, bool(p, 'strict', false)) };
  },
};

const classifyMethod: MethodSpec = {
  name: 'classify',
  summary: 'classify one packet with the compiled runtime classifier (derived once per plan inputs and cached)',
  cli: 'phyclass classify <service> <size> --json',
  params: {
    service: { type: 'string', required: true, description: 'service id' },
    size: { type: 'integer|string', required: true, description: 'packet size: bytes, or "25 kB"' },
    link: LINK,
    services: SERVICES,
    only: ONLY,
    maxClasses: MAX_CLASSES,
  },
  run: async (p, session) => {
    const link = linkParam(p);
    const K = int(p, 'maxClasses', 1, 64, 4);
    const key = JSON.stringify([link, p['services'] ?? null, p['only'] ?? null, K]);
    let c = session.classifiers.get(key);
    if (c === undefined) {
      const list = await servicesParam(p);
      // the system plan's classifier, as the CLI's classify (what 'classes' admits and verifies)
      const { deriveSystem } = await import('../system/derive.js');
      c = { classify: compileClassifier(deriveSystem(list, link, { maxClasses: K }).servedPlan), serviceIds: new Set(list.map((s) => s.id)) };
      if (session.classifiers.size >= SESSION_CLASSIFIERS) session.classifiers.delete(session.classifiers.keys().next().value as string);
    } else session.classifiers.delete(key);
    session.classifiers.set(key, c);
    const id = p['service'];
    if (typeof id !== 'string' || !c.serviceIds.has(id)) return invalidParams(`params.service: unknown service ${JSON.stringify(id)}`, 'params.service');
    const sz = p['size'];
    if (typeof sz !== 'number' && typeof sz !== 'string') return invalidParams(`params.size: expected a number of bytes or a size such as "25 kB", got ${JSON.stringify(sz)}`, 'params.size');
    const size = await parseBytesArg('params.size', String(sz));
    const a = classifyAnswer(c.classify, id, size);
    return { result: a, unmet: a.status !== 'ok' };
  },
};

const simulateMethod: MethodSpec = {
  name: 'simulate',
  summary: 'simulate a scenario slot by slot (deadline ratios with confidence intervals)',
  cli: 'phyclass simulate <scenario.json> --json',
  params: {
    scenario: { type: 'object', required: true, description: 'scenario (as the scenario JSON file)' },
    seed: { type: 'integer', default: 1, description: 'random seed 0..2^32-1 (--seed)' },
    slots: { type: 'integer', description: "slots 1..1e8 (--slots; default the scenario's)" },
  },
  run: async (p) => {
    const seed = int(p, 'seed', 0, 2 ** 32 - 1, 1);
    const slots = p['slots'] === undefined ? undefined : int(p, 'slots', 1, 100_000_000);
    const { simulate } = await import('../scheduler/simulate.js');
    const r = simulate(p['scenario'], { seed, ...(slots === undefined ? {} : { slots }) });
    if (E.isLeft(r)) return invalidParams(`params.scenario: ${r.left.message}`, 'params.scenario');
    return { result: r.right, unmet: r.right.services.some((g) => g.target === 'missed') };
  },
};

const exportMethod: MethodSpec = {
  name: 'export',
  summary: 'the text `phyclass export --target <t>` prints (C header or stack fragments), as {target, text}',
  cli: 'phyclass export --target <t>',
  params: {
    target: { type: 'string', enum: EXPORT_TARGETS, required: true, description: '--target' },
    plan: { type: 'object', description: "class plan: the result of 'classes' or a bare ClassPlan (--plan); default: derived" },
    link: LINK,
    stack: STACK,
    services: SERVICES,
    only: ONLY,
    maxClasses: MAX_CLASSES,
  },
  run: async (p) => {
    const target = choice<ExportTarget>(p, 'target', EXPORT_TARGETS);
    const link = linkParam(p);
    let src;
    if (p['plan'] !== undefined) src = planSourceFrom('params.plan', p['plan'], null);
    else {
      // the system plan without the application-side relaxations 'classes' computes (~1 s an export never prints)
      src = derivedPlanSource(await servicesParam(p), link, int(p, 'maxClasses', 1, 64, 4), stackParam(p));
    }
    const services = target === 'c' ? [] : await servicesParam({ services: p['services'] });
    return { result: { target, text: exportText(target, src, services, link) }, unmet: false };
  },
};

const servicesMethod: MethodSpec = {
  name: 'services',
  summary: 'the built-in service catalogue (profiles)',
  cli: 'phyclass services --json',
  params: {},
  run: async () => ({ result: catalogue, unmet: false }),
};

const describeMethod: MethodSpec = {
  name: 'describe',
  summary: 'the methods of this server and their parameter schemas',
  cli: '-',
  params: {},
  run: async () => ({ result: describeMethods(), unmet: false }),
};

/** Every method of `phyclass serve`, in `describe` order. Add new verbs here (see the header). */
export const METHODS: readonly MethodSpec[] = [
  describeMethod,
  planMethod,
  verifyMethod,
  classesMethod,
  { ...classesMethod, name: 'derive', summary: 'alias of classes' },
  classifyMethod,
  tbsMethod,
  blerMethod,
  latencyMethod,
  simulateMethod,
  exportMethod,
  servicesMethod,
];

/** The answer of `describe`. */
export function describeMethods(): { protocol: string; methods: { name: string; summary: string; cli: string; params: Readonly<Record<string, ParamSchema>> }[] } {
  return {
    protocol: 'newline-delimited JSON: {"id","method","params"} -> {"id","result"[,"unmet":true]} or {"id","error":{"code","message","field"}}',
    methods: METHODS.map((m) => ({ name: m.name, summary: m.summary, cli: m.cli, params: m.params })),
  };
}

/** Run one method by name: decode, answer, or throw a MethodError (never anything else). */
export async function callMethod(name: string, params: Readonly<Record<string, unknown>>, session: Session): Promise<MethodResult> {
  const m = METHODS.find((x) => x.name === name);
  if (m === undefined) throw new MethodError('unknown-method', `unknown method ${JSON.stringify(name).slice(0, 80)} (known: ${METHODS.map((x) => x.name).join(', ')})`, 'method');
  try {
    checkKeys(params, m);
    return await m.run(params, session);
  } catch (e) {
    if (e instanceof MethodError) throw e;
    if (e instanceof CliInputError) throw new MethodError('invalid-params', e.message, fieldOf(e.message));
    throw new MethodError('internal-error', `internal error (please report): ${messageOf(e).split('\n')[0] ?? ''}`, null);
  }
}
