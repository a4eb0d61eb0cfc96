/**
 * export/stacks: a class plan written as radio-stack configuration (issue 16 §1; spec/export.md).
 *
 * Targets: `srsran` (srsRAN Project gNB YAML), `oai` (OpenAirInterface gNB libconfig `.conf`) and
 * `lena` (ns-3 5G-LENA attribute defaults). Each target has
 *  - `limits`: what of a PhyClass (and of the link) it cannot express. A class with any limit is
 *    NOT emitted: it is listed with the reasons and, per service it serves, the nearest class the
 *    target can express (`plan` restricted to the target's `planOptions`) and that class's
 *    `verify` result — never a silent mapping;
 *  - `caveats`: what the stack does differently from the proof although the keys are set (e.g. an
 *    MCS that is only an upper bound, slot-granular K1/K2): printed in every block they touch;
 *  - an emitter, and a small parser (`parseStackExport`) that reads an emitted text back into class
 *    fields, so tests check that every emitted block reproduces its class.
 * Keys come from each project's own reference (cited in spec/export.md, with the commit read).
 * The generators are pure: no I/O.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type LinkContext, allowedMuFor, dmrsAdditionalPositionFor, linkSpecialSlot } from '../classes/link.js';
import { DEFAULT_TDD_PATTERN } from '../nr/slotPattern.js';
import { budgetText } from '../link/budget.js';
import { plan } from '../classes/planner.js';
import type { ClassPlan, PhyClass, PlanOptions } from '../classes/types.js';
import { verifyWith } from '../classes/verify.js';
import type { Combining, Direction, GrantType, McsTableName } from '../core/types.js';
import { processingTimeSymbols } from '../nr/processing.js';
import type { ServiceProfile } from '../services/catalogue.js';
import { STACK_DEFAULT_TIMING, isSpecMin, timingText, timingValues } from '../link/timing.js';

/** Radio-stack export targets. */
export const STACK_TARGETS = ['srsran', 'oai', 'lena'] as const;
export type StackTarget = (typeof STACK_TARGETS)[number];

/** What `exportStack` needs. */
export interface StackExportInput {
  readonly plan: ClassPlan;
  readonly link: LinkContext;
  /** Profiles of the plan's services (for the nearest representable class of an unrepresentable one). */
  readonly services: readonly ServiceProfile[];
  /** Worst proved epsilon (verify) per class id, for the block comments. */
  readonly epsilonByClass: Readonly<Record<string, number>>;
}

/** Nearest class the target can express for one service, with its verify result. */
export interface NearestClass {
  readonly serviceId: string;
  /** The class, or null when no class the target expresses meets the service (see `reason`). */
  readonly classId: string | null;
  readonly pass: boolean | null;
  readonly epsilonAchieved: number | null;
  readonly latencyMarginMs: number | null;
  readonly reason: string | null;
}

/** A class of the plan the target cannot express (never emitted). */
export interface Unrepresentable {
  readonly classId: string;
  readonly reasons: readonly string[];
  readonly nearest: readonly NearestClass[];
}

/** Answer of `exportStack`. */
export interface StackExport {
  readonly target: StackTarget;
  readonly text: string;
  /** Ids of the classes written as blocks. */
  readonly emitted: readonly string[];
  readonly unrepresentable: readonly Unrepresentable[];
}

/** Class fields a fragment carries (what the parser reads back). */
export interface ParsedClassFields {
  readonly direction: Direction;
  readonly mu: number;
  readonly mappingType: 'A' | 'B';
  readonly ttiSymbols: number;
  readonly mcsTable: McsTableName;
  readonly mcs: number;
  readonly maxTransmissions: number;
  readonly combining: Combining;
  readonly repetitions: number;
  readonly grant: GrantType;
  readonly nPrb: number;
}

/** One block read back from an emitted text. */
export interface ParsedBlock {
  /** The class id in the block's comment. */
  readonly classId: string;
  /** The proved epsilon in the block's comment (null when none was printed). */
  readonly epsilon: number | null;
  readonly fields: ParsedClassFields;
  /** The class id rebuilt from `fields` (the planner's id format). */
  readonly rebuiltId: string;
}

/** The planner's class id of the fields (src/classes/planner.ts `id`). */
export function classIdOf(f: ParsedClassFields): string {
  const g = f.grant === 'configured' ? 'cg' : f.grant === 'dynamic' ? 'dg' : 'sr';
  return `${f.direction}-mu${f.mu}-${f.mappingType}${f.ttiSymbols}-${f.mcsTable}-m${f.mcs}-h${f.maxTransmissions}${f.combining}-r${f.repetitions}-${g}-p${f.nPrb}`;
}

// ---- link facts shared by the targets ----

/** Symbols of the special slot assumed by the latency model (spec/latency.md: 10D:2G:2U). */

