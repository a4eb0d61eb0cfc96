/**
 * NR LDPC transport-block processing sizes: TB CRC length (TS 38.212 §7.2.1 / §6.2.1), base-graph
 * selection (§7.2.2 DL / §6.2.2 UL), code-block segmentation with the lifting size Zc from the
 * 51 values of Table 5.3.2-1 (§5.2.2), and the rate-matched length E_r of every code block
 * (§5.4.2.1, all code blocks scheduled, i.e. C' = C, no CBGTI).
 * Only sizes are computed (no encoding). See spec/ldpc.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type PhyError } from '../core/errors.js';

/** Result of code-block segmentation for one transport block. */
export interface LdpcSegmentation {
  /** LDPC base graph (TS 38.212 §7.2.2). */
  readonly baseGraph: 1 | 2;
  /** TB CRC length L_TB: 24 (CRC24A) if A > 3824, else 16 (CRC16). */
  readonly tbCrcBits: number;
  /** Same as tbCrcBits (name used in ARCHITECTURE.md). */
  readonly crcBits: number;
  /** Code-block CRC length L_CB: 24 (CRC24B) when C > 1, else 0. */
  readonly cbCrcBits: number;
  /** C, number of code blocks. */
  readonly codeBlocks: number;
  /** K' = B'/C, bits per code block before filler (payload + CB CRC). */
  readonly kPrime: number;
  /** K_b, number of systematic base-graph columns used (22 for BG1; 6, 8, 9 or 10 for BG2). */
  readonly kb: number;
  /** Z_c, lifting size: the smallest of Table 5.3.2-1 with K_b·Z_c ≥ K'. */
  readonly zc: number;
  /** Index i_LS of the lifting-size set containing Z_c (Table 5.3.2-1). */
  readonly liftingSetIndex: number;
  /** K = 22·Z_c (BG1) or 10·Z_c (BG2): code-block length with filler bits. */
  readonly k: number;
  /** F = K − K', filler bits per code block. */
  readonly fillerBits: number;
  /** B = A + L_TB, TB plus CRC. */
  readonly bBits: number;
  /** N = 66·Z_c (BG1) or 50·Z_c (BG2): LDPC codeword length per code block (full circular buffer, no LBRM). */
  readonly nBits: number;
}

/** TS 38.212 Table 5.3.2-1: lifting sizes Z = a·2^j ≤ 384 for set index i_LS (a = 2,3,5,7,9,11,13,15). */
export const LIFTING_SETS: readonly (readonly number[])[] = [2, 3, 5, 7, 9, 11, 13, 15].map((a) => {
  const zs: number[] = [];
  for (let z = a; z <= 384; z *= 2) zs.push(z);
  return Object.freeze(zs);
});

/** The 51 distinct lifting sizes of Table 5.3.2-1, ascending. */
export const LIFTING_SIZES: readonly number[] = Object.freeze([...new Set(LIFTING_SETS.flat())].sort((a, b) => a - b));

/** Maximum code-block size K_cb: 8448 (BG1) or 3840 (BG2). */
export function maxCodeBlockSize(baseGraph: 1 | 2): number {
  return baseGraph === 1 ? 8448 : 3840;
}

/** TB CRC length (TS 38.212 §7.2.1): 24 if A > 3824, else 16. */
export function tbCrcBits(tbsBits: number): number {
  return tbsBits > 3824 ? 24 : 16;
}

/**
 * LDPC base graph (TS 38.212 §7.2.2 / §6.2.2): BG2 if A ≤ 292, or A ≤ 3824 and R ≤ 0.67, or R ≤ 0.25;
 * otherwise BG1. R = rateX1024/1024 is the MCS target code rate. Exact: R ≤ 0.67 ⟺ 100·rateX1024 ≤ 68608.
 */
export function ldpcBaseGraph(tbsBits: number, rateX1024: number): 1 | 2 {
  if (tbsBits <= 292) return 2;
  if (tbsBits <= 3824 && rateX1024 * 100 <= 68608) return 2;
  if (rateX1024 <= 256) return 2;
  return 1;
}

/** Lookup tables over 0..384: the smallest lifting size ≥ m, and the set index of a lifting size (−1 if none). */
const ZC_AT_LEAST = new Int16Array(385);
const LIFTING_SET_OF = new Int8Array(385).fill(-1);
{
  LIFTING_SETS.forEach((zs, i) => {
    for (const z of zs) LIFTING_SET_OF[z] = i;
  });
  let next = 384;
  for (let m = 384; m >= 0; m--) {
    if (LIFTING_SET_OF[m] !== -1) next = m;
    ZC_AT_LEAST[m] = next;
  }
}

function liftingSetOf(z: number): number {
  return z >= 0 && z <= 384 ? LIFTING_SET_OF[z]! : -1;
}

/**
 * Code-block segmentation of a transport block of `tbsBits` bits coded at `rateX1024`
 * (TS 38.212 §5.2.2 with the base graph of §7.2.2). Total function: a non-finite or negative
 * `tbsBits` is treated as 0 and `rateX1024` is clamped to 0..1024; use
 * `ldpcSegmentationChecked` for user input. K' = B'/C exactly for every TBS that the
 * TS 38.214 procedure can produce; for other A it is ceil(B'/C) (the spec assumes divisibility).
 */
