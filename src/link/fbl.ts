/**
 * Finite-blocklength normal approximation of Polyanskiy, Poor and Verdú, "Channel coding rate in
 * the finite blocklength regime", IEEE Trans. IT 56(5), 2010 (eq. (1), §IV):
 *
 *   ε ≈ Q( (n·C − k + ½·log2 n) / √(n·V) ),     log2 M*(n, ε) ≈ n·C − √(n·V)·Q⁻¹(ε) + ½·log2 n.
 *
 * Convention: n counts COMPLEX channel uses (resource elements) and `snrDb` is the SNR ρ per complex
 * symbol (Es/N0). 'gaussian' is the complex AWGN channel with Gaussian input, C = log2(1+ρ),
 * V = ρ(ρ+2)/(ρ+1)²·log2²e. Finite constellations use the information-density moments of
 * constellation.ts (BPSK on the complex channel = bi-AWGN at per-dimension SNR 2ρ; QPSK / M²-QAM =
 * two independent M-PAM components at per-dimension SNR ρ, moments doubled).
 * Link to SPECTRE's real bi-AWGN convention (n real uses at per-dimension SNR P): n real BPSK uses at
 * P are n complex BPSK uses at ρ = P/2, and Eb/N0 = P/(2R) = ρ/R in both pictures.
 *
 * The third-order term is capped at the first: + min(½·log2 n, n·C). Without the cap the formula
 * sends ε → 0 as SNR → 0 whenever k < ½·log2 n (a regime where it is meaningless); with it ε → 1,
 * and nothing changes once n·C ≥ ½·log2 n (e.g. C ≥ 0.005 bit at n = 1000).
 *
 * Above 50 % block error (argument < 0) the dispersion is replaced by its running maximum over
 * SNR (equal to V below the SNR where V peaks). This keeps ε non-increasing in SNR for finite
 * constellations, whose V collapses at high SNR, and changes nothing where ε < 0.5.
 * See spec/bler.md §2.
 */
import type { ModulationInput } from '../core/types.js';
import { qfunc, qfuncInv } from './qfunc.js';
import { look, pamGrid, pamLookup, pamVRun, type PamGrid } from './constellation.js';

const LOG2E2 = Math.LOG2E * Math.LOG2E;
const DB_2 = 10 * Math.log10(2);

/**
 * Internal id of an input alphabet: 0 = gaussian, 1 = bpsk, 2 = qpsk, 4 = qam16, 6 = qam64, 8, 10
 * (bits per symbol); add BICM_CODE (16) for the bit-interleaved (Gray, BICM) moments.
 */
export type InputCode = number;
/** Offset added to an input code for the bit-interleaved (BICM, Gray-labelled) moments. */
export const BICM_CODE = 16;

/** Input code of a modulation input (its bits per symbol; 0 for 'gaussian'). */
export function inputCode(input: ModulationInput): InputCode {
  switch (input) {
    case 'gaussian':
      return 0;
    case 'bpsk':
      return 1;
    case 'qpsk':
      return 2;
    case 'qam16':
      return 4;
    case 'qam64':
      return 6;
    case 'qam256':
      return 8;
    case 'qam1024':
      return 10;
    default:
      return 0;
  }
}

/** The modulation input of an NR modulation order Qm (1 = π/2-BPSK, 2 = QPSK, … 10 = 1024-QAM). */
export function inputForQm(qm: number): ModulationInput {
  switch (qm) {
    case 1:
      return 'bpsk';
    case 2:
      return 'qpsk';
    case 4:
      return 'qam16';
    case 6:
      return 'qam64';
    case 8:
      return 'qam256';
    case 10:
      return 'qam1024';
    default:
      return 'gaussian';
  }
}

// every code (< 2·BICM_CODE) has a slot from the start: a read past the end of a growing array makes
// optimised readers deoptimise (issue 18, fresh process)
const pamCache: (PamGrid | undefined)[] = new Array<PamGrid | undefined>(2 * BICM_CODE).fill(undefined);
function gridFor(code: InputCode): PamGrid {
  let g = pamCache[code];
  if (!g) {
    const base = code & 15;
    const m = base === 1 ? 2 : 1 << (base >> 1);
    g = pamGrid(m, code >= BICM_CODE);
    pamCache[code] = g;
  }
  return g;
}

/** Scratch output of `channelStats` (no allocation on the hot path). */
export const channelStatsOut = {
  /** Capacity C in bits per complex channel use. */
  c: 0,
  /** Dispersion V in bits² per complex channel use. */
  v: 0,
  /** Running-max dispersion (bits² per complex use); equals `v` unless `wantRun` was set. */
  vRun: 0,
};