/** A TDD pattern as one D…D S? U…U period, or null when it has another shape. */
function simpleTdd(pattern: string): { period: number; dlSlots: number; special: boolean; ulSlots: number } | null {
  const m = /^(D*)(S?)(U*)$/.exec(pattern);
  if (m === null) return null;
  return { period: pattern.length, dlSlots: (m[1] ?? '').length, special: (m[2] ?? '') === 'S', ulSlots: (m[3] ?? '').length };
}

/** Minimal slot offsets that hold the processing times of the proof (TS 38.214 §5.3 N1, §6.4 N2), at least 1. */
export function minSlotOffsets(c: PhyClass, link: LinkContext): { k1: number; k2: number } {
  const cap = c.mu <= 2 ? link.ueCapability : 1;
  // N1 column per the class's DM-RS (TS 38.214 §5.3: Table 5.3-2 has pos0 only, else Table 5.3-1's ≠ pos0 column)
  const add = dmrsAdditionalPositionFor(link, c.mappingType);
  const n1 = processingTimeSymbols({ mu: c.mu, capability: add > 0 ? 1 : cap, channel: 'pdsch', dmrsAdditionalPosition: add });
  const n2 = processingTimeSymbols({ mu: c.mu, capability: cap, channel: 'pusch' });
  const slots = (r: typeof n1): number => (E.isRight(r) ? Math.max(1, Math.ceil(r.right.symbols / 14)) : 1);
  return { k1: slots(n1), k2: slots(n2) };
}

const epsText = (e: number | undefined): string => (e === undefined ? 'not given (plan read without verdicts)' : e.toExponential(2));

function servicesOf(plan: ClassPlan, classId: string): string[] {
  return plan.assignments.filter((a) => a.classId === classId).map((a) => a.serviceId);
}

/** Text safe on one comment line. */
function commentText(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\*\//g, '*_/');
}

// ---- the targets ----

interface TargetSpec {
  readonly name: StackTarget;
  readonly title: string;
  readonly comment: string; // line-comment prefix
  readonly source: string;
  readonly limits: (c: PhyClass, link: LinkContext) => string[];
  readonly caveats: (c: PhyClass, link: LinkContext) => string[];
  readonly planOptions: (direction: Direction, link: LinkContext) => PlanOptions;
  readonly block: (c: PhyClass, link: LinkContext, index: number) => string[];
  readonly parse: (text: string) => ParsedBlock[];
}

const SRSRAN_BW = [5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];
const SRSRAN_SR_MS = [1, 2, 4, 8, 10, 16, 20, 40, 80, 160, 320]; // cell_cfg.pucch.sr_period_ms
const SRSRAN_TDD_MS = [0.5, 0.625, 1, 1.25, 2, 2.5, 3, 4, 5, 10];
const OAI_TDD_MS = [0.5, 0.625, 1, 1.25, 2, 2.5, 5, 10]; // dl-UL-TransmissionPeriodicity ms0p5..ms10, enum index 0..7

function tddLimits(link: LinkContext, mu: number, allowedMs: readonly number[], who: string): string[] {
  if (link.duplex !== 'TDD') return [];
  const p = link.tddPattern ?? DEFAULT_TDD_PATTERN;
  const t = simpleTdd(p);
  if (t === null) return [`TDD pattern ${p}: ${who} takes one D…D S U…U period here (a second pattern is not exported)`];
  const ms = t.period / 2 ** mu;
  if (!allowedMs.includes(ms)) return [`TDD pattern ${p} at mu ${mu} lasts ${ms} ms; ${who} allows periods of ${allowedMs.join(', ')} ms`];
  return [];
}

