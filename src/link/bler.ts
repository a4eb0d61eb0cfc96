/**
 * Block-error models for NR code blocks and transport blocks on AWGN.
 *
 * - 'fbl-gaussian': PPV normal approximation with Gaussian input (the finite-blocklength limit).
 * - 'fbl-qam': PPV normal approximation with the MCS's constellation as input (coded modulation).
 * - 'nr-ldpc' (default): a TS 38.212 LDPC code block with bit-interleaved Gray QAM (BICM), modelled
 *   as the normal approximation with the BICM information-density moments plus an SNR
 *   implementation loss L(K', R, Qm) fitted to public link-level results for the NR LDPC code
 *   (spec/data/ldpc-calibration.json, scripts/fit-ldpc-loss.ts). Receiver presets: 'ideal'
 *   (layered/flooding sum-product decoding as in published decoder results) and 'conservative'
 *   (default: adds the RAN4-style implementation margin of a practical receiver).
 *
 * Code block: K' information bits (cbsBits, CB CRC included), E rate-matched bits (default
 * round(K'/R)), n = E/Qm complex channel uses. Transport block: 1 − Π(1 − CBLER_i) over the code
 * blocks of `ldpcSegmentation` (TS 38.212 §5.2.2), each with E = round(K'/R).
 * See spec/bler.md.
 */
import type { McsTableName } from '../core/types.js';
import { mcsTableVariant, mcsVariantMaxIndex, mcsVariantQm, mcsVariantRateX1024 } from '../nr/mcs.js';
import { ldpcSegmentation } from '../nr/ldpc.js';
import { payloadCodedBits } from '../nr/allocation.js';
import { BICM_CODE, channelStats, channelStatsOut, inputCode, inputForQm, naKernel, type InputCode } from './fbl.js';
import { LDPC_LOSS, type LdpcLossParams } from './nrLdpc.js';

/** Block-error model: 'fbl-gaussian' (PPV, Gaussian input), 'fbl-qam' (PPV, MCS constellation input), 'nr-ldpc' (BICM + fitted LDPC loss; default). */
export type BlerModelName = 'fbl-gaussian' | 'fbl-qam' | 'nr-ldpc';
/** Implementation-loss preset of 'nr-ldpc': 'ideal' (published decoder results) or 'conservative' (practical receiver; default). */
export type ReceiverPreset = 'ideal' | 'conservative';
/** Every block-error model name. */
export const BLER_MODEL_NAMES: readonly BlerModelName[] = ['fbl-gaussian', 'fbl-qam', 'nr-ldpc'];
/** Every receiver preset. */
export const RECEIVER_PRESETS: readonly ReceiverPreset[] = ['ideal', 'conservative'];

/** Code-block query: MCS row, K' = cbsBits, SNR per RE (dB), optional rate-matched length E. */
export interface CodeBlockQuery {
  /** MCS table (TS 38.214 §5.1.3.1: 'qam64', 'qam256', 'qam64LowSE', 'qam1024'). */
  readonly mcsTable: McsTableName;
  /** MCS index, an integer row of `mcsTable`; an invalid or reserved row gives error 1. */
  readonly mcs: number;
  /** Code-block size K' in bits, CB CRC included (≥ 1; 0 gives error 0). */
  readonly cbsBits: number;
  /** SNR per resource element, dB. */
  readonly snrDb: number;
  /** Rate-matched length E in bits (≥ Qm); default round(K'/R) with R the MCS target code rate. */
  readonly eBits?: number;
}

/** Transport-block query: MCS row, TBS (bits), SNR per RE (dB). */
export interface TransportBlockQuery {
  /** MCS table (TS 38.214 §5.1.3.1: 'qam64', 'qam256', 'qam64LowSE', 'qam1024'). */
  readonly mcsTable: McsTableName;
  /** MCS index, an integer row of `mcsTable`; an invalid or reserved row gives error 1. */
  readonly mcs: number;
  /** Transport-block size in bits (1..1e9), segmented per TS 38.212 §5.2.2. */
  readonly tbsBits: number;
  /** SNR per resource element, dB. */
  readonly snrDb: number;
}