export function ldpcSegmentation(tbsBits: number, rateX1024: number): LdpcSegmentation {
  const a = Number.isFinite(tbsBits) && tbsBits > 0 ? Math.floor(tbsBits) : 0;
  const r = Number.isFinite(rateX1024) ? Math.min(1024, Math.max(0, rateX1024)) : 0;
  const baseGraph = ldpcBaseGraph(a, r);
  const lTb = tbCrcBits(a);
  const b = a + lTb;
  // C = 1 when B ≤ K_cb, else ⌈B/(K_cb − L_CB)⌉ with L_CB = 24; K' = B'/C, B' = B + C·L_CB
  const c = ldpcBlocks(a, r);
  const lCb = c > 1 ? 24 : 0;
  const kPrime = ldpcBlocks.kPrime;
  let kb: number;
  if (baseGraph === 1) kb = 22;
  else if (b > 640) kb = 10;
  else if (b > 560) kb = 9;
  else if (b > 192) kb = 8;
  else kb = 6;
  // the smallest Z of Table 5.3.2-1 with kb·Z ≥ K' (384 when none is: K' > kb·384)
  const zMin = Math.ceil(kPrime / kb);
  const zc = zMin <= 384 ? ZC_AT_LEAST[zMin]! : 384;
  const k = (baseGraph === 1 ? 22 : 10) * zc;
  return {
    baseGraph, tbCrcBits: lTb, crcBits: lTb, cbCrcBits: lCb, codeBlocks: c, kPrime, kb, zc,
    liftingSetIndex: liftingSetOf(zc), k, fillerBits: k - kPrime, bBits: b, nBits: (baseGraph === 1 ? 66 : 50) * zc,
  };
}

/**
 * C and K' of `ldpcSegmentation(tbsBits, rateX1024)` without building the result object (hot loops
 * of the planner's error bounds call this once per transport block): the number of code blocks is
 * returned, K' = ceil(B'/C) is left in `ldpcBlocks.kPrime`. Same normalisation of the arguments.
 */
export function ldpcBlocks(tbsBits: number, rateX1024: number): number {
  const a = Number.isFinite(tbsBits) && tbsBits > 0 ? Math.floor(tbsBits) : 0;
  const r = Number.isFinite(rateX1024) ? Math.min(1024, Math.max(0, rateX1024)) : 0;
  const b = a + tbCrcBits(a);
  const kcb = maxCodeBlockSize(ldpcBaseGraph(a, r));
  const c = b <= kcb ? 1 : Math.ceil(b / (kcb - 24));
  ldpcBlocks.kPrime = Math.ceil((b + (c > 1 ? c * 24 : 0)) / c);
  return c;
}
/** K' of the last `ldpcBlocks` call. */
ldpcBlocks.kPrime = 0;

/** `ldpcSegmentation` for user input: Left names `tbsBits` (an integer ≥ 24) or `rateX1024` (in (0, 1024)). */
export function ldpcSegmentationChecked(tbsBits: number, rateX1024: number): E.Either<PhyError, LdpcSegmentation> {
  if (typeof tbsBits !== 'number' || !Number.isInteger(tbsBits) || tbsBits < 24 || tbsBits > 10_000_000) {
    return E.left(invalidInput('tbsBits', 'an integer in 24..10000000', tbsBits));
  }
  if (typeof rateX1024 !== 'number' || !Number.isFinite(rateX1024) || rateX1024 <= 0 || rateX1024 >= 1024) {
    return E.left(invalidInput('rateX1024', 'a number in (0, 1024) (target code rate R·1024)', rateX1024));
  }
  return E.right(ldpcSegmentation(tbsBits, rateX1024));
}

/**
 * Rate-matched length E_r of each code block (TS 38.212 §5.4.2.1), all C code blocks scheduled
 * (C' = C): with G' = floor(G/(N_L·Q_m)) modulation symbols per layer, the first C − (G' mod C)
 * blocks get N_L·Q_m·floor(G'/C) bits and the rest N_L·Q_m·ceil(G'/C). The sum equals
 * N_L·Q_m·G' (= G when G is a multiple of N_L·Q_m, as it always is for a PDSCH/PUSCH).
 * Invalid arguments (non-positive or non-integer Qm/layers, negative G) give zeros; a malformed
 * `seg.codeBlocks` gives [].
 */
export function rateMatchedLengths(seg: LdpcSegmentation, gBits: number, qm: number, nLayers: number): number[] {
  const c = seg.codeBlocks;
  if (!(Number.isInteger(c) && c >= 1 && c <= 1_000_000)) return [];
  const out = new Array<number>(c).fill(0);
  if (!(Number.isInteger(qm) && qm > 0 && Number.isInteger(nLayers) && nLayers > 0 && Number.isFinite(gBits) && gBits > 0)) {
    return out;
  }
  const unit = nLayers * qm;
  const gSym = Math.floor(gBits / unit);
  const lo = Math.floor(gSym / c);
  const split = c - (gSym % c);
  for (let r = 0; r < c; r++) out[r] = unit * (r < split ? lo : lo + (gSym % c === 0 ? 0 : 1));
  return out;
}