/**
 * C (bits per complex use), V (bits² per complex use) and the running-max V of an input alphabet at
 * complex-symbol SNR `snrDb`, written to `channelStatsOut`. `wantRun` computes vRun (needed above ε = 0.5 only).
 */
export function channelStats(code: InputCode, snrDb: number, wantRun: boolean): void {
  if (code === 0) {
    const rho = snrDb === snrDb ? Math.pow(10, snrDb / 10) : 0;
    const r = rho < 1e300 ? rho : 1e300;
    const c = Math.log2(1 + r);
    const q = 1 / (1 + r);
    const v = (1 - q * q) * LOG2E2; // ρ(ρ+2)/(ρ+1)² = 1 − 1/(1+ρ)²
    channelStatsOut.c = c;
    channelStatsOut.v = v;
    channelStatsOut.vRun = v;
    return;
  }
  const g = gridFor(code);
  const bpsk = (code & 15) === 1;
  const sDb = bpsk ? snrDb + DB_2 : snrDb;
  pamLookup(g, sDb);
  const k = bpsk ? 1 : 2;
  channelStatsOut.c = k * look.c;
  channelStatsOut.v = k * look.v;
  channelStatsOut.vRun = wantRun ? k * pamVRun(g, sDb) : channelStatsOut.v;
}

/**
 * Block error probability of the normal approximation for n complex channel uses and k information
 * bits. Kernel without validation or allocation: non-finite or out-of-range arguments saturate
 * (n < 1 or NaN → 1 unless k ≤ 0; k ≤ 0 → 0; NaN SNR → 1).
 */
export function normalApproximationCode(code: InputCode, n: number, k: number, snrDb: number): number {
  if (!(k > 0)) return k === k ? 0 : 1;
  if (!(n >= 1) || snrDb !== snrDb) return 1;
  if (n > 1e15) n = 1e15;
  if (k > 1e18) return 1;
  return naKernel(code, n, k, 0.5 * Math.log2(n), snrDb);
}

/**
 * The normal approximation with ½·log2 n precomputed (`halfLog2n`) and the dispersion multiplied by
 * `vScale` (≥ 1 widens the waterfall, as practical receivers show); arguments must be valid
 * (n ≥ 1, k > 0, SNR not NaN). Hot-path kernel of the block-error models.
 */
export function naKernel(code: InputCode, n: number, k: number, halfLog2n: number, snrDb: number, vScale = 1): number {
  channelStats(code, snrDb, false);
  const nc = n * channelStatsOut.c;
  const num = nc - k + (halfLog2n < nc ? halfLog2n : nc);
  if (num < 0) {
    if (code !== 0) channelStats(code, snrDb, true);
    const vr = channelStatsOut.vRun * vScale;
    if (!(vr > 0)) return 1;
    return qfunc(num / Math.sqrt(n * vr));
  }
  const v = channelStatsOut.v * vScale;
  if (!(v > 0)) return 0;
  return qfunc(num / Math.sqrt(n * v));
}

/**
 * PPV normal approximation of the block error probability:
 * ε ≈ Q((n·C − k + ½·log2 n)/√(n·V)) with n complex channel uses, k information bits, SNR per
 * complex symbol in dB, and the channel input alphabet. Always in [0, 1]; never NaN.
 */
export function normalApproximation(p: {
  readonly n: number;
  readonly k: number;
  readonly snrDb: number;
  readonly input: ModulationInput;
}): number {
  return normalApproximationCode(inputCode(p.input), p.n, p.k, p.snrDb);
}

/**
 * Inverse of the normal approximation: the largest number of information bits (real-valued, ≥ 0)
 * that n complex channel uses carry with block error `epsilon` at `snrDb`:
 * k = n·C − √(n·V)·Q⁻¹(ε) + min(½·log2 n, n·C) (clamped at 0; epsilon clamped into (0, 1)).
 */
export function maxInfoBits(p: {
  readonly n: number;
  readonly epsilon: number;
  readonly snrDb: number;
  readonly input: ModulationInput;
}): number {
  const n = p.n;
  if (!(n >= 1) || p.snrDb !== p.snrDb || p.epsilon !== p.epsilon) return 0;
  const nn = n > 1e15 ? 1e15 : n;
  const code = inputCode(p.input);
  const qi = qfuncInv(p.epsilon);
  channelStats(code, p.snrDb, qi < 0);
  const v = qi < 0 ? channelStatsOut.vRun : channelStatsOut.v;
  const nc = nn * channelStatsOut.c;
  const h = 0.5 * Math.log2(nn);
  const k = nc - Math.sqrt(nn * v) * qi + (h < nc ? h : nc);
  return k > 0 ? k : 0;
}