/** A stateless block-error model (from `blerModel` or `nrLdpcModelWithLoss`). */
export interface BlerModel {
  /** Model name. */
  readonly name: BlerModelName;
  /** Receiver preset ('custom' for a model built by `nrLdpcModelWithLoss`). */
  readonly receiver: ReceiverPreset | 'custom';
  /** Error probability of one code block, in [0, 1]. Invalid MCS / sizes saturate to 1. */
  codeBlockErrorRate(p: CodeBlockQuery): number;
  /** Error probability of one transport block (any code block wrong), in [0, 1]. */
  transportBlockErrorRate(p: TransportBlockQuery): number;
  /**
   * Kernel behind both: error of a block of k bits sent over n complex channel uses with modulation
   * order qm at an SNR per RE (dB). `rate` is the code rate that selects the implementation loss of
   * 'nr-ldpc' (the MCS target rate; default k/(n·qm)); holding it fixed keeps the error
   * non-decreasing in k. No validation, no allocation.
   */
  blockError(qm: number, k: number, n: number, snrDb: number, rate?: number): number;
  /**
   * The SNR loss (dB) `blockError` subtracts for a block of k bits at code rate `rate` and
   * modulation order qm (0 for the 'fbl-*' models; monotone in k). With blockError non-decreasing
   * in k at fixed n, non-increasing in n at fixed k and non-increasing in SNR, it lets a caller
   * bound the error of every block size in a range from below (classes/model errLowerBound).
   */
  implementationLossDb(qm: number, k: number, rate: number): number;
  /**
   * An SNR (dB) at or below which `blockError(qm, k, n(k), snr, rate)` ≥ 1/2 for EVERY k in
   * [kMin, kMax], where n(k) = max(qm, round(k/rate))/qm (rate matching at the target rate, as the
   * planner forms code blocks); −Infinity when no SNR is shown. No kernel call: the kernel is
   * Q(num/√(n·V)) with num = n·C(snr − L(k)) − k + min(½·log2 n, n·C), and Q(z) ≥ 1/2 for z ≤ 0,
   * so C(snr − L(k)) ≤ ρ(k) = k/n − ½·log2(n)/n suffices; ρ is bounded below on the range in
   * closed form, L(k) ≥ min(L(kMin), L(kMax)) and C grows with SNR (spec/bler.md).
   */
  halfErrorSnrDb(qm: number, kMin: number, kMax: number, rate: number): number;
}

/** Per (table, mcs) constants: Qm, R, input code. Index = variant·32 + mcs. */
const QM = new Float64Array(4 * 32);
const RATE = new Float64Array(4 * 32);
const TABLES: readonly McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];
for (const t of TABLES) {
  const v = mcsTableVariant(t);
  const max = mcsVariantMaxIndex(v);
  for (let i = 0; i <= max; i++) {
    QM[v * 32 + i] = mcsVariantQm(v, i);
    RATE[v * 32 + i] = mcsVariantRateX1024(v, i) / 1024;
  }
}

function variantOf(table: McsTableName): number {
  switch (table) {
    case 'qam64':
      return 0;
    case 'qam256':
      return 1;
    case 'qam64LowSE':
      return 2;
    case 'qam1024':
      return 3;
    default:
      return -1;
  }
}

/**
 * Index into QM/RATE for a (table, mcs) query, or −1 when the table is unknown, the index is not an
 * integer in 0..31 or the entry is reserved (rate 0). One place for the check both queries need.
 */
function mcsSlot(table: McsTableName, mcs: number): number {
  const v = variantOf(table);
  if (v < 0 || !(mcs >= 0 && mcs < 32) || (mcs | 0) !== mcs) return -1;
  const idx = v * 32 + mcs;
  return (RATE[idx] as number) > 0 ? idx : -1;
}

function codeForQm(qm: number): InputCode {
  return inputCode(inputForQm(qm));
}

/** Implementation loss (dB) of the nr-ldpc model for K' bits, code rate r and modulation order qm. */
export function ldpcImplementationLossDb(p: LdpcLossParams, kBits: number, r: number, qm: number): number {
  const kk = kBits > 24 ? kBits : 24;
  const lk = Math.log10(kk / 1000);
  const q = qm > 2 ? 1 : 0; // QAM vs BPSK/QPSK indicator (legacy form; 0 in the shipped presets)
  // per-modulation-order terms (spec/bler.md §3.1): 16QAM, 64QAM, 256QAM/1024QAM relative to QPSK
  const eq = qm === 4 ? (p.eQm16 ?? 0) : qm === 6 ? (p.eQm64 ?? 0) : qm >= 8 ? (p.eQm256 ?? 0) : 0;
  const rr = r > 0.03 ? r : 0.03;
  const l = p.a + p.bLogK * lk + p.dRate * r + p.fInvR2 / (rr * rr) + p.eQam * q + eq + p.margin;
  return l > 0 ? l : 0;
}

