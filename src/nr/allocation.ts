/**
 * The resource elements of one PDSCH/PUSCH allocation, and the coded bits they carry: the ONE place
 * the planner (classes/definition.ts), `verify` (classes/verify.ts), the classifier (through the
 * class's nRePerPrb) and the scheduler (scheduler/scenario.ts) take N'_RE, N_RE, G and the
 * rate-matched length E per code block from (spec/tbs.md §"Allocation").
 *
 * - Data symbols N_symb^sh (TS 38.214 §5.1.2.1): a slot-based (mapping type A) DL allocation starts
 *   after the control region (the CORESET at the start of the slot, `controlSymbols`, default
 *   DL_CONTROL_SYMBOLS = 2), so a 14-symbol DL TTI carries S = 2, L = 12 PDSCH symbols; mini-slots
 *   (type B) and UL allocations use all their symbols (DL mini-slots are placed after the control
 *   region by the occasion grid, nr/slotPattern.ts).
 * - DM-RS REs per PRB N_DMRS^PRB (TS 38.211 §7.4.1.1.2 / §6.4.1.1.3 via `dmrsRePerPrb`, CDM groups
 *   without data counted): duration l_d from the slot start to the last symbol for type A (here 14),
 *   the allocation length for type B; PDSCH tables for DL, PUSCH tables for UL.
 * - N'_RE = 12·N_symb^sh − N_DMRS^PRB − N_oh^PRB, N_RE = min(156, N'_RE)·n_PRB (TS 38.214 §5.1.3.2).
 * - G = N_RE·Q_m·ν coded bits (TS 38.212 §5.4.2.1 / §7.2.6 / §6.2.7), E_r per code block from G.
 * - The BLER model's E (`payloadCodedBits`): the coded bits per code block the transport block's
 *   PAYLOAD occupies at the MCS target rate, E = TBS/(C·R): the CRC bits (TB CRC, CB CRC; TS 38.212
 *   §5.1/§5.2.2) are inside K' but NOT information the rate carried, so the effective code rate is
 *   K'/E = (TBS + CRC)/(C·E) ≥ R. This is G/C up to the TBS quantisation of §5.1.3.2 (TBS is N_info
 *   rounded to the table, |TBS/N_info − 1| small; the property test bounds the gap) and always
 *   ≤ round(K'/R), the length the planner's lower bounds assume (so those stay sound).
 *
 * Pure, allocation-free (numbers in, numbers out) except `allocationRe`, which returns one object.
 */
import type { MappingType } from '../core/types.js';
import { dmrsRePerPrb } from './carrier.js';
import { DL_CONTROL_SYMBOLS } from './slotPattern.js';

/** Inputs of `allocationRe`: the TTI and the link's DM-RS / overhead configuration. */
export interface AllocationReParams {
  /** 'DL' (PDSCH) or 'UL' (PUSCH). */
  readonly direction: 'DL' | 'UL';
  /** Mapping type A (slot based, 14 symbols here) or B (mini-slot). */
  readonly mappingType: MappingType;
  /** TTI length in OFDM symbols (2..14): the time the allocation occupies in the slot grid. */
  readonly ttiSymbols: number;
  /** DL control region (CORESET symbols at the slot start, 0..3); default DL_CONTROL_SYMBOLS (2). */
  readonly controlSymbols?: number;
  /** dmrs-Type 1 or 2. */
  readonly dmrsType: 1 | 2;
  /** DM-RS CDM groups without data. */
  readonly cdmGroupsWithoutData: 1 | 2 | 3;
  /** dmrs-AdditionalPosition that applies to this mapping type (0..3). */
  readonly additionalPositions: 0 | 1 | 2 | 3;
  /** maxLength 1 (single-symbol) or 2 (double-symbol) DM-RS. */
  readonly maxLength: 1 | 2;
  /** xOverhead REs per PRB N_oh^PRB (0, 6, 12, 18). */
  readonly xOverheadRePerPrb: number;
}

/** The REs of an allocation per PRB (TS 38.214 §5.1.3.2). */
export interface AllocationRe {
  /** First data symbol S in the slot for type A DL (the control region), 0 otherwise. */
  readonly firstSymbol: number;
  /** N_symb^sh: OFDM symbols carrying the PDSCH/PUSCH (DM-RS symbols included). */
  readonly dataSymbols: number;
  /** N_DMRS^PRB. */
  readonly dmrsRePerPrb: number;
  /** N_oh^PRB (xOverhead). */
  readonly overheadRePerPrb: number;
  /** min(156, N'_RE): the data REs per PRB the TBS and G count (0 when none are left). */
  readonly nRePerPrb: number;
  /** dmrs-AdditionalPosition in force (selects the N1 column of TS 38.214 Table 5.3-1). */
  readonly additionalPositions: 0 | 1 | 2 | 3;
}

/** N_symb^sh of a TTI: type A DL starts after the control region (S = controlSymbols, L = 14 − S). */
export function dataSymbols(direction: 'DL' | 'UL', mappingType: MappingType, ttiSymbols: number, controlSymbols: number = DL_CONTROL_SYMBOLS): number {
  if (direction === 'DL' && mappingType === 'A') return Math.max(0, Math.min(ttiSymbols, 14 - controlSymbols));
  return ttiSymbols;
}

/** The REs per PRB of an allocation (see the module header). */
export function allocationRe(p: AllocationReParams): AllocationRe {
  const ctrl = p.controlSymbols ?? DL_CONTROL_SYMBOLS;
  const nSym = dataSymbols(p.direction, p.mappingType, p.ttiSymbols, ctrl);
  const first = p.direction === 'DL' && p.mappingType === 'A' ? p.ttiSymbols - nSym : 0;
  // l_d: type A counts from the slot start to the last data symbol, type B is the allocation length
  const ld = p.mappingType === 'A' ? first + nSym : nSym;
  const dmrs = dmrsRePerPrb({
    type: p.dmrsType,
    cdmGroupsWithoutData: p.cdmGroupsWithoutData,
    additionalPositions: p.additionalPositions,
    maxLength: p.maxLength,
    nSymbols: ld,
    mappingType: p.mappingType,
    channel: p.direction === 'DL' ? 'pdsch' : 'pusch',
  });
  const nPrime = 12 * nSym - dmrs - p.xOverheadRePerPrb;
  return {
    firstSymbol: first,
    dataSymbols: nSym,
    dmrsRePerPrb: dmrs,
    overheadRePerPrb: p.xOverheadRePerPrb,
    nRePerPrb: nPrime > 0 ? Math.min(156, nPrime) : 0,
    additionalPositions: p.additionalPositions,
  };
}

/** G = N_RE·Q_m·ν: coded bits of an allocation of `nPrb` PRBs with `nRePerPrb` data REs each. */
export function allocationCodedBits(nRePerPrb: number, nPrb: number, qm: number, nLayers: number): number {
  return nRePerPrb * nPrb * qm * nLayers;
}

/**
 * E of the BLER model for one code block of a transport block of `tbsBits` split into `codeBlocks`
 * blocks at target rate R = rateX1024/1024 and modulation order qm: max(qm, round(TBS/(C·R))), the
 * coded bits the payload occupies (the CRC is not counted as information; see the module header).
 */
export function payloadCodedBits(tbsBits: number, codeBlocks: number, rateX1024: number, qm: number): number {
  const e = Math.round((tbsBits * 1024) / (codeBlocks * rateX1024));
  return e > qm ? e : qm;
}
