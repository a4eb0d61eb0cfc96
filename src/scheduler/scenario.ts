/**
 * Simulation scenarios: the JSON a user writes (io-ts codec; every error names its path) and its
 * resolution into a scheduler configuration — services from the catalogue or inline profiles,
 * PHY classes planned per service (`plan`), derived for the whole mix (`deriveClasses`) or given
 * explicitly (PhyClass objects as `phyclass plan --json` prints them), the carrier's bandwidth
 * parts, HARQ/processing timings from the user-plane latency model (ITU-R M.2412 / TR 37.910 parts
 * of src/link/latency.ts) and the transmission error model from src/link (BLER of the class's
 * MCS and TBS at the drawn SNR). Model: spec/scheduler.md.
 */
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { PhyError } from '../core/errors.js';
import { decodeError, invalidInput, leftInvalid } from '../core/errors.js';
import type { Direction, Mu } from '../core/types.js';
import { MAX_ARRIVALS_PER_TICK, MAX_PACKETS_PER_RUN, MAX_QUEUED_PACKETS, MAX_SIM_UES, MAX_SLOTS, MAX_UES_PER_SERVICE, intRangeText, isIntIn } from '../core/ranges.js';
import { transportBlockSize } from '../nr/tbs.js';
import { decodeWith, literalCodec } from '../codecs/decode.js';
import { ServiceProfileCodec } from '../codecs/service.js';
import { PhyClassCodec } from '../codecs/phyClass.js';
import { DbCodec, MHzCodec, PositiveMsCodec, parseDb, quantityCodec } from '../codecs/quantity.js';

/** A level in dB >= 0 (a number or "6 dB"). */
const NonNegativeDbCodec = quantityCodec('NonNegativeDb', (u) => parseDb(u), (n) => (n >= 0 ? null : '>= 0 dB'));
import { unknownKeyErrors } from '../codecs/strict.js';
import '../codecs/known-keys.js'; // registers the service profile keys for unknownKeyErrors
import type { ServiceProfile } from '../services/catalogue.js';
import { serviceById } from '../services/catalogue.js';
import { eligibleFiveQis, fiveQiById } from '../services/fiveqi.js';
import type { LinkContext } from '../classes/link.js';
import { LinkInputCodec, decodeLinkContext, dmrsAdditionalPositionFor, inconsistentLink, latencySlotFields, layersFor } from '../classes/link.js';
import { linkForService, snrPerReDb, ulFullPowerSnrAt1PrbDb } from '../link/budget.js';
import type { PhyClass } from '../classes/types.js';
import { plan } from '../classes/planner.js';
import { deriveClasses } from '../classes/derive.js';
import { allocationFor } from '../classes/allocation.js';
import type { BlerModel } from '../link/bler.js';
import { blerModel, tbFromCb } from '../link/bler.js';
import { ldpcSegmentation } from '../nr/ldpc.js';
import { dataSymbols, payloadCodedBits } from '../nr/allocation.js';
import { mcsEntry } from '../nr/mcs.js';
import { tryUserPlaneLatency } from '../link/latency.js';
import { DEFAULT_TDD_PATTERN, DL_CONTROL_SYMBOLS } from '../nr/slotPattern.js';
import { maxPrb } from '../nr/carrier.js';
import type { SchedulerBwp, SchedulerCarrier } from './grid.js';
import type { PolicyName } from './policies.js';
import { POLICY_NAMES, policyByName } from './policies.js';
import { markNonIncreasingInSnr, type SchedulerClass, type SchedulerConfig, type SchedulerFlow, type TxErrorModel } from './state.js';
import type { TrafficProfile } from './traffic.js';
import type { SimFlowInputs } from './run.js';
import { DEFAULT_MOBILITY, mobilityDopplerHz } from '../link/correlation.js';

const lit = <A extends string | number>(values: readonly A[], name: string): t.Type<A, A, unknown> => literalCodec(name, values);

const num = (name: string, ok: (n: number) => boolean, expected: string): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isFinite(u) && ok(u),
    (u, c) => (typeof u === 'number' && Number.isFinite(u) && ok(u) ? t.success(u) : t.failure(u, c, expected)),
    t.identity,
  );

const PosInt = num('PositiveInt', (n) => Number.isSafeInteger(n) && n >= 1, 'an integer >= 1');
const NonNegInt = num('NonNegativeInt', (n) => Number.isSafeInteger(n) && n >= 0, 'an integer >= 0');
const NonNeg = num('NonNegative', (n) => n >= 0, 'a finite number >= 0');
const MuCodec = lit<Mu>([0, 1, 2, 3, 4, 5, 6], 'Mu');

const BwpCodec = t.intersection([
  t.type({
    /** Numerology mu, 0..6: subcarrier spacing 15·2^mu kHz (TS 38.211 §4.2). Classes are placed on the first BWP of their mu. */
    mu: MuCodec,
  }),
  t.partial({
    /** BWP name in the report (default `bwp<i>`, i = position in `carrier.bwps`). */
    id: t.string,
    /** Size in PRBs, integer 1..275; default the maximum N_RB of `bandwidthMHz` at this SCS (TS 38.101-1/-2 Table 5.3.2-1). */
    nPrb: num('nPrb', (n) => Number.isInteger(n) && n >= 1 && n <= 275, 'an integer in 1..275'),
    /** Bandwidth in MHz (> 0; a number or "20 MHz") used only to derive `nPrb` when that is absent; default `link.bandwidthMHz`. */
    bandwidthMHz: MHzCodec,
  }),
]);