function makeModel(name: BlerModelName, receiver: ReceiverPreset | 'custom', custom?: LdpcLossParams): BlerModel {
  const loss = custom ?? LDPC_LOSS[receiver === 'ideal' ? 'ideal' : 'conservative'];
  const ldpc = name === 'nr-ldpc';
  const vScale = ldpc && loss.vScale !== undefined && loss.vScale >= 1 ? loss.vScale : 1;
  const gauss = name === 'fbl-gaussian';
  // one-entry memo of the (qm, k, n)-dependent constants: the planner sweeps SNR or MCS with the
  // block size fixed, so the logs below are computed once per block shape, not per call
  let mQm = -1;
  let mK = -1;
  let mN = -1;
  let mCode: InputCode = 0;
  let mLoss = 0;
  let mHalfLog2n = 0;
  let mRate = -1;
  let mValid = false;
  const blockError = (qm: number, k: number, n: number, snrDb: number, rate?: number): number => {
    const rr = rate === undefined ? k / (n * qm) : rate;
    if (qm !== mQm || k !== mK || n !== mN || rr !== mRate) {
      mQm = qm;
      mK = k;
      mN = n;
      mRate = rr;
      mValid = k > 0 && k <= 1e18 && n >= 1 && n <= 1e15;
      mHalfLog2n = mValid ? 0.5 * Math.log2(n) : 0;
      if (gauss) {
        mCode = 0;
        mLoss = 0;
      } else if (!ldpc) {
        mCode = codeForQm(qm);
        mLoss = 0;
      } else {
        // BICM moments (Gray labelling) for QAM; identical to coded modulation for BPSK/QPSK.
        mCode = codeForQm(qm) + BICM_CODE;
        mLoss = ldpcImplementationLossDb(loss, k, rr, qm);
      }
    }
    if (!mValid) return k > 0 || k !== k ? 1 : 0;
    if (snrDb !== snrDb) return 1;
    return naKernel(mCode, n, k, mHalfLog2n, snrDb - mLoss, vScale);
  };
  const codeBlockErrorRate = (p: CodeBlockQuery): number => {
    const idx = mcsSlot(p.mcsTable, p.mcs);
    if (idx < 0) return 1;
    const qm = QM[idx] as number;
    const r = RATE[idx] as number;
    const k = p.cbsBits;
    if (!(k >= 1)) return k === 0 ? 0 : 1;
    const e = p.eBits;
    const eBits = e === undefined ? Math.round(k / r) : e;
    if (!(eBits >= qm)) return 1;
    return blockError(qm, k, eBits / qm, p.snrDb, r);
  };
  let tTbs = -1;
  let tRate = -1;
  let tK = 0;
  let tC = 1;
  const transportBlockErrorRate = (p: TransportBlockQuery): number => {
    const idx = mcsSlot(p.mcsTable, p.mcs);
    if (idx < 0) return 1;
    const qm = QM[idx] as number;
    const r = RATE[idx] as number;
    const tbs = p.tbsBits;
    if (!(tbs >= 1) || tbs > 1e9) return 1;
    if (tbs !== tTbs || r !== tRate) {
      // one-entry memo of the segmentation (the planner sweeps SNR at a fixed TBS)
      const seg = ldpcSegmentation(tbs, r * 1024);
      tTbs = tbs;
      tRate = r;
      tK = seg.kPrime;
      tC = seg.codeBlocks;
    }
    // E from the payload, not from K' (the CRC is not information; nr/allocation payloadCodedBits)
    const e = payloadCodedBits(tbs, tC, r * 1024, qm);
    const cb = blockError(qm, tK, e / qm, p.snrDb, r);
    return tbFromCb(cb, tC);
  };
  const implementationLossDb = (qm: number, k: number, rate: number): number => (ldpc ? ldpcImplementationLossDb(loss, k, rate, qm) : 0);
  const halfErrorSnrDb = (qm: number, kMin: number, kMax: number, rate: number): number => {
    if (!(qm >= 1 && kMin >= 1 && kMax >= kMin && kMax <= 1e15 && rate > 0)) return Number.NEGATIVE_INFINITY;
    // k/n(k) ≥ qm·k/max(qm, k/R + 0.5), non-decreasing in k: its value at kMin
    const a = (qm * kMin) / Math.max(qm, kMin / rate + 0.5);
    // ½·log2(n)/n is at most ½·log2(e)/e, and decreasing for n ≥ e: n(k) ≥ max(1, (kMin/R − 0.5)/qm)
    const nLow = Math.max(1, (kMin / rate - 0.5) / qm);
    const b = nLow >= Math.E ? (0.5 * Math.log2(nLow)) / nLow : (0.5 * Math.LOG2E) / Math.E;
    const rho = a - b;
    const code: InputCode = gauss ? 0 : ldpc ? codeForQm(qm) + BICM_CODE : codeForQm(qm);
    const cap = (x: number): number => {
      channelStats(code, x, false);
      return channelStatsOut.c;
    };
    // largest s (to ~0.005 dB, rounded down) with C(s) ≤ ρ, by bisection on [−60, 100] dB
    let lo = -60;
    let hi = 100;
    if (!(cap(lo) <= rho)) return Number.NEGATIVE_INFINITY;
    if (cap(hi) <= rho) lo = hi;
    else {
      for (let i = 0; i < 15; i++) {
        const mid = 0.5 * (lo + hi);
        if (cap(mid) <= rho) lo = mid;
        else hi = mid;
      }
    }
    const lMin = Math.min(implementationLossDb(qm, kMin, rate), implementationLossDb(qm, kMax, rate));
    return lo + lMin;
  };
  return { name, receiver, codeBlockErrorRate, transportBlockErrorRate, blockError, implementationLossDb, halfErrorSnrDb };
}