const srsran: TargetSpec = {
  name: 'srsran',
  title: 'srsRAN Project gNB (YAML)',
  comment: '#',
  source: 'srsRAN Project configuration reference (srsran/srsRAN_Project_docs docs/source/user_manuals/source/.config/configuration.yml @8a24087)',
  limits: (c, link) => {
    const r: string[] = [];
    if (c.mu !== 0 && c.mu !== 1) r.push(`numerology mu ${c.mu} (${15 * 2 ** c.mu} kHz): cell_cfg.common_scs supports 15 and 30 kHz`);
    if (c.mappingType !== 'A' || c.ttiSymbols !== 14) r.push(`mini-slot TTI (mapping type ${c.mappingType}, ${c.ttiSymbols} symbols): no PDSCH/PUSCH time-domain allocation length key`);
    if (c.mcsTable !== 'qam64' && c.mcsTable !== 'qam256') r.push(`MCS table ${c.mcsTable}: pdsch/pusch.mcs_table supports qam64 and qam256`);
    if (c.mcs > 28) r.push(`MCS ${c.mcs}: min_ue_mcs/max_ue_mcs support 0..28`);
    if (c.repetitions !== 1) r.push(`repetitions ${c.repetitions}: no slot-aggregation key`);
    if (c.maxTransmissions > 5) r.push(`HARQ transmissions ${c.maxTransmissions}: max_nof_harq_retxs supports 0..4`);
    if (c.direction === 'UL' && c.grant === 'configured') r.push('UL configured grant: no configured-grant key');
    if (c.direction === 'UL' && c.grant === 'dynamic') r.push("UL grant 'dynamic' (grant pending, no SR): no key for a pre-scheduled UL grant");
    const tv = timingValues(link.timing);
    const srMs = tv?.srPeriodMs ?? 0;
    if (c.direction === 'UL' && c.grant === 'sr' && c.mu !== 0 && srMs === 0) r.push(`UL grant 'sr': the proof assumes an SR occasion every TTI (${1 / 2 ** c.mu} ms); pucch.sr_period_ms is at least 1 ms (a timing profile with an SR period models it)`);
    if (tv !== null) {
      if (tv.k1MinSlots > 4 || tv.k2MinSlots > 4) r.push(`timing ${timingText(link.timing)}: pucch.min_k1 / pusch.min_k2 support 1..4 slots`);
      if (tv.srPeriodSlots !== undefined) r.push(`timing ${timingText(link.timing)}: the SR period is given in slots; pucch.sr_period_ms takes ms`);
      else if (srMs > 0 && !SRSRAN_SR_MS.includes(srMs)) r.push(`timing SR period ${srMs} ms: pucch.sr_period_ms supports ${SRSRAN_SR_MS.join(', ')}`);
    }
    if (!SRSRAN_BW.includes(link.bandwidthMHz)) r.push(`carrier ${link.bandwidthMHz} MHz: channel_bandwidth_MHz supports ${SRSRAN_BW.join(', ')}`);
    if (link.fr !== 'FR1') r.push(`frequency range ${link.fr}: the reference lists FR1 subcarrier spacings only`);
    r.push(...tddLimits(link, c.mu, SRSRAN_TDD_MS, 'tdd_ul_dl_cfg'));
    return r;
  },
  caveats: (c, link) => [
    isSpecMin(link.timing)
      ? `${c.direction === 'DL' ? 'pucch.min_k1' : 'pusch.min_k2'} is a slot-granular minimum; the proof places HARQ-ACK/PUSCH at the symbol-level minimum of TS 38.214 (spec-min timing) and does not include the stack's own gNB processing delay`
      : `the proof uses timing profile ${timingText(link.timing)} (K1/K2 minima, gNB processing, SR period as max(3GPP minimum, profile)); set expert_phy.max_proc_delay no higher than the profile's gNB processing`,
    `max_rb_size caps the PRBs per TTI at the class budget; the scheduler may allocate fewer (the classifier's allocation rule is not a stack key)`,
  ],
  planOptions: (direction, link) => ({
    // UL under spec-min: an SR occasion every TTI needs sr_period_ms = slot = 1 ms, i.e. 15 kHz (a timing profile with an SR period in ms models the period itself)
    mu: allowedMuFor(link).filter((m) => m === 0 || (m === 1 && (direction === 'DL' || (timingValues(link.timing)?.srPeriodMs ?? 0) > 0))),
    ttiSymbols: [14],
    mcsTables: ['qam64', 'qam256'],
    mcsRange: [0, 28],
    repetitions: [1],
    grants: direction === 'DL' ? ['dynamic'] : ['sr'],
    relaxations: false,
  }),
  block: (c, link) => {
    const { k1, k2 } = minSlotOffsets(c, link);
    const tv = timingValues(link.timing);
    const ch = c.direction === 'DL' ? 'pdsch' : 'pusch';
    const lines = [
      'cell_cfg:',
      `  common_scs: ${15 * 2 ** c.mu}`,
      `  channel_bandwidth_MHz: ${link.bandwidthMHz}`,
      `  ${ch}:`,
      `    mcs_table: ${c.mcsTable}`,
      `    min_ue_mcs: ${c.mcs}`,
      `    max_ue_mcs: ${c.mcs}`,
      `    max_nof_harq_retxs: ${c.maxTransmissions - 1}`,
      `    rv_sequence: ${c.combining === 'ir' ? '[0,2,3,1]' : '[0]'}`,
      '    min_rb_size: 1',
      `    max_rb_size: ${c.nPrb}`,
    ];
    if (c.direction === 'UL') lines.push(`    min_k2: ${Math.min(4, Math.max(k2, tv?.k2MinSlots ?? 0))}`);
    lines.push('  pucch:');
    if (c.direction === 'DL') lines.push(`    min_k1: ${Math.min(4, Math.max(k1, tv?.k1MinSlots ?? 0))}`);
    else lines.push(`    sr_period_ms: ${(tv?.srPeriodMs ?? 0) > 0 ? tv?.srPeriodMs : 1}`);
    if (link.duplex === 'TDD') {
      const t = simpleTdd(link.tddPattern ?? DEFAULT_TDD_PATTERN);
      if (t !== null) {
        lines.push(
          '  tdd_ul_dl_cfg:',
          `    dl_ul_tx_period: ${t.period}`,
          `    nof_dl_slots: ${t.dlSlots}`,
          `    nof_dl_symbols: ${t.special ? linkSpecialSlot(link).dl : 0}`,
          `    nof_ul_slots: ${t.ulSlots}`,
          `    nof_ul_symbols: ${t.special ? linkSpecialSlot(link).ul : 0}`,
        );
      }
    }
    return lines;
  },
  parse: (text) =>
    documents(text, '---').flatMap((doc) => {
      const head = headerOf(doc, '#');
      if (head === null) return [];
      const y = parseYamlSubset(doc);
      const cell = obj(y['cell_cfg']);
      const dl = cell['pdsch'] !== undefined;
      const ch = obj(cell[dl ? 'pdsch' : 'pusch']);
      const pucch = obj(cell['pucch']);
      const min = num(ch['min_ue_mcs']);
      const max = num(ch['max_ue_mcs']);
      const fields: ParsedClassFields = {
        direction: dl ? 'DL' : 'UL',
        mu: Math.log2(num(cell['common_scs']) / 15),
        mappingType: 'A',
        ttiSymbols: 14,
        mcsTable: str(ch['mcs_table']) as McsTableName,
        mcs: min === max ? min : Number.NaN,
        maxTransmissions: num(ch['max_nof_harq_retxs']) + 1,
        combining: String(ch['rv_sequence']) === '[0]' ? 'chase' : 'ir',
        repetitions: 1,
        grant: dl ? 'dynamic' : pucch['sr_period_ms'] !== undefined ? 'sr' : 'dynamic',
        nPrb: num(ch['max_rb_size']),
      };
      return [{ ...head, fields, rebuiltId: classIdOf(fields) }];
    }),
};