const CarrierCodec = t.partial({
  /** 'FDD' (paired DL and UL planes) or 'TDD' (one plane following `tddPattern`); default `link.duplex`. */
  duplex: lit(['FDD', 'TDD'] as const, 'Duplex'),
  /** TDD only: slot pattern of 'D', 'U', 'S' letters, repeated (cf. TS 38.213 §11.1); default `link.tddPattern`, else 'DDDSU'. */
  tddPattern: t.string,
  /** TDD only: numerology 0..6 in which the pattern's slots are counted (at most the finest BWP's); default the smallest BWP mu. */
  tddPatternMu: MuCodec,
  /** PDCCH symbols at the start of every slot that begins in the downlink, never granted to data; integer 0..3, default 2. */
  controlSymbols: num('controlSymbols', (n) => Number.isInteger(n) && n >= 0 && n <= 3, 'an integer in 0..3'),
  /** TDD only: OFDM symbols of a special slot 'S' as downlink / guard / uplink, integers >= 0 summing to 14; default 10/2/2. */
  specialSlot: t.type({
    /** Downlink symbols at the start of the special slot. */
    dl: NonNegInt,
    /** Guard symbols (no transmission) between the downlink and uplink parts. */
    guard: NonNegInt,
    /** Uplink symbols at the end of the special slot. */
    ul: NonNegInt,
  }),
  /** Bandwidth parts on disjoint frequency ranges (TS 38.211 §4.4.5); default one BWP per numerology of the classes, the carrier's PRBs split equally between them (noted). */
  bwps: t.array(BwpCodec),
});

const ScenarioServiceCodec = t.intersection([
  t.type({
    /** A catalogue service id (see `phyclass services`) or an inline ServiceProfile; each service at most once per scenario. */
    service: t.union([t.string, ServiceProfileCodec]),
  }),
  t.partial({
    /** UEs running this service, one flow each; integer 1..100,000 (core/ranges MAX_UES_PER_SERVICE), default the profile's `ueCount`, else 1. */
    ueCount: num('ueCount', (n) => isIntIn(n, { min: 1, max: MAX_UES_PER_SERVICE }), intRangeText({ min: 1, max: MAX_UES_PER_SERVICE })),
    /** Mean SNR of this service's UEs in dB (before fading; a number or "15 dB"); default `link.snrDb`. */
    meanSnrDb: DbCodec,
    /** Spread of the UEs' mean SNRs in dB (a number or "6 dB"), >= 0, default 0: UE k of n gets meanSnrDb + snrSpreadDb·(k/(n-1) - 0.5), i.e. evenly over ±snrSpreadDb/2. */
    snrSpreadDb: NonNegativeDbCodec,
    /** Messages larger than this many bytes arrive as ceil(size/segmentBytes) packets sharing one deadline; integer >= 0, default 0 = never segmented. */
    segmentBytes: NonNegInt,
    /**
     * Configured-grant classes: period of the UE's CG occasions, ms (> 0). Default: an occasion every TTI (type B) or
     * slot (type A), the spacing the latency model and `verify` assume, stretched to several TTIs when the UEs of the
     * occasion grid need more PRBs than the BWP has (noted in the report).
     */
    cgPeriodMs: PositiveMsCodec,
    /**
     * Periodic services: the first nominal arrival of every UE, ms (>= 0; default a random phase per UE in
     * [0, period)). The same phase for all services simulates frame-synchronous bursts (spec/system.md §5).
     */
    phaseMs: NonNeg,
    /**
     * TDM windows of a frame-synchronous service (spec/system.md §2.3, needs `phaseMs` and `tdmWindowMs`):
     * UE k is in window j = ⌊k / ⌈n/G⌉⌋; its packets are released at phaseMs + jitter + j·tdmWindowMs (each
     * period, without jitter) with a budget of tdmWindowMs — the window the system proof serves it in.
     */
    tdmGroups: NonNegInt,
    /** Length of one TDM window, ms (> 0). */
    tdmWindowMs: PositiveMsCodec,
    /** Explicit classes only: id of the class serving this service. */
    class: t.string,
  }),
]);

const ClassOptionCodec = t.partial({
  /** Priority level, >= 0, lower = higher priority; default the best (lowest) TS 23.501 priority level of the class's services (`priorityLevelOf`), at most 127. */
  priority: NonNeg,
  /** Mini-slot transmissions of the class may puncture pre-emptible ones under a '+preemption' policy; default true for mapping type B. */
  preempts: t.boolean,
  /** Transmissions of the class may be punctured by pre-empting ones; default true for mapping type A. */
  preemptible: t.boolean,
});

/**
 * io-ts codec of a simulation scenario (the JSON `phyclass simulate` reads); decode it with
 * `decodeScenario`, resolve it with `buildSimulation`. Model: spec/scheduler.md.
 */
