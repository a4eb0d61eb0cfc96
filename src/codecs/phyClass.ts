/**
 * io-ts codec of a PhyClass as printed by `phyclass plan --json` (under `phyClass`) and as listed in
 * a scenario's explicit `classes`: `decodePhyClass(u)` -> Either<PhyError, PhyClass>, errors in the
 * one format `path: expected …, got …` (codecs/decode.ts). `tbsBits` may carry a unit ("1128 bit",
 * "141 B"). The codec checks shapes and ranges only; whether the class is consistent with the 3GPP
 * tables and a link is `verify`'s job (classes/verify.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { PhyError } from '../core/errors.js';
import type { PhyClass } from '../classes/types.js';
import { MCS_INDEX, PRB, TTI_SYMBOLS } from '../core/ranges.js';
import { decodeWith, literalCodec } from './decode.js';
import { intRangeCodec, NonNegativeIntCodec, PositiveIntCodec, parseBits, quantityCodec } from './quantity.js';

const lit = <A extends string | number>(values: readonly A[], name: string): t.Type<A, A, unknown> => literalCodec(name, values);

const RateX1024 = new t.Type<number, number, unknown>(
  'rateX1024',
  (u): u is number => typeof u === 'number' && u > 0 && u < 1024,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 1024 ? t.success(u) : t.failure(u, c, 'a code rate x1024 in (0, 1024)')),
  t.identity,
);

/** Transport block size, whole bits >= 1 (a number or "1128 bit", "141 B"). */
const TbsBitsCodec = quantityCodec('tbsBits', (u) => parseBits(u, 'tbsBits'), (n) => (Number.isSafeInteger(n) && n >= 1 ? null : 'a whole number of bits >= 1'));

/** io-ts codec of a PhyClass (fiveQi, nDmrsRePerPrb and nOverheadRePerPrb optional). */
export const PhyClassCodec = t.intersection([
  t.type({
    /** Class id, referenced by `services[i].class` and `classOptions`. */
    id: t.string,
    /** Link direction, 'DL' or 'UL'. */
    direction: lit(['DL', 'UL'] as const, 'Direction'),
    /** Numerology 0..6 (SCS 15·2^mu kHz, TS 38.211 §4.2); some BWP must have it. */
    mu: lit([0, 1, 2, 3, 4, 5, 6] as const, 'Mu'),
    /** PDSCH/PUSCH mapping type (TS 38.214 §5.1.2.1): 'A' slot based, 'B' mini-slot. */
    mappingType: lit(['A', 'B'] as const, 'MappingType'),
    /** TTI (allocation) length in OFDM symbols, integer 2..14 (core/ranges TTI_SYMBOLS; slot-based DL longer than 14 - controlSymbols is cut to that, noted). */
    ttiSymbols: intRangeCodec(TTI_SYMBOLS.min, TTI_SYMBOLS.max),
    /** MCS table (TS 38.214 Tables 5.1.3.1-1..4). */
    mcsTable: lit(['qam64', 'qam256', 'qam64LowSE', 'qam1024'] as const, 'McsTable'),
    /** MCS index in `mcsTable`, integer 0..31 (core/ranges MCS_INDEX; a scenario also needs the row to exist, checkExplicitClass). */
    mcs: intRangeCodec(MCS_INDEX.min, MCS_INDEX.max),
    /** Modulation order Qm (bits per symbol) of (mcsTable, mcs). */
    qm: PositiveIntCodec,
    /** Target code rate R·1024 of (mcsTable, mcs), in (0, 1024). */
    rateX1024: RateX1024,
    /** Maximum HARQ transmissions per transport block, integer >= 1 (1 = no retransmission). */
    maxTransmissions: PositiveIntCodec,
    /** HARQ combining: 'chase' or 'ir' (incremental redundancy). */
    combining: lit(['chase', 'ir'] as const, 'Combining'),
    /** Repetitions of each HARQ transmission (slot / mini-slot aggregation): 1, 2, 4 or 8. */
    repetitions: lit([1, 2, 4, 8] as const, 'Repetitions'),
    /** Uplink grant type (ITU-R M.2412 / TR 37.910 latency cases): 'dynamic', 'configured' or 'sr'; DL classes are scheduled dynamically. */
    grant: lit(['dynamic', 'configured', 'sr'] as const, 'GrantType'),
    /** PRBs per TTI for the largest packet, integer 1..275 (core/ranges PRB; smaller packets get fewer via allocationFor). */
    nPrb: intRangeCodec(PRB.min, PRB.max),
    /** Transport block size of one TTI at `nPrb` PRBs, bits, integer >= 1 ("1128 bit" accepted). */
    tbsBits: TbsBitsCodec,
    /** MIMO layers per codeword used for the TBS, integer 1..4. */
    nLayers: intRangeCodec(1, 4),
    /** Data resource elements per PRB per TTI, min(156, N'_RE) (TS 38.214 §5.1.3.2), integer >= 1. */
    nRePerPrb: PositiveIntCodec,
  }),
  t.partial({
    /** 5QI the class serves, or null (default null). */
    fiveQi: t.union([t.number, t.null]),
    /** DMRS REs per PRB counted in `nRePerPrb`, integer >= 0 (default 0). */
    nDmrsRePerPrb: NonNegativeIntCodec,
    /** xOverhead REs per PRB counted in `nRePerPrb`, integer >= 0 (default 0). */
    nOverheadRePerPrb: NonNegativeIntCodec,
  }),
]);

/** A decoded class with the optional fields filled (fiveQi null, DMRS and xOverhead REs 0). */
export function withClassDefaults(c: t.TypeOf<typeof PhyClassCodec>): PhyClass {
  return { fiveQi: null, nDmrsRePerPrb: 0, nOverheadRePerPrb: 0, ...c } as PhyClass;
}

/** Decode a PhyClass (JSON value); errors name the path (`root` prefixes it, e.g. 'phyClass'). */
export function decodePhyClass(u: unknown, root = ''): E.Either<PhyError, PhyClass> {
  return E.map(withClassDefaults)(decodeWith(PhyClassCodec, u, typeof root === 'string' ? root : ''));
}