const oai: TargetSpec = {
  name: 'oai',
  title: 'OpenAirInterface gNB (libconfig .conf)',
  comment: '#',
  source:
    'OpenAirInterface gNB parameter definitions (openairinterface5g openair2/GNB_APP/gnb_paramdef.h, RRC_nr_paramsvalues.h, MACRLC_nr_paramdef.h)',
  limits: (c, link) => {
    const r: string[] = [];
    if (c.mu !== 0 && c.mu !== 1) r.push(`numerology mu ${c.mu} (${15 * 2 ** c.mu} kHz): only 15/30 kHz FR1 cells are exported (other dl_subcarrierSpacing values not confirmed)`);
    if (c.mappingType !== 'A' || c.ttiSymbols !== 14) r.push(`mini-slot TTI (mapping type ${c.mappingType}, ${c.ttiSymbols} symbols): no time-domain allocation length key confirmed`);
    if (c.mcsTable !== 'qam64' && c.mcsTable !== 'qam256') r.push(`MCS table ${c.mcsTable}: only qam64 (force_256qam_off = 1) and qam256 (force_256qam_off = 0)`);
    if (c.mcs > (c.mcsTable === 'qam256' ? 27 : 28)) r.push(`MCS ${c.mcs} above the table's highest non-reserved index`);
    if (c.repetitions !== 1) r.push(`repetitions ${c.repetitions}: no aggregation-factor key confirmed`);
    if (c.maxTransmissions > 8) r.push(`HARQ transmissions ${c.maxTransmissions}: dl/ul_harq_round_max supports 1..8`);
    if (c.direction === 'UL' && c.grant === 'configured') r.push('UL configured grant: no configured-grant key');
    if (c.direction === 'UL' && c.grant === 'dynamic') r.push("UL grant 'dynamic' (grant pending, no SR): no key for a pre-scheduled UL grant");
    if (link.fr !== 'FR1') r.push(`frequency range ${link.fr}: only FR1 cells are exported`);
    r.push(...tddLimits(link, c.mu, OAI_TDD_MS, 'dl_UL_TransmissionPeriodicity'));
    return r;
  },
  caveats: (c, link) => [
    `${c.direction === 'DL' ? 'dl_max_mcs' : 'ul_max_mcs'} is an upper bound only (no minimum-MCS key): OAI's link adaptation may choose a lower MCS than the proved one`,
    'no per-UE PRB cap key: the class PRB budget is a phyclass annotation, not a stack setting',
    `HARQ combining (${c.combining}) and the redundancy-version sequence are fixed in OAI's code, not configured`,
    ...(c.direction === 'UL' ? ['SR periodicity has no confirmed key: the proof assumes an SR occasion every TTI'] : []),
    isSpecMin(link.timing)
      ? 'K1/K2 are chosen by the OAI scheduler (min_rxtxtime not exported: semantics not confirmed); the proof uses the TS 38.214 symbol-level minimum'
      : `K1/K2 are chosen by the OAI scheduler (min_rxtxtime not exported: semantics not confirmed); the proof uses timing profile ${timingText(link.timing)}`,
    ...(c.mcsTable === 'qam256' ? ['qam256 is used only when the UE reports 256QAM support'] : []),
  ],
  planOptions: (direction, link) => ({
    mu: allowedMuFor(link).filter((m) => m === 0 || m === 1),
    ttiSymbols: [14],
    mcsTables: ['qam64', 'qam256'],
    repetitions: [1],
    grants: direction === 'DL' ? ['dynamic'] : ['sr'],
    relaxations: false,
  }),
  block: (c, link) => {
    const dl = c.direction === 'DL';
    const lines = [
      `# phyclass-field nPrb = ${c.nPrb};  (PRBs per TTI of the class: no OAI key)`,
      `# phyclass-field combining = ${c.combining};  (no OAI key)`,
      'gNBs = (',
      '  {',
      `    force_256qam_off = ${c.mcsTable === 'qam256' ? 0 : 1};`,
      '    servingCellConfigCommon = (',
      '      {',
      `        dl_subcarrierSpacing = ${c.mu};`,
      `        ul_subcarrierSpacing = ${c.mu};`,
    ];
    if (link.duplex === 'TDD') {
      const t = simpleTdd(link.tddPattern ?? DEFAULT_TDD_PATTERN);
      if (t !== null) {
        lines.push(
          `        referenceSubcarrierSpacing = ${c.mu};`,
          `        dl_UL_TransmissionPeriodicity = ${OAI_TDD_MS.indexOf(t.period / 2 ** c.mu)};`,
          `        nrofDownlinkSlots = ${t.dlSlots};`,
          `        nrofDownlinkSymbols = ${t.special ? linkSpecialSlot(link).dl : 0};`,
          `        nrofUplinkSlots = ${t.ulSlots};`,
          `        nrofUplinkSymbols = ${t.special ? linkSpecialSlot(link).ul : 0};`,
        );
      }
    }
    lines.push(
      '      }',
      '    );',
      '  }',
      ');',
      'MACRLCs = (',
      '  {',
      `    ${dl ? 'dl_max_mcs' : 'ul_max_mcs'} = ${c.mcs};`,
      `    ${dl ? 'dl_harq_round_max' : 'ul_harq_round_max'} = ${c.maxTransmissions};`,
      '  }',
      ');',
    );
    return lines;
  },
  parse: (text) =>
    documents(text, '# ----').flatMap((doc) => {
      const head = headerOf(doc, '#');
      if (head === null) return [];
      const kv = new Map<string, string>();
      for (const line of doc.split('\n')) {
        const m = /^\s*(?:# phyclass-field )?([A-Za-z_][\w]*)\s*=\s*([^;()]+);/.exec(line);
        if (m !== null) kv.set(m[1] as string, (m[2] as string).trim());
      }
      const dl = kv.has('dl_max_mcs');
      const fields: ParsedClassFields = {
        direction: dl ? 'DL' : 'UL',
        mu: Number(kv.get('dl_subcarrierSpacing')),
        mappingType: 'A',
        ttiSymbols: 14,
        mcsTable: kv.get('force_256qam_off') === '0' ? 'qam256' : 'qam64',
        mcs: Number(kv.get(dl ? 'dl_max_mcs' : 'ul_max_mcs')),
        maxTransmissions: Number(kv.get(dl ? 'dl_harq_round_max' : 'ul_harq_round_max')),
        combining: kv.get('combining') === 'ir' ? 'ir' : 'chase',
        repetitions: 1,
        grant: dl ? 'dynamic' : 'sr',
        nPrb: Number(kv.get('nPrb')),
      };
      return [{ ...head, fields, rebuiltId: classIdOf(fields) }];
    }),
};

const lena: TargetSpec = {
  name: 'lena',
  title: 'ns-3 5G-LENA (attribute defaults, C++)',
  comment: '//',
  source: '5G-LENA nr module attributes (model/nr-gnb-phy.cc, model/nr-mac-scheduler-ns3.cc, model/nr-amc.cc, model/nr-spectrum-phy.cc)',
  limits: (c, link) => {
    const r: string[] = [];
    if (c.mu > 4) r.push(`numerology mu ${c.mu}: exported for NrGnbPhy::Numerology 0..4 only`);
    if (c.mappingType !== 'A' || c.ttiSymbols !== 14) r.push(`mini-slot TTI (mapping type ${c.mappingType}, ${c.ttiSymbols} symbols): the schedulers allocate symbols per slot, no fixed mini-slot length attribute`);
    if (c.mcsTable !== 'qam64' && c.mcsTable !== 'qam256') r.push(`MCS table ${c.mcsTable}: the EESM error models cover table 1 (qam64, *T1) and table 2 (qam256, *T2)`);
    if (c.repetitions !== 1) r.push(`repetitions ${c.repetitions}: no aggregation attribute`);
    if (c.maxTransmissions !== 1 && c.maxTransmissions !== 4) r.push(`HARQ transmissions ${c.maxTransmissions}: NrMacSchedulerNs3::EnableHarqReTx gives 1 (false) or 4 (true, max 3 retransmissions)`);
    if (c.direction === 'UL' && c.grant === 'configured') r.push('UL configured grant: no configured-grant attribute');
    if (c.direction === 'UL' && c.grant === 'dynamic') r.push("UL grant 'dynamic' (grant pending, no SR): the UE MAC requests grants by SR/BSR");
    if (link.duplex === 'TDD' && simpleTdd(link.tddPattern ?? DEFAULT_TDD_PATTERN) === null) r.push(`TDD pattern ${link.tddPattern ?? ''}: exported as one D…D S U…U period only`);
    const tv = timingValues(link.timing);
    if (tv !== null && (tv.k1MinSlots > 4 || tv.k2MinSlots > 4)) r.push(`timing ${timingText(link.timing)}: NrGnbPhy::N1Delay / N2Delay support 0..4 slots`);
    return r;
  },
  caveats: (c, link) => [
    'FixedMcs pins the MCS; no per-UE PRB cap attribute: the class PRB budget is a phyclass annotation',
    isSpecMin(link.timing)
      ? 'N1Delay/N2Delay are slot-granular minima; the proof uses the TS 38.214 symbol-level minimum (spec-min timing)'
      : `N1Delay/N2Delay are slot-granular minima; the proof uses timing profile ${timingText(link.timing)}`,
    'bandwidth parts and FDD pairing are built in code (CcBwpCreator), not by attributes',
    ...(c.direction === 'UL' ? ['SR occasions: the proof assumes one every TTI'] : []),
  ],
  planOptions: (direction, link) => ({
    mu: allowedMuFor(link).filter((m) => m <= 4),
    ttiSymbols: [14],
    mcsTables: ['qam64', 'qam256'],
    maxTransmissions: [1, 4],
    repetitions: [1],
    grants: direction === 'DL' ? ['dynamic'] : ['sr'],
    relaxations: false,
  }),
  block: (c, link, index) => {
    const dl = c.direction === 'DL';
    const d = dl ? 'Dl' : 'Ul';
    const model = `ns3::NrEesm${c.combining === 'ir' ? 'Ir' : 'Cc'}T${c.mcsTable === 'qam256' ? 2 : 1}`;
    const { k1: k1n, k2: k2n } = minSlotOffsets(c, link);
    const tv = timingValues(link.timing);
    const k1 = Math.max(k1n, tv?.k1MinSlots ?? 0);
    const k2 = Math.max(k2n, tv?.k2MinSlots ?? 0);
    const lines = [
      `// phyclass-field nPrb = ${c.nPrb}  (PRBs per TTI of the class: no LENA attribute)`,
      `static void phyclassClass${index + 1}()`,
      '{',
      `    Config::SetDefault("ns3::NrGnbPhy::Numerology", UintegerValue(${c.mu}));`,
      `    Config::SetDefault("ns3::NrMacSchedulerNs3::FixedMcs${d}", BooleanValue(true));`,
      `    Config::SetDefault("ns3::NrMacSchedulerNs3::StartingMcs${d}", UintegerValue(${c.mcs}));`,
      `    Config::SetDefault("ns3::NrMacSchedulerNs3::EnableHarqReTx", BooleanValue(${c.maxTransmissions > 1 ? 'true' : 'false'}));`,
      `    Config::SetDefault("ns3::NrAmc::ErrorModelType", TypeIdValue(TypeId::LookupByName("${model}")));`,
      `    Config::SetDefault("ns3::NrSpectrumPhy::ErrorModelType", TypeIdValue(TypeId::LookupByName("${model}")));`,
      dl ? `    Config::SetDefault("ns3::NrGnbPhy::N1Delay", UintegerValue(${Math.min(4, k1)}));` : `    Config::SetDefault("ns3::NrGnbPhy::N2Delay", UintegerValue(${Math.min(4, k2)}));`,
    ];
    if (link.duplex === 'TDD') {
      const t = simpleTdd(link.tddPattern ?? DEFAULT_TDD_PATTERN);
      if (t !== null) {
        const slots = [...Array(t.dlSlots).fill('DL'), ...(t.special ? ['F'] : []), ...Array(t.ulSlots).fill('UL')];
        lines.push(`    Config::SetDefault("ns3::NrGnbPhy::Pattern", StringValue("${slots.join('|')}|"));`);
      }
    }
    lines.push('}');
    return lines;
  },
  parse: (text) =>
    documents(text, '// ----').flatMap((doc) => {
      const head = headerOf(doc, '//');
      if (head === null) return [];
      const kv = new Map<string, string>();
      for (const line of doc.split('\n')) {
        const m = /Config::SetDefault\("ns3::(\w+)::(\w+)", \w+\((.*)\)\);/.exec(line);
        if (m !== null) kv.set(`${m[1]}::${m[2]}`, m[3] as string);
        const f = /^\/\/ phyclass-field (\w+) = (\S+)/.exec(line);
        if (f !== null) kv.set(f[1] as string, f[2] as string);
      }
      const dl = kv.has('NrMacSchedulerNs3::FixedMcsDl');
      const model = /NrEesm(Ir|Cc)T(\d)/.exec(kv.get('NrAmc::ErrorModelType') ?? '');
      const fields: ParsedClassFields = {
        direction: dl ? 'DL' : 'UL',
        mu: Number(kv.get('NrGnbPhy::Numerology')),
        mappingType: 'A',
        ttiSymbols: 14,
        mcsTable: model?.[2] === '2' ? 'qam256' : 'qam64',
        mcs: Number(kv.get(`NrMacSchedulerNs3::StartingMcs${dl ? 'Dl' : 'Ul'}`)),
        maxTransmissions: kv.get('NrMacSchedulerNs3::EnableHarqReTx') === 'true' ? 4 : 1,
        combining: model?.[1] === 'Ir' ? 'ir' : 'chase',
        repetitions: 1,
        grant: dl ? 'dynamic' : 'sr',
        nPrb: Number(kv.get('nPrb')),
      };
      return [{ ...head, fields, rebuiltId: classIdOf(fields) }];
    }),
};

const TARGETS: Readonly<Record<StackTarget, TargetSpec>> = { srsran, oai, lena };

/** Why `target` cannot express class `c` on `link` (empty: it can). */
export function stackLimits(target: StackTarget, c: PhyClass, link: LinkContext): string[] {
  return TARGETS[target].limits(c, link);
}

/** Planner options restricted to what `target` expresses (for the nearest representable class). */
export function stackPlanOptions(target: StackTarget, direction: Direction, link: LinkContext): PlanOptions {
  return TARGETS[target].planOptions(direction, link);
}

/**
 * Planner options for a whole service set restricted to what `target` runs (numerologies, TTI
 * lengths, MCS tables/range, HARQ counts, repetitions, grant types per direction): `--stack`.
 */
export function stackSearchOptions(target: StackTarget, link: LinkContext): PlanOptions {
  const strip = (o: PlanOptions): PlanOptions => {
    const { relaxations: _r, ...rest } = o;
    return rest;
  };
  return { byDirection: { DL: strip(TARGETS[target].planOptions('DL', link)), UL: strip(TARGETS[target].planOptions('UL', link)) } };
}

/** The default timing profile of a stack (`--stack` without `--timing`): srsran-default, oai-default; spec-min for lena (its N1/N2Delay defaults are not profiled). */
export function stackDefaultTiming(target: StackTarget): (typeof STACK_DEFAULT_TIMING)[StackTarget] {
  return STACK_DEFAULT_TIMING[target];
}

/** The block separator line of a target (blocks are split on it when parsing). */
function separator(t: TargetSpec): string {
  return t.name === 'srsran' ? '---' : `${t.comment} ----`;
}

/** Write the class plan for a stack: one block per expressible class, the rest listed with the nearest expressible class. */
export function exportStack(target: StackTarget, input: StackExportInput): StackExport {
  const t = TARGETS[target];
  const c0 = t.comment;
  const { plan: cp, link } = input;
  const out: string[] = [
    `${c0} phyclass export --target ${target}: ${t.title}`,
    `${c0} keys from: ${t.source} (see spec/export.md)`,
    `${c0} link: ${link.bandwidthMHz} MHz ${link.fr} ${link.duplex === 'TDD' ? `TDD ${link.tddPattern ?? DEFAULT_TDD_PATTERN}` : 'FDD'}, ${link.linkBudget !== undefined ? `link budget (${budgetText(link.linkBudget, link.bandwidthMHz)})` : `SNR ${link.snrDb} dB`}, UE capability ${link.ueCapability}`,
    `${c0} One block per class the stack can express; each carries the class id and its proved epsilon (worst over its services).`,
    isSpecMin(link.timing)
      ? `${c0} Timing: proofs use 3GPP-minimum (symbol-level) K1/K2; a stack with larger configured offsets can miss a deadline the proof met.`
      : `${c0} Timing: proofs use the stack timing profile ${timingText(link.timing)} (spec/latency.md, stack timing profiles).`,
  ];
  const emitted: string[] = [];
  const unrep: Unrepresentable[] = [];
  cp.classes.forEach((c) => {
    const reasons = t.limits(c, link);
    if (reasons.length > 0) {
      unrep.push({ classId: c.id, reasons, nearest: nearestFor(t, c, input) });
      return;
    }
    const svc = servicesOf(cp, c.id);
    out.push(
      separator(t),
      `${c0} phyclass class ${c.id}`,
      `${c0} proved epsilon ${epsText(input.epsilonByClass[c.id])} (services: ${svc.join(', ') || 'none'})`,
      ...t.caveats(c, link).map((x) => `${c0} caveat: ${commentText(x)}`),
      ...t.block(c, link, emitted.length),
    );
    emitted.push(c.id);
  });
  out.push(separator(t), `${c0} NOT EXPRESSIBLE in ${target}: ${unrep.length === 0 ? 'none' : `${unrep.length} class${unrep.length === 1 ? '' : 'es'} (not emitted)`}`);
  for (const u of unrep) {
    out.push(`${c0} - ${u.classId}`);
    for (const r of u.reasons) out.push(`${c0}     cannot express: ${commentText(r)}`);
    for (const n of u.nearest) {
      out.push(
        n.classId === null
          ? `${c0}     ${n.serviceId}: no class ${target} expresses meets it (${commentText(n.reason ?? '')})`
          : `${c0}     ${n.serviceId}: nearest expressible class ${n.classId}: verify ${n.pass === true ? 'PASS' : 'FAIL'}, epsilon ${(n.epsilonAchieved ?? 0).toExponential(2)}, latency margin ${(n.latencyMarginMs ?? 0).toFixed(3)} ms`,
      );
    }
  }
  return { target, text: `${out.join('\n')}\n`, emitted, unrepresentable: unrep };
}

function nearestFor(t: TargetSpec, c: PhyClass, input: StackExportInput): NearestClass[] {
  return servicesOf(input.plan, c.id).map((serviceId): NearestClass => {
    const s = input.services.find((x) => x.id === serviceId);
    if (s === undefined) return { serviceId, classId: null, pass: null, epsilonAchieved: null, latencyMarginMs: null, reason: 'service profile not available' };
    const r = plan(s, input.link, t.planOptions(s.direction, input.link));
    if (E.isLeft(r)) return { serviceId, classId: null, pass: null, epsilonAchieved: null, latencyMarginMs: null, reason: r.left.message };
    const still = t.limits(r.right, input.link);
    if (still.length > 0) return { serviceId, classId: null, pass: null, epsilonAchieved: null, latencyMarginMs: null, reason: still.join('; ') };
    // (pass, epsilon and latency margin only: the SNR-margin bisection would change none of them)
    const v = verifyWith(r.right, s, input.link, { snrMargin: false });
    return { serviceId, classId: r.right.id, pass: v.pass, epsilonAchieved: v.epsilonAchieved, latencyMarginMs: v.latencyMarginMs, reason: null };
  });
}

/** Read the blocks of an emitted text back (class id, proved epsilon and the class fields the keys carry). */
export function parseStackExport(target: StackTarget, text: string): ParsedBlock[] {
  return TARGETS[target].parse(text);
}

// ---- small readers for the round trip ----

function documents(text: string, sep: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (line === sep) {
      docs.push(cur.join('\n'));
      cur = [];
    } else cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs;
}

function headerOf(doc: string, c: string): { classId: string; epsilon: number | null } | null {
  const esc = c.replace(/\//g, '\\/');
  const id = new RegExp(`^${esc} phyclass class (\\S+)$`, 'm').exec(doc);
  if (id === null) return null;
  const eps = new RegExp(`^${esc} proved epsilon (\\S+)`, 'm').exec(doc);
  const e = eps === null ? Number.NaN : Number(eps[1]);
  return { classId: id[1] as string, epsilon: Number.isFinite(e) ? e : null };
}

type Yaml = { [k: string]: Yaml | string };

/** The YAML subset the srsRAN emitter writes: nested maps by 2-space indentation, scalars, `#` comments. */
export function parseYamlSubset(text: string): Yaml {
  const root: Yaml = {};
  const stack: { indent: number; node: Yaml }[] = [{ indent: -1, node: root }];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = /^(\s*)([\w.]+):\s*(.*)$/.exec(line);
    if (m === null) continue;
    const indent = (m[1] ?? '').length;
    while ((stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
    const parent = (stack[stack.length - 1] as { node: Yaml }).node;
    const value = (m[3] ?? '').trim();
    if (value === '') {
      const child: Yaml = {};
      parent[m[2] as string] = child;
      stack.push({ indent, node: child });
    } else parent[m[2] as string] = value;
  }
  return root;
}

function obj(u: Yaml | string | undefined): Yaml {
  return typeof u === 'object' ? u : {};
}
function num(u: Yaml | string | undefined): number {
  return typeof u === 'string' ? Number(u) : Number.NaN;
}
function str(u: Yaml | string | undefined): string {
  return typeof u === 'string' ? u : '';
}