export const ScenarioCodec = t.intersection([
  t.type({
    /** The services simulated, at least one; each UE runs one service (one flow per UE). */
    services: t.array(ScenarioServiceCodec),
    /** Scheduling policy: one of POLICY_NAMES ('edf', 'priority', 'pf', each optionally '+preemption'). */
    policy: lit<PolicyName>(POLICY_NAMES, 'Policy'),
  }),
  t.partial({
    /** Scenario name shown in the report; default 'scenario'. */
    name: t.string,
    /** Free text for the reader of the file (what the scenario is for, e.g. that it is a stress case); ignored by the simulator. */
    about: t.string,
    /** Link context (classes' LinkContext input; defaults for every field). */
    link: t.unknown,
    /** Carrier: duplex, TDD pattern, control symbols and bandwidth parts; defaults from `link` and the classes' numerologies. */
    carrier: CarrierCodec,
    /** 'plan' (default): each service's cheapest verified class; 'derive': a shared class set from `deriveClasses`; or an explicit PhyClass list (then every service names its `class`). */
    classes: t.union([lit(['derive', 'plan'] as const, 'ClassSource'), t.array(PhyClassCodec)]),
    /** `classes: 'derive'` only: maximum number of classes, integer >= 1, default 4. */
    maxClasses: PosInt,
    /** Slots to simulate (ticks: slots of the finest BWP numerology), integer 1..1e9 (core/ranges MAX_SLOTS); default 10,000. */
    slots: num('slots', (n) => isIntIn(n, { min: 1, max: MAX_SLOTS }), intRangeText({ min: 1, max: MAX_SLOTS })),
    /** HARQ processes per UE and direction (TS 38.214 §5.1 / §6.1): 8 or 16, default 16. */
    harqProcesses: lit([8, 16] as const, 'HarqProcesses'),
    /** Block-fading coherence in slots (one draw per UE per block; 0 = a draw per transmission). Default: following link.harqFading — a per-UE Jakes process at the service's Doppler read at each transmission ('correlated', the default), a draw per TB ('same') or per transmission ('independent'). */
    coherenceSlots: NonNegInt,
    /** Packets per flow queue beyond which arrivals are dropped ('queue-full'), integer 1..1e9; default 10,000 (the sum over flows is bounded: see checkWorkload). */
    queueLimit: num('queueLimit', (n) => isIntIn(n, { min: 1, max: 1e9 }), 'an integer in 1..1000000000'),
    /** Per class id: overrides of its priority level and pre-emption roles. */
    classOptions: t.record(t.string, ClassOptionCodec),
  }),
]);

/** A decoded scenario (the type of ScenarioCodec); field meanings and defaults on the codec. */
export type Scenario = t.TypeOf<typeof ScenarioCodec>;

/** A scenario resolved into what the simulation core runs. */
export interface BuiltSimulation {
  /** The scenario's name (default 'scenario'). */
  readonly name: string;
  /** The scheduler configuration: carrier, classes, flows (one per UE), policy, error model, fading. */
  readonly config: SchedulerConfig;
  /** Per-flow traffic profiles and the services' ids and target error probabilities, in report order. */
  readonly inputs: SimFlowInputs;
  /** Slots to simulate by default (the scenario's `slots`, default 10,000). */
  readonly slots: number;
  /** The decoded link context (defaults filled in). */
  readonly link: LinkContext;
  /** The PHY classes used, their BWP and the services each serves. */
  readonly classes: readonly {
    /** The class as planned, derived or given. */
    readonly phyClass: PhyClass;
    /** Its scheduler form: BWP index, timings, priority level, pre-emption roles. */
    readonly scheduler: SchedulerClass;
    /** Ids of the services this class serves. */
    readonly services: readonly string[];
  }[];
  /** Remarks of the resolution (shortened DL TTIs, split carrier, stretched CG periods). */
  readonly notes: readonly string[];
}

/**
 * Decode a scenario (JSON value); errors name the path, e.g. `services[1].ueCount`. Keys the
 * scenario format does not know (here, in `link`, in inline services and explicit classes) are
 * refused with the closest known key: `services[0].ueCnt: expected a known key (did you mean ueCount?), got an unknown key`.
 */
export function decodeScenario(u: unknown): E.Either<PhyError, Scenario> {
  const r = decodeWith(ScenarioCodec, u);
  if (E.isLeft(r)) return r;
  const unknown = [...unknownKeyErrors(ScenarioCodec, u), ...unknownKeyErrors(LinkInputCodec, r.right.link, 'link')];
  return unknown.length > 0 ? E.left(decodeError(unknown)) : r;
}

const prefixed = (prefix: string, e: PhyError): PhyError =>
  e._tag === 'DecodeError' ? decodeError(e.errors.map((m) => `${prefix}.${m}`)) : e._tag === 'InvalidInput' ? { ...e, field: `${prefix}.${e.field}`, message: `${prefix}.${e.field}: expected ${e.expected}, got ${e.got}` } : { ...e, field: `${prefix}.${e.field}`, message: `${prefix}.${e.message}` };

/** Scheduler timings of a class from the user-plane latency model (spec/scheduler.md §Timing). */
export function classTimings(c: PhyClass, link: LinkContext): E.Either<PhyError, {
  /** From the end of a transmission to the earliest start of its retransmission, ms (HARQ part of 2 transmissions at worst alignment, minus one TTI). */
  harqRttMs: number;
  /** From a packet's arrival to the earliest start of its first transmission, ms (DL: gNB processing; UL: the SR, grant, PDCCH and UE-processing parts of the grant type). */
  accessDelayMs: number;
  /** From the end of the successful transmission to delivery (receiver processing), ms. */
  rxProcessingMs: number;
}> {
  const base = {
    direction: c.direction,
    duplex: link.duplex,
    mu: c.mu,
    ttiSymbols: c.ttiSymbols,
    ueCapability: link.ueCapability,
    grant: c.direction === 'DL' ? ('dynamic' as const) : c.grant,
    ...latencySlotFields(link),
    dmrsAdditionalPosition: dmrsAdditionalPositionFor(link, c.mappingType),
  };
  const one = tryUserPlaneLatency({ ...base, transmissions: 1, alignment: 'average' });
  if (E.isLeft(one)) return one;
  const two = tryUserPlaneLatency({ ...base, transmissions: 2, alignment: 'worst' });
  if (E.isLeft(two)) return two;
  const p = one.right.parts;
  const part = (k: string): number => p[k] ?? 0;
  const ttiMs = (c.ttiSymbols / 14) * Math.pow(2, -c.mu);
  // Access: everything before the transmission except the alignment to the TTI grid, which the simulator models itself.
  const access = c.direction === 'DL'
    ? part('bsTx')
    : part('srAlignment') + part('sr') + part('bsGrant') + part('pdcchAlignment') + part('pdcch') + part('ueTx');
  return E.right({
    harqRttMs: Math.max(0, (two.right.parts['harq'] ?? 0) - ttiMs),
    accessDelayMs: access,
    rxProcessingMs: c.direction === 'DL' ? part('ueRx') : part('bsRx'),
  });
}

