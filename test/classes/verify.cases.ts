/**
 * The negative-case table of `verify` (src/classes/verify.ts), shared by test/classes/verify.test.ts
 * (the real verify says no to each case, for the named reason) and test/classes/verify.mutation.test.ts
 * (every mutant of verify — a rejection branch removed, a `pass` forced true — is caught by at least
 * one case). Each case names the `reject:<branch>` marker of verify.ts it is written for.
 *
 * The classes are written out by hand (not planned here): they are the planner's answers for
 * uav.telemetry_ul (UL) and uav.c2_stick (DL) on the default link, so the table does not depend on
 * the planner, and a verify that rejects them would be wrong (see the positive cases).
 */
import { freeFddLink as defaultLink, type LinkContext } from '../../src/classes/link.js';
import type { PhyClass, Verdict } from '../../src/classes/types.js';
import type { VerifiableService } from '../../src/classes/verify.js';

/** UL class of uav.telemetry_ul on defaultLink (mu 2, 7-symbol mini-slot, 64QAM MCS 19, 5 PRBs, 4 transmissions). */
export const UL_CLASS: PhyClass = Object.freeze({
  id: 'UL-mu2-B7-qam64-m19-h4chase-r1-cg-p5',
  direction: 'UL',
  mu: 2,
  mappingType: 'B',
  ttiSymbols: 7,
  mcsTable: 'qam64',
  mcs: 19,
  qm: 6,
  rateX1024: 517,
  maxTransmissions: 4,
  combining: 'chase',
  repetitions: 1,
  grant: 'configured',
  nPrb: 5,
  tbsBits: 1128,
  fiveQi: 3,
  nLayers: 1,
  nRePerPrb: 72,
  nDmrsRePerPrb: 12,
  nOverheadRePerPrb: 0,
});

/** DL class of uav.c2_stick on defaultLink (mu 2, 4-symbol mini-slot, 64QAM MCS 13, 1 PRB, 4 transmissions). */
export const DL_CLASS: PhyClass = Object.freeze({
  id: 'DL-mu2-B4-qam64-m13-h4chase-r1-dg-p1',
  direction: 'DL',
  mu: 2,
  mappingType: 'B',
  ttiSymbols: 4,
  mcsTable: 'qam64',
  mcs: 13,
  qm: 4,
  rateX1024: 490,
  maxTransmissions: 4,
  combining: 'chase',
  repetitions: 1,
  grant: 'dynamic',
  nPrb: 1,
  tbsBits: 64,
  fiveQi: 3,
  nLayers: 1,
  nRePerPrb: 36,
  nDmrsRePerPrb: 12,
  nOverheadRePerPrb: 0,
});

/** uav.telemetry_ul as verify reads it: 84..140 B every 40 ms, 20 ms budget, epsilon 1e-3. */
export const UL_SERVICE: VerifiableService = Object.freeze({
  id: 'uav.telemetry_ul',
  direction: 'UL',
  payload: { sizesBytes: [84, 140] },
  periodMs: 40,
  latencyBudgetMs: 20,
  epsilon: 1e-3,
  mobility: { speedKmh: 160, scenario: 'TR 36.777 aerial UE (catalogue)' },
});

/** uav.c2_stick as verify reads it: 24 B every 40 ms, 20 ms budget, epsilon 1e-3. */
export const DL_SERVICE: VerifiableService = Object.freeze({
  id: 'uav.c2_stick',
  direction: 'DL',
  payload: { sizesBytes: [24] },
  periodMs: 40,
  latencyBudgetMs: 20,
  epsilon: 1e-3,
  mobility: { speedKmh: 60, scenario: 'TS 22.125 direct stick steering (catalogue)' },
});

/** One input verify must refuse, and how the refusal must read. */
export interface VerifyCase {
  /** Short description. */
  readonly name: string;
  /** The `reject:<branch>` marker of src/classes/verify.ts this case is written for. */
  readonly branch: string;
  readonly phyClass: PhyClass;
  readonly service: VerifiableService;
  readonly link: LinkContext;
  /** Some reason must match (it names the cause). */
  readonly reason: RegExp;
  /** Also require a failing per-size verdict (for the per-size branches). */
  readonly perSizeFails?: boolean;
}

const ul = (patch: Partial<Record<keyof PhyClass, unknown>>): PhyClass => ({ ...UL_CLASS, ...patch }) as PhyClass;
const ulSvc = (patch: Partial<Record<keyof VerifiableService, unknown>>): VerifiableService => ({ ...UL_SERVICE, ...patch }) as VerifiableService;
const link = (patch: Partial<Record<keyof LinkContext, unknown>>): LinkContext => ({ ...defaultLink, ...patch }) as LinkContext;