/** 1 − (1 − p)^c without cancellation, clamped to [0, 1]. */
export function tbFromCb(p: number, c: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return 1;
  if (c <= 1) return p;
  const r = -Math.expm1(c * Math.log1p(-p));
  return r < 0 ? 0 : r > 1 ? 1 : r;
}

const models = new Map<string, BlerModel>();

/**
 * A block-error model by name (default 'nr-ldpc') and receiver preset (default 'conservative';
 * the preset only changes 'nr-ldpc'). Models are cached and stateless.
 */
export function blerModel(name: BlerModelName = 'nr-ldpc', opts?: { readonly receiver?: ReceiverPreset }): BlerModel {
  const nm: BlerModelName = name === 'fbl-gaussian' || name === 'fbl-qam' ? name : 'nr-ldpc';
  const rx: ReceiverPreset = opts?.receiver === 'ideal' ? 'ideal' : 'conservative';
  const key = `${nm}/${rx}`;
  let m = models.get(key);
  if (!m) {
    m = makeModel(nm, rx);
    models.set(key, m);
  }
  return m;
}

/**
 * An 'nr-ldpc' model with explicit implementation-loss parameters (for calibration scripts and
 * users who have their own receiver figures). Not cached.
 */
export function nrLdpcModelWithLoss(params: LdpcLossParams): BlerModel {
  return makeModel('nr-ldpc', 'custom', params);
}

/** SNR search range of snrForBler (dB); results saturate at the ends. */
export const SNR_SEARCH_MIN_DB = -30;
/** Upper end of the snrForBler search range, dB. */
export const SNR_SEARCH_MAX_DB = 60;

/**
 * The SNR (dB) at which a model's code-block error equals `targetBler`, by bracketing and
 * bisection (every model is non-increasing in SNR). Saturates to SNR_SEARCH_MIN_DB if even that
 * SNR meets the target and to SNR_SEARCH_MAX_DB if no SNR in range does. Accurate to 1e-6 dB.
 */
export function snrForBler(
  model: BlerModel,
  p: { readonly mcsTable: McsTableName; readonly mcs: number; readonly cbsBits: number; readonly eBits?: number },
  targetBler: number,
): number {
  const q = { mcsTable: p.mcsTable, mcs: p.mcs, cbsBits: p.cbsBits, snrDb: 0, ...(p.eBits === undefined ? {} : { eBits: p.eBits }) };
  const f = (s: number): number => model.codeBlockErrorRate({ ...q, snrDb: s });
  return bisectSnr(f, targetBler);
}

/** Smallest SNR in [SNR_SEARCH_MIN_DB, SNR_SEARCH_MAX_DB] with f(snr) ≤ target, for non-increasing f. */
export function bisectSnr(f: (snrDb: number) => number, target: number): number {
  const t = target !== target ? 0 : target;
  let lo = SNR_SEARCH_MIN_DB;
  let hi = SNR_SEARCH_MAX_DB;
  if (f(lo) <= t) return lo;
  if (f(hi) > t) return hi;
  // bracket more tightly with a coarse scan (5 dB) before bisecting
  for (let s = hi - 5; s > lo; s -= 5) {
    if (f(s) > t) {
      lo = s;
      break;
    }
    hi = s;
  }
  while (hi - lo > 1e-7) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > t) lo = mid;
    else hi = mid;
  }
  return hi;
}