/** Fallback priority level for a flow with no standardized 5QI it is eligible for (that of 5QI 9, the default bearer). */
export const DEFAULT_PRIORITY_LEVEL = 90;

/**
 * Priority level (TS 23.501 §5.7.3.3, Table 5.7.4-1; lower = higher priority) of a service: its
 * 5QI's level; without one, the level of the best standardized 5QI whose PDB and PER it fits
 * (`eligibleFiveQis`); else DEFAULT_PRIORITY_LEVEL.
 */
export function priorityLevelOf(s: ServiceProfile): number {
  if (s.fiveQi !== null) {
    const q = fiveQiById(s.fiveQi);
    if (O.isSome(q)) return q.value.priority;
  }
  const el = eligibleFiveQis({ burstBytes: Math.max(...s.payload.sizesBytes), radioBudgetMs: s.latencyBudgetMs, epsilon: s.epsilon });
  return el[0]?.priority ?? DEFAULT_PRIORITY_LEVEL;
}

function resolveServices(sc: Scenario): E.Either<PhyError, ServiceProfile[]> {
  const out: ServiceProfile[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < sc.services.length; i++) {
    const s = sc.services[i]!;
    let prof: ServiceProfile;
    if (typeof s.service === 'string') {
      const found = serviceById(s.service);
      if (O.isNone(found)) return leftInvalid(`services[${i}].service`, 'a catalogue service id (see `phyclass services`) or an inline profile', s.service);
      prof = found.value;
    } else prof = s.service;
    if (seen.has(prof.id)) return leftInvalid(`services[${i}].service`, 'a service not listed twice', prof.id);
    seen.add(prof.id);
    out.push({ ...prof, ueCount: s.ueCount ?? prof.ueCount ?? 1 });
  }
  if (out.length === 0) return leftInvalid('services', 'at least one service', []);
  return E.right(out);
}

/**
 * `model.transportBlockErrorRate` with the LDPC segmentation (TS 38.212 §5.2.2) cached per (MCS
 * table, MCS, TBS): the model memoises only its last query, and a simulation alternates between
 * classes and sizes. Same arithmetic as src/link/bler.ts — code block of K' bits with
 * E = round(K'/R) coded bits, block error `model.blockError`, combined over the C code blocks by
 * `tbFromCb` — so the value is identical (tested against the model).
 */
export function cachedTbError(model: BlerModel): TxErrorModel {
  const cache = new Map<number, { qm: number; r: number; k: number; c: number; n: number } | null>();
  const tableIndex = (t: string): number => (t === 'qam64' ? 0 : t === 'qam256' ? 1 : t === 'qam64LowSE' ? 2 : t === 'qam1024' ? 3 : -1);
  // the last key and its entry (a decode often repeats the previous one's TB size): no map lookup then
  let lastKey = -1;
  let lastE: { qm: number; r: number; k: number; c: number; n: number } | null = null;
  return (mcsTable, mcs, tbsBits, snrDb) => {
    const ti = tableIndex(mcsTable);
    if (ti < 0 || !(tbsBits >= 1) || tbsBits > 1e9 || !Number.isInteger(tbsBits) || !Number.isInteger(mcs) || mcs < 0 || mcs > 31) {
      return model.transportBlockErrorRate({ mcsTable, mcs, tbsBits, snrDb });
    }
    const key = (tbsBits * 32 + mcs) * 4 + ti;
    let e = key === lastKey ? lastE : cache.get(key);
    if (e === undefined) {
      const m = mcsEntry(mcsTable, mcs);
      if (O.isNone(m)) e = null;
      else {
        const r = m.value.rateX1024 / 1024;
        const seg = ldpcSegmentation(tbsBits, m.value.rateX1024);
        e = { qm: m.value.qm, r, k: seg.kPrime, c: seg.codeBlocks, n: payloadCodedBits(tbsBits, seg.codeBlocks, m.value.rateX1024, m.value.qm) / m.value.qm };
      }
      cache.set(key, e);
    }
    lastKey = key;
    lastE = e;
    if (e === null) return model.transportBlockErrorRate({ mcsTable, mcs, tbsBits, snrDb });
    return tbFromCb(model.blockError(e.qm, e.k, e.n, snrDb, e.r), e.c);
  };
}

/**
 * Check an explicit class against the 3GPP tables and the carrier (issue 17): the MCS row exists in
 * its table (TS 38.214 Tables 5.1.3.1-1..4) with the class's Qm and R; `nPrb` fits the BWP of its
 * numerology; `nRePerPrb` is min(156, 12·N_symb^sh − DMRS − xOverhead) and `tbsBits` is the TBS of
 * TS 38.214 §5.1.3.2 for those values (the same computation `verify` re-does; N_symb^sh from
 * nr/allocation: a slot-based DL class has 14 − controlSymbols data symbols). A class that
 * disagrees is refused rather than simulated with numbers that describe no real allocation.
 */