/** Every rejection branch of verify, at least one case each. */
export const VERIFY_NEGATIVE_CASES: readonly VerifyCase[] = [
  { name: 'an FDD link with a TDD pattern', branch: 'link', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ tddPattern: 'DDDSU' }), reason: /^link: link\.tddPattern: expected absent unless duplex is "TDD"/ },
  { name: 'an FDD link on FR2-1', branch: 'link', phyClass: ul({ mu: 3 }), service: UL_SERVICE, link: link({ fr: 'FR2-1' }), reason: /^link: link\.duplex: expected "TDD" on FR2-1/ },
  { name: 'UL class for a DL service', branch: 'direction', phyClass: UL_CLASS, service: ulSvc({ direction: 'DL' }), link: defaultLink, reason: /class is UL but the service is DL/ },
  { name: 'DL class for an UL service', branch: 'direction', phyClass: DL_CLASS, service: UL_SERVICE, link: defaultLink, reason: /class is DL but the service is UL/ },
  { name: 'no packet sizes', branch: 'sizes', phyClass: UL_CLASS, service: ulSvc({ payload: { sizesBytes: [] } }), link: defaultLink, reason: /payload sizes must be positive/ },
  { name: 'a negative packet size', branch: 'sizes', phyClass: UL_CLASS, service: ulSvc({ payload: { sizesBytes: [-5, 84] } }), link: defaultLink, reason: /payload sizes must be positive/ },
  { name: 'epsilon 0', branch: 'service', phyClass: UL_CLASS, service: ulSvc({ epsilon: 0 }), link: defaultLink, reason: /epsilon in \(0, 1\)/ },
  { name: 'negative latency budget', branch: 'service', phyClass: UL_CLASS, service: ulSvc({ latencyBudgetMs: -1 }), link: defaultLink, reason: /latencyBudgetMs, periodMs must be > 0/ },
  { name: 'mu 3 on FR1', branch: 'mu', phyClass: ul({ mu: 3 }), service: UL_SERVICE, link: defaultLink, reason: /mu 3 is not allowed on FR1/ },
  { name: 'mu 2 outside the link allowedMu', branch: 'mu', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ allowedMu: [1] }), reason: /mu 2 is not allowed/ },
  { name: '100 MHz has no 15 kHz channel', branch: 'channel', phyClass: ul({ mu: 0 }), service: UL_SERVICE, link: defaultLink, reason: /no 100 MHz channel at 15 kHz/ },
  { name: 'PRBs beyond the carrier', branch: 'nPrb', phyClass: ul({ nPrb: 136 }), service: UL_SERVICE, link: defaultLink, reason: /nPrb 136 does not fit the carrier \(max 135 PRBs at 60 kHz\)/ },
  { name: 'zero PRBs', branch: 'nPrb', phyClass: ul({ nPrb: 0 }), service: UL_SERVICE, link: defaultLink, reason: /nPrb 0 does not fit/ },
  { name: 'fractional PRBs', branch: 'nPrb', phyClass: ul({ nPrb: 4.5 }), service: UL_SERVICE, link: defaultLink, reason: /nPrb 4.5 does not fit/ },
  { name: 'mapping type A on a mini-slot', branch: 'mapping', phyClass: ul({ mappingType: 'A' }), service: UL_SERVICE, link: defaultLink, reason: /mapping type A with a 7-symbol TTI/ },
  { name: 'a 15-symbol TTI', branch: 'mapping', phyClass: ul({ ttiSymbols: 15 }), service: UL_SERVICE, link: defaultLink, reason: /mapping type B with a 15-symbol TTI/ },
  { name: '5 HARQ transmissions', branch: 'harq', phyClass: ul({ maxTransmissions: 5 }), service: UL_SERVICE, link: defaultLink, reason: /HARQ: maxTransmissions 5 \(expected 1\.\.4\)/ },
  { name: 'unknown HARQ combining', branch: 'harq', phyClass: ul({ combining: 'magic' }), service: UL_SERVICE, link: defaultLink, reason: /combining magic \(expected chase or ir\)/ },
  { name: '3 repetitions', branch: 'repetitions', phyClass: ul({ repetitions: 3 }), service: UL_SERVICE, link: defaultLink, reason: /repetitions 3: expected one of 1, 2, 4, 8/ },
  { name: 'reserved MCS 29 of qam64', branch: 'mcs', phyClass: ul({ mcs: 29 }), service: UL_SERVICE, link: defaultLink, reason: /MCS 29 is reserved or absent in qam64/ },
  { name: 'unknown MCS table', branch: 'mcs', phyClass: ul({ mcsTable: 'qam4096' }), service: UL_SERVICE, link: defaultLink, reason: /MCS 19 is reserved or absent in qam4096/ },
  { name: 'Qm of another row', branch: 'qmR', phyClass: ul({ qm: 4 }), service: UL_SERVICE, link: defaultLink, reason: /class Qm\/R \(4, 517\) differ from qam64 MCS 19 \(6, 517\)/ },
  { name: 'code rate of another row', branch: 'qmR', phyClass: ul({ rateX1024: 567 }), service: UL_SERVICE, link: defaultLink, reason: /class Qm\/R \(6, 567\) differ/ },
  { name: 'REs per PRB inflated', branch: 'rePerPrb', phyClass: ul({ nRePerPrb: 156 }), service: UL_SERVICE, link: defaultLink, reason: /class REs per PRB \(156;.*differ from TS 38\.214/ },
  { name: 'DMRS of another link', branch: 'rePerPrb', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ dmrs: { ...defaultLink.dmrs, cdmGroupsWithoutData: 1 } }), reason: /class REs per PRB/ },
  { name: 'xOverhead of another link', branch: 'rePerPrb', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ xOverheadRePerPrb: 6 }), reason: /class REs per PRB .*xOverhead 6\)/ },
  { name: '5 layers (no TBS)', branch: 'tbsInput', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ nLayers: 5 }), reason: /^TBS: / },
  { name: 'TBS off by one byte', branch: 'tbs', phyClass: ul({ tbsBits: 1136 }), service: UL_SERVICE, link: defaultLink, reason: /class TBS 1136 bits \(1 layers\) differs from TS 38\.214 on this link: 1128 bits/ },
  { name: 'layers of another link', branch: 'tbs', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ nLayersUl: 2 }), reason: /class TBS 1128 bits \(1 layers\) differs .*\(2 layers\)/ },
  { name: 'TDD pattern without UL symbols', branch: 'link', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ duplex: 'TDD', tddPattern: 'DDDDD' }), reason: /^link: link\.tddPattern: expected a TDD pattern with at least one DL and one UL symbol/ },
  { name: 'a TDD pattern that is not text', branch: 'latency', phyClass: UL_CLASS, service: UL_SERVICE, link: link({ duplex: 'TDD', tddPattern: 123 }), reason: /^latency: / },
  { name: 'budget shorter than the first transmission', branch: 'deadline', phyClass: UL_CLASS, service: ulSvc({ latencyBudgetMs: 0.3 }), link: defaultLink, reason: /84 B: first transmission ends after 0\.607 ms > budget 0\.3 ms/, perSizeFails: true },
  { name: 'DL budget shorter than the first transmission', branch: 'deadline', phyClass: DL_CLASS, service: { ...DL_SERVICE, latencyBudgetMs: 0.5 }, link: defaultLink, reason: /24 B: first transmission ends after/, perSizeFails: true },
  { name: 'epsilon the class cannot reach', branch: 'epsilon', phyClass: UL_CLASS, service: ulSvc({ epsilon: 1e-9 }), link: defaultLink, reason: /140 B: P\(miss\) .* > epsilon 1e-9/, perSizeFails: true },
  { name: 'epsilon missed at low SNR', branch: 'epsilon', phyClass: DL_CLASS, service: DL_SERVICE, link: link({ snrDb: 3 }), reason: /24 B: P\(miss\) .* > epsilon 0\.001/, perSizeFails: true },
  { name: 'ten million UEs overload the carrier', branch: 'load', phyClass: UL_CLASS, service: ulSvc({ ueCount: 1e7 }), link: defaultLink, reason: /offered load .* % exceeds the carrier's UL capacity/ },
  { name: 'a 1-µs period on TDD DDDDDDDDSU', branch: 'load', phyClass: UL_CLASS, service: ulSvc({ periodMs: 0.001, ueCount: 100 }), link: link({ duplex: 'TDD', tddPattern: 'DDDDDDDDSU' }), reason: /offered load .* exceeds the carrier's UL capacity/ },
];

/** The positive cases: the planner's own classes on their services, and the same on a TDD link. */
export const VERIFY_POSITIVE_CASES: readonly Omit<VerifyCase, 'reason' | 'branch'>[] = [
  { name: 'UL telemetry class on the default link', phyClass: UL_CLASS, service: UL_SERVICE, link: defaultLink },
  { name: 'DL C2 class on the default link', phyClass: DL_CLASS, service: DL_SERVICE, link: defaultLink },
  { name: 'UL telemetry class with 1000 UEs', phyClass: UL_CLASS, service: { ...UL_SERVICE, ueCount: 1000 }, link: defaultLink },
  { name: 'UL telemetry class on TDD DDDSU', phyClass: UL_CLASS, service: UL_SERVICE, link: { ...defaultLink, duplex: 'TDD', tddPattern: 'DDDSU' } },
];

/** A verify-like function (the real one or a mutant). */
export type VerifyFn = (c: PhyClass, s: VerifiableService, l: LinkContext) => Verdict;

/** Why `verify` did not refuse `k` as required, or null when it did. Never throws. */
export function missedRejection(verify: VerifyFn, k: VerifyCase): string | null {
  let v: Verdict;
  try {
    v = verify(k.phyClass, k.service, k.link);
  } catch (e) {
    return `threw ${String(e)}`;
  }
  if (v.pass !== false) return `pass is ${String(v.pass)}`;
  if (!v.reasons.some((r) => k.reason.test(r))) return `no reason matches ${k.reason}: ${JSON.stringify(v.reasons)}`;
  if (k.perSizeFails === true && !v.perSize.some((p) => p.pass === false)) return 'every per-size verdict passes';
  return null;
}

/** The `reject:<name>` markers of a verify.ts source text, in source order. */
export function rejectMarkers(source: string): string[] {
  return [...source.matchAll(/\/\* reject:(\w+) \*\//g)].map((m) => m[1] as string);
}