export function checkExplicitClass(c: PhyClass, bwps: readonly SchedulerBwp[], controlSymbols: number = DL_CONTROL_SYMBOLS): PhyError | undefined {
  const m = mcsEntry(c.mcsTable, c.mcs);
  if (O.isNone(m)) return invalidInput('mcs', `a non-reserved MCS index of ${c.mcsTable}`, c.mcs);
  if (m.value.qm !== c.qm) return invalidInput('qm', `${m.value.qm} (the Qm of ${c.mcsTable} MCS ${c.mcs})`, c.qm);
  if (m.value.rateX1024 !== c.rateX1024) return invalidInput('rateX1024', `${m.value.rateX1024} (the R x1024 of ${c.mcsTable} MCS ${c.mcs})`, c.rateX1024);
  const bwp = bwps.find((b) => b.mu === c.mu);
  if (bwp !== undefined && c.nPrb > bwp.nPrb) return invalidInput('nPrb', `at most ${bwp.nPrb} (the PRBs of BWP ${bwp.id}, mu ${c.mu})`, c.nPrb);
  const dmrs = c.nDmrsRePerPrb ?? 0;
  const oh = c.nOverheadRePerPrb ?? 0;
  const nSym = dataSymbols(c.direction, c.mappingType, c.ttiSymbols, controlSymbols);
  const re = Math.min(156, 12 * nSym - dmrs - oh);
  if (c.nRePerPrb !== re) return invalidInput('nRePerPrb', `${re} (min(156, 12 x ${nSym} data symbols - ${dmrs} DMRS - ${oh} overhead REs), TS 38.214 5.1.3.2)`, c.nRePerPrb);
  const tbs = transportBlockSize({ mcsTable: c.mcsTable, mcs: c.mcs, nPrb: c.nPrb, nSymbols: nSym, nDmrsRePerPrb: dmrs, nOverheadRePerPrb: oh, nLayers: c.nLayers, scaling: 1 });
  if (E.isLeft(tbs)) return tbs.left;
  if (tbs.right !== c.tbsBits) return invalidInput('tbsBits', `${tbs.right} (the TS 38.214 5.1.3.2 TBS of ${c.mcsTable} MCS ${c.mcs}, ${c.nPrb} PRBs, ${nSym} data symbols, ${c.nLayers} layer${c.nLayers === 1 ? '' : 's'})`, c.tbsBits);
  return undefined;
}

/**
 * Resource check of a built simulation before it runs `slots` ticks (issue 17; limits and their
 * arithmetic in src/core/ranges.ts and spec/codecs.md §7): arrivals per tick, packets per run and
 * packets that can be queued at once, each from the flows' periods (expected counts; a Poisson
 * flow uses its mean) and the messages' segmentation. Refused in one line before any allocation.
 */
export function checkWorkload(b: BuiltSimulation, slots: number): E.Either<PhyError, void> {
  const maxMu = Math.max(0, ...b.config.carrier.bwps.map((x) => x.mu));
  const tickMs = Math.pow(2, -maxMu);
  const runMs = slots * tickMs;
  const queueLimit = b.config.queueLimit;
  let perTick = 0;
  let perRun = 0;
  let queued = 0;
  for (const p of b.inputs.traffic) {
    const maxBytes = Math.max(1, ...p.sizesBytes);
    const perMessage = p.segmentBytes > 0 ? Math.ceil(maxBytes / p.segmentBytes) : 1;
    const period = p.periodMs > 0 && Number.isFinite(p.periodMs) ? p.periodMs : 0;
    if (period === 0) return leftInvalid('services.periodMs', 'a period > 0 ms', p.periodMs);
    const msgsRun = Math.floor(runMs / period) + 1;
    perTick += Math.ceil(tickMs / period) * perMessage;
    perRun += msgsRun * perMessage;
    queued += Math.min(queueLimit, msgsRun * perMessage);
  }
  const describe = (n: number): string => (n >= 1e6 ? n.toExponential(2) : String(Math.round(n)));
  if (perTick > MAX_ARRIVALS_PER_TICK) {
    return leftInvalid('services', `at most ${MAX_ARRIVALS_PER_TICK} packet arrivals per ${tickMs} ms slot over all UEs (core/ranges MAX_ARRIVALS_PER_TICK: check periodMs, ueCount and segmentBytes)`, `${describe(perTick)} per slot`);
  }
  if (perRun > MAX_PACKETS_PER_RUN) {
    return leftInvalid('slots', `at most ${MAX_PACKETS_PER_RUN} packets per run (core/ranges MAX_PACKETS_PER_RUN: fewer slots, UEs or a longer periodMs)`, `${slots} slots carrying ${describe(perRun)} packets`);
  }
  if (queued > MAX_QUEUED_PACKETS) {
    return leftInvalid('queueLimit', `at most ${MAX_QUEUED_PACKETS} packets queued over all UEs (core/ranges MAX_QUEUED_PACKETS: sum over UEs of min(queueLimit, packets of the run); lower queueLimit or the UE count)`, `${describe(queued)} (queueLimit ${queueLimit}, ${b.inputs.traffic.length} UEs)`);
  }
  return E.right(undefined);
}

/** Resolve a decoded scenario into a runnable simulation. */
export function buildSimulation(u: unknown): E.Either<PhyError, BuiltSimulation> {
  const dec = decodeScenario(u);
  if (E.isLeft(dec)) return dec;
  const sc = dec.right;
  const linkE = decodeLinkContext(sc.link ?? {});
  if (E.isLeft(linkE)) return linkE; // its paths already start with 'link.'
  // one slot format for planning and simulating: a carrier special slot the TDD link leaves open is the link's too
  const link: LinkContext = sc.carrier?.specialSlot !== undefined && linkE.right.duplex === 'TDD' && linkE.right.specialSlot === undefined
    ? { ...linkE.right, specialSlot: sc.carrier.specialSlot }
    : linkE.right;
  // the carrier is a link too: the one consistency check (classes/link inconsistentLink), same message
  const carrierDuplex = sc.carrier?.duplex ?? link.duplex;
  const carrierPattern = carrierDuplex === 'TDD' ? (sc.carrier?.tddPattern ?? link.tddPattern) : sc.carrier?.tddPattern;
  const carrierSpecial = carrierDuplex === 'TDD' ? (sc.carrier?.specialSlot ?? link.specialSlot) : sc.carrier?.specialSlot;
  const carrierProblem = inconsistentLink({ ...(link.band !== undefined ? { band: link.band } : {}), fr: link.fr, duplex: carrierDuplex, tddPattern: carrierPattern, specialSlot: carrierSpecial });
  if (carrierProblem !== null) return E.left(carrierProblem);
  const svcE = resolveServices(sc);
  if (E.isLeft(svcE)) return svcE;
  const svcs = svcE.right;
  const totalUes = svcs.reduce((a, s) => a + (s.ueCount ?? 1), 0);
  if (totalUes > MAX_SIM_UES) {
    return leftInvalid('services', `at most ${MAX_SIM_UES} UEs in all (core/ranges MAX_SIM_UES: the simulator's per-UE state must fit in memory)`, `${totalUes} UEs`);
  }
  const notes: string[] = [];

  // 1. Classes and the service -> class map.
  let phyClasses: PhyClass[] = [];
  const classOfService = new Map<string, string>();
  const source = sc.classes ?? 'plan';
  if (source === 'plan') {
    for (let i = 0; i < svcs.length; i++) {
      const r = plan(svcs[i]!, link, { relaxations: false });
      if (E.isLeft(r)) return leftInvalid(`services[${i}]`, 'a service some class can serve', r.left.message);
      if (!phyClasses.some((c) => c.id === r.right.id)) phyClasses.push(r.right);
      classOfService.set(svcs[i]!.id, r.right.id);
    }
  } else if (source === 'derive') {
    const cp = deriveClasses(svcs, link, { maxClasses: sc.maxClasses ?? 4 });
    if (cp.unserved.length > 0) {
      return leftInvalid('classes', 'services that deriveClasses can serve', cp.unserved.map((x) => `${x.serviceId}: ${x.reason}`).join('; '));
    }
    phyClasses = [...cp.classes];
    for (const a of cp.assignments) classOfService.set(a.serviceId, a.classId);
  } else {
    phyClasses = source.map((c) => ({ fiveQi: null, nDmrsRePerPrb: 0, nOverheadRePerPrb: 0, ...c }) as PhyClass);
    for (let i = 0; i < sc.services.length; i++) {
      const want = sc.services[i]!.class;
      if (want === undefined) return leftInvalid(`services[${i}].class`, 'the id of one of the explicit classes', want);
      if (!phyClasses.some((c) => c.id === want)) return leftInvalid(`services[${i}].class`, `one of ${phyClasses.map((c) => c.id).join(', ')}`, want);
      classOfService.set(svcs[i]!.id, want);
    }
  }

  // 2. Carrier and bandwidth parts.
  const duplex = sc.carrier?.duplex ?? link.duplex;
  const controlSymbols = sc.carrier?.controlSymbols ?? DL_CONTROL_SYMBOLS; // (the control region the planner times DL mini-slots with)
  let bwps: SchedulerBwp[];
  if (sc.carrier?.bwps !== undefined && sc.carrier.bwps.length > 0) {
    bwps = [];
    for (let i = 0; i < sc.carrier.bwps.length; i++) {
      const b = sc.carrier.bwps[i]!;
      let n = b.nPrb;
      if (n === undefined) {
        const m = maxPrb(b.bandwidthMHz ?? link.bandwidthMHz, 15 * 2 ** b.mu, link.fr);
        if (E.isLeft(m)) return E.left(prefixed(`carrier.bwps[${i}]`, m.left));
        n = m.right;
      }
      bwps.push({ id: b.id ?? `bwp${i}`, mu: b.mu, nPrb: n });
    }
  } else {
    const mus = [...new Set(phyClasses.map((c) => c.mu))].sort((a, b) => a - b);
    bwps = [];
    for (const mu of mus) {
      const m = maxPrb(link.bandwidthMHz, 15 * 2 ** mu, link.fr);
      if (E.isLeft(m)) return E.left(prefixed('link', m.left));
      bwps.push({ id: `bwp-mu${mu}`, mu, nPrb: Math.max(1, Math.floor(m.right / mus.length)) });
    }
    if (mus.length > 1) notes.push(`classes use numerologies ${mus.join(', ')}: the carrier is split into ${mus.length} equal bandwidth parts (set carrier.bwps to choose)`);
  }
  const carrier: SchedulerCarrier = {
    duplex,
    controlSymbols,
    bwps,
    ...(duplex === 'TDD' ? { tddPattern: sc.carrier?.tddPattern ?? link.tddPattern ?? DEFAULT_TDD_PATTERN } : {}),
    ...(sc.carrier?.tddPatternMu !== undefined ? { tddPatternMu: sc.carrier.tddPatternMu } : {}),
    ...((sc.carrier?.specialSlot ?? link.specialSlot) !== undefined ? { specialSlot: sc.carrier?.specialSlot ?? link.specialSlot } : {}),
  };

  if (Array.isArray(source)) {
    for (let i = 0; i < phyClasses.length; i++) {
      const bad = checkExplicitClass(phyClasses[i]!, bwps, controlSymbols);
      if (bad !== undefined) return E.left(prefixed(`classes[${i}]`, bad));
    }
  }

  // 3. Scheduler classes: BWP, timings, priority level, pre-emption roles.
  const levelOf = (cid: string): number => Math.min(...svcs.filter((s) => classOfService.get(s.id) === cid).map(priorityLevelOf), 127);
  const schedClasses: SchedulerClass[] = [];
  for (let i = 0; i < phyClasses.length; i++) {
    const c = phyClasses[i]!;
    const bwp = bwps.findIndex((b) => b.mu === c.mu);
    if (bwp < 0) return leftInvalid(`classes[${i}].mu`, `a numerology of some carrier.bwps entry (${bwps.map((b) => b.mu).join(', ')})`, c.mu);
    const tm = classTimings(c, link);
    if (E.isLeft(tm)) return E.left(prefixed(`classes[${i}]`, tm.left));
    let tti = c.ttiSymbols;
    if (c.direction === 'DL' && c.mappingType === 'A' && tti > 14 - controlSymbols) {
      tti = 14 - controlSymbols;
      const planned = dataSymbols('DL', 'A', 14);
      notes.push(
        tti === planned || Array.isArray(source)
          ? `${c.id}: slot-based DL data occupies symbols ${controlSymbols}..13 after the PDCCH (the class's TBS counts ${tti} data symbols)`
          : `${c.id}: slot-based DL data occupies symbols ${controlSymbols}..13 after the PDCCH, but the class was planned for ${planned} data symbols (a ${14 - planned}-symbol control region)`,
      );
    }
    const opt = sc.classOptions?.[c.id] ?? {};
    schedClasses.push({
      id: c.id,
      direction: c.direction,
      bwp,
      mappingType: c.mappingType,
      ttiSymbols: tti,
      repetitions: c.repetitions,
      mcsTable: c.mcsTable,
      mcs: c.mcs,
      maxTransmissions: c.maxTransmissions,
      grant: c.direction === 'DL' ? 'dynamic' : c.grant,
      priority: opt.priority ?? levelOf(c.id),
      preempts: opt.preempts ?? c.mappingType === 'B',
      preemptible: opt.preemptible ?? c.mappingType === 'A',
      ...tm.right,
    });
  }

  // 4. Flows (one UE per flow) and traffic.
  const flows: SchedulerFlow[] = [];
  // Configured-grant flows sharing an occasion grid (BWP, direction, TTI) with the default period.
  const cgGroups = new Map<string, { ttiMs: number; nPrb: number; members: { flow: number; nPrb: number }[] }>();
  const traffic: TrafficProfile[] = [];
  let ue = 0;
  for (let i = 0; i < svcs.length; i++) {
    const s = svcs[i]!;
    const ss = sc.services[i]!;
    const ci = phyClasses.findIndex((c) => c.id === classOfService.get(s.id));
    if (ci < 0) return leftInvalid(`services[${i}]`, 'a service mapped to a class', s.id);
    const n = s.ueCount ?? 1;
    const spread = ss.snrSpreadDb ?? 0;
    const pc0 = phyClasses[ci]!;
    // the link budget (link/budget.ts) unless the scenario sets the service's mean SNR explicitly: the
    // DL is flat in the width; the UL mean is the power-control target, capped per transmission by
    // the UE's full power spread over its PRBs (ulPowerLimitDb, scheduler/step.ts)
    const sl = ss.meanSnrDb === undefined ? linkForService(link, s) : undefined;
    const mean = ss.meanSnrDb ?? (sl?.linkBudget !== undefined ? snrPerReDb(sl, s.direction, 1, pc0.mu) : link.snrDb);
    const ulLimitDb =
      sl?.linkBudget !== undefined && s.direction === 'UL' ? ulFullPowerSnrAt1PrbDb(sl.linkBudget, pc0.mu) - 10 * Math.log10(layersFor(sl, 'UL')) : undefined;
    const maxBytes = Math.max(...s.payload.sizesBytes);
    // Configured grant: by default an occasion every TTI (type B) or slot (type A) — what the
    // user-plane latency model (frame alignment of at most one TTI) and hence `verify` assume.
    const pc = phyClasses[ci]!;
    const ttiMs = (pc.mappingType === 'A' ? 1 : pc.ttiSymbols / 14) * Math.pow(2, -pc.mu);
    const cgPeriod = ss.cgPeriodMs ?? ttiMs;
    const sc0 = schedClasses[ci]!;
    // PRBs the flow holds per occasion (repetitions go on later occasions of its lane, same PRBs): the
    // widest allocation over the service's sizes, as verifySystem reserves it (system/verify ueWidthPrb).
    // Not always the largest packet's: a smaller packet can need more PRBs in fewer TTIs (e.g. 84 B on
    // 4 PRBs in one TTI beside 140 B on 3 PRBs in two), and on a lane sized for the largest it never fits.
    let cgSizeBytes = maxBytes;
    let cgPrb = allocationFor(pc, maxBytes).nPrb;
    for (const b of s.payload.sizesBytes) {
      const w = allocationFor(pc, b).nPrb;
      if (w > cgPrb) {
        cgPrb = w;
        cgSizeBytes = b;
      }
    }
    const tdmG = ss.tdmGroups ?? 1;
    if (tdmG > 1) {
      if (ss.tdmWindowMs === undefined || ss.phaseMs === undefined || (s.arrival ?? 'periodic') !== 'periodic' || tdmG > n) {
        return leftInvalid(`services[${i}].tdmGroups`, 'TDM windows of a periodic service: 1..ueCount groups with phaseMs and tdmWindowMs', tdmG);
      }
      if (pc.direction === 'UL' && pc.grant === 'configured') return leftInvalid(`services[${i}].tdmGroups`, 'a dynamic or SR grant (a configured grant holds its PRBs at every occasion)', tdmG);
    }
    const perWindow = Math.ceil(n / Math.max(1, tdmG));
    const jitterMs = s.jitterMs ?? 0;
    for (let k = 0; k < n; k++) {
      const snr = n > 1 ? mean + spread * (k / (n - 1) - 0.5) : mean;
      const win = tdmG > 1 ? Math.floor(k / perWindow) : -1;
      flows.push({
        id: `${s.id}#${k}`,
        ue: ue++,
        service: s.id,
        classIndex: ci,
        latencyBudgetMs: win >= 0 ? ss.tdmWindowMs! : s.latencyBudgetMs,
        meanSnrDb: snr,
        ...(ulLimitDb !== undefined ? { ulPowerLimitDb: Math.max(-100, Math.min(100, ulLimitDb + (snr - mean))) } : {}),
        dopplerHz: mobilityDopplerHz(s.mobility ?? DEFAULT_MOBILITY, link.carrierFrequencyGHz),
        ...(sc0.grant === 'configured' ? { cg: { periodMs: cgPeriod, offsetMs: (k * cgPeriod) / n, sizeBytes: cgSizeBytes } } : {}),
      });
      if (sc0.grant === 'configured' && ss.cgPeriodMs === undefined) {
        const key = `${sc0.bwp}/${sc0.direction}/${sc0.mappingType}/${sc0.ttiSymbols}`;
        const g = cgGroups.get(key) ?? { ttiMs, nPrb: bwps[sc0.bwp]!.nPrb, members: [] };
        g.members.push({ flow: flows.length - 1, nPrb: cgPrb });
        cgGroups.set(key, g);
      }
      traffic.push({
        arrival: s.arrival ?? 'periodic',
        periodMs: s.periodMs,
        jitterMs: win >= 0 ? 0 : jitterMs,
        sizesBytes: s.payload.sizesBytes,
        segmentBytes: ss.segmentBytes ?? 0,
        ...(ss.phaseMs !== undefined ? { phaseMs: win >= 0 ? ss.phaseMs + jitterMs + win * ss.tdmWindowMs! : ss.phaseMs } : {}),
      });
    }
  }

  // Default CG periods: an occasion every TTI while the group's reservations fit the BWP; else the
  // fewest P TTIs such that the reservations, packed first-fit (largest first) into P staggered
  // occasions, fit (the promise of `verify` then no longer holds for the group: noted).
  for (const g of cgGroups.values()) {
    const total = g.members.reduce((a, m) => a + m.nPrb, 0);
    const order = [...g.members].sort((a, b) => b.nPrb - a.nPrb || a.flow - b.flow);
    let period = Math.max(1, Math.ceil(total / g.nPrb));
    let bins: number[] = [];
    const binOf = new Map<number, number>();
    for (;;) {
      bins = new Array<number>(period).fill(0);
      binOf.clear();
      let ok = true;
      for (const m of order) {
        let b = bins.findIndex((u) => u + m.nPrb <= g.nPrb);
        if (b < 0) {
          ok = false;
          b = bins.indexOf(Math.min(...bins));
        }
        bins[b] = bins[b]! + m.nPrb;
        binOf.set(m.flow, b);
      }
      if (ok || period >= g.members.length) break;
      period++;
    }
    if (period > 1) {
      notes.push(`configured grant: ${g.members.length} UEs need ${total} PRBs per occasion on ${g.nPrb}: each gets an occasion every ${period} TTIs (verify assumes every TTI)`);
    }
    for (const m of g.members) {
      const f = flows[m.flow]!;
      flows[m.flow] = { ...f, cg: { periodMs: period * g.ttiMs, offsetMs: (binOf.get(m.flow) ?? 0) * g.ttiMs, sizeBytes: f.cg!.sizeBytes } };
    }
  }

  // 5. Error model, allocation rule, fading.
  // (the built-in models are non-increasing in SNR: the engine may decide ACKs from an SNR bound)
  const txError = markNonIncreasingInSnr(cachedTbError(blerModel(link.blerModel, { receiver: link.receiver })));
  const allocate = (ci: number, sizeBytes: number) => {
    const a = allocationFor(phyClasses[ci]!, sizeBytes);
    return a.nPrb >= 1 && a.nTti >= 1 ? a : null;
  };
  const policyE = policyByName(sc.policy, 'policy');
  if (E.isLeft(policyE)) return policyE;
  const config: SchedulerConfig = {
    carrier,
    classes: schedClasses,
    flows,
    harqProcesses: sc.harqProcesses ?? 16,
    policy: policyE.right,
    txError,
    allocate,
    fading: link.fading,
    coherenceTicks: sc.coherenceSlots ?? 0,
    fadingPerTb: sc.coherenceSlots === undefined && link.harqFading !== 'independent',
    correlatedFading: sc.coherenceSlots === undefined && link.harqFading === 'correlated',
    controlErrors: link.controlErrors,
    channelSeed: 0,
    queueLimit: sc.queueLimit ?? 10_000,
  };
  return E.right({
    name: sc.name ?? 'scenario',
    config,
    inputs: { traffic, services: svcs.map((s) => ({ id: s.id, epsilon: s.epsilon })) },
    slots: sc.slots ?? 10_000,
    link,
    classes: phyClasses.map((c, i) => ({ phyClass: c, scheduler: schedClasses[i]!, services: svcs.filter((s) => classOfService.get(s.id) === c.id).map((s) => s.id) })),
    notes,
  });
}
