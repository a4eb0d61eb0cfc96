/**
 * HARQ with soft combining: residual transport-block error after up to T transmissions and the
 * distribution of the number of transmissions needed (TS 38.321 §5.3.2 / TS 38.212 §5.4.2 RVs).
 *
 * Let e_t be the error of the decoding attempt that uses the first t transmissions:
 * - Chase combining (same coded bits every time): SNRs add, e_t = TBLER at the combined SNR.
 * - Incremental redundancy: the decoder sees t·E coded bits per code block, e_t = the model's block
 *   error for n = t·E/Qm channel uses (code rate R/t). For 'nr-ldpc' the code cannot go below the
 *   mother code (N = 66·Zc for BG1, 50·Zc for BG2, TS 38.212 §5.4.2.1 with a full circular buffer):
 *   bits beyond N repeat, adding SNR like Chase. IR is never credited less than Chase: e_t = min(IR, Chase).
 * Nested (monotone-coupling) assumption: an attempt with more combined energy/redundancy fails only
 * if the earlier ones failed, so P(fail after t) = e_t, P(success exactly at t) = e_{t−1} − e_t, and
 * the residual after T is e_T (an upper bound on the exact P(all T attempts fail)).
 *
 * Fading (per-branch mean SNR = snrDb, see fading.ts):
 * - 'same' (default, conservative): one channel realisation for all transmissions; e_t averaged over it.
 * - 'independent': i.i.d. realisations. Chase: the sum of T independent L-branch SNRs is the
 *   L·T-branch MRC SNR of the same family (Gamma / non-central χ²), so e_t = fading average with
 *   diversity multiplied by t. IR: accumulated information Σ_i log2(1+γ_i) over the t realisations
 *   (mutual-information effective SNR), by numerical convolution (see irIndependent below).
 * See spec/harq.md.
 */
import type { Combining, FadingModel, McsTableName } from '../core/types.js';
import { doubleArray } from '../core/typed.js';
import { mcsTableVariant, mcsVariantQm, mcsVariantRateX1024 } from '../nr/mcs.js';
import { ldpcSegmentation } from '../nr/ldpc.js';
import { payloadCodedBits } from '../nr/allocation.js';
import { tbFromCb, type BlerModel } from './bler.js';
import { correlatedRayleighAverage, jakesEigenvalues } from './correlation.js';
import { fadingAverage, fadingCdf, withDiversity } from './fading.js';

/** Input of the HARQ residual-error and transmission-count functions. */
export interface HarqQuery {
  /** Block-error model of one decoding attempt. */
  readonly model: BlerModel;
  /** MCS table (TS 38.214 §5.1.3.1). */
  readonly mcsTable: McsTableName;
  /** MCS index, a row of `mcsTable`. */
  readonly mcs: number;
  /** Transport-block size in bits. */
  readonly tbsBits: number;
  /** Mean SNR per RE (dB) of one transmission (per diversity branch under fading). */
  readonly snrDb: number;
  /** Maximum number of transmissions (initial + retransmissions), 1..HARQ_MAX_TRANSMISSIONS. */
  readonly transmissions: number;
  /** Soft combining: 'chase' (SNRs add) or 'ir' (incremental redundancy, never credited less than Chase). */
  readonly combining: Combining;
  /** Fading of the SNR around `snrDb`; default AWGN (no fading). */
  readonly fading?: FadingModel;
  /**
   * 'same' (default): one channel realisation for all transmissions; 'independent': i.i.d. realisations
   * per transmission; 'correlated': Rayleigh fades correlated in time by Jakes' model at `dopplerHz`,
   * transmission i sent at `transmissionTimesMs[i − 1]` (link/correlation.ts).
   */
  readonly fadingPerTransmission?: 'same' | 'independent' | 'correlated';
  /** Maximum Doppler shift (Hz) for 'correlated' (0 = a static channel, i.e. 'same'). */
  readonly dopplerHz?: number;
  /** Start time (ms) of each transmission for 'correlated', first at 0; missing entries are spaced 1 ms apart. */
  readonly transmissionTimesMs?: readonly number[];
}

/** Largest number of transmissions accepted (larger values are clamped). */
export const HARQ_MAX_TRANSMISSIONS = 8;

const AWGN: FadingModel = { kind: 'awgn' };

interface Setup {
  readonly qm: number;
  /** MCS target code rate (selects the nr-ldpc implementation loss for every attempt). */
  readonly r: number;
  readonly k: number;
  readonly e: number;
  readonly c: number;
  readonly nMother: number;
}

function setup(p: HarqQuery): Setup | undefined {
  const v = mcsTableVariant(p.mcsTable);
  const mcs = p.mcs;
  if (v < 0 || !(mcs >= 0 && mcs < 32) || (mcs | 0) !== mcs) return undefined;
  const qm = mcsVariantQm(v, mcs);
  const rx = mcsVariantRateX1024(v, mcs);
  if (!(rx > 0) || !(p.tbsBits >= 1) || p.tbsBits > 1e9) return undefined;
  const seg = ldpcSegmentation(p.tbsBits, rx);
  const r = rx / 1024;
  const k = seg.kPrime;
  // E from the payload (nr/allocation payloadCodedBits: the CRC is not information)
  const e = payloadCodedBits(p.tbsBits, seg.codeBlocks, rx, qm);
  return { qm, r, k, e, c: seg.codeBlocks, nMother: seg.nBits };
}

/** TB error of attempt t (1-based) at per-transmission SNR `snrDb`, for one channel realisation. */
function attemptError(model: BlerModel, s: Setup, combining: Combining, t: number, snrDb: number): number {
  const chaseCb = model.blockError(s.qm, s.k, s.e / s.qm, snrDb + 10 * Math.log10(t), s.r);
  if (combining === 'chase' || t === 1) return tbFromCb(chaseCb, s.c);
  const total = t * s.e;
  let cb: number;
  if (model.name === 'nr-ldpc' && total > s.nMother) {
    const coded = Math.max(s.e, s.nMother);
    cb = model.blockError(s.qm, s.k, coded / s.qm, snrDb + 10 * Math.log10(total / coded), s.r);
  } else {
    cb = model.blockError(s.qm, s.k, total / s.qm, snrDb, s.r);
  }
  return tbFromCb(Math.min(cb, chaseCb), s.c);
}

/**
 * Memo of `attemptErrors` per error model (object identity) and query: a system verification asks
 * the same HARQ query for every copy of a service and every admission step (issue 18: 300 services,
 * 2.6 s of 4.4 s). Bounded (cleared when full); a memo of a pure function, outputs never depend on it.
 */
const ATTEMPT_MEMO_MAX = 1 << 14;
const attemptMemo = new WeakMap<BlerModel, Map<string, readonly number[]>>();

function queryKey(p: HarqQuery): string {
  const f = p.fading ?? AWGN;
  const fk = f.kind === 'awgn' ? 'a' : f.kind === 'rayleigh' ? `r${f.diversity ?? ''}` : f.kind === 'rician' ? `k${f.kFactorDb}/${f.diversity ?? ''}` : `n${f.m}/${f.diversity ?? ''}`;
  const times = p.fadingPerTransmission === 'correlated' ? `${p.dopplerHz ?? ''}@${p.transmissionTimesMs?.join(',') ?? ''}` : '';
  return `${p.mcsTable}|${p.mcs}|${p.tbsBits}|${p.snrDb}|${p.transmissions}|${p.combining}|${fk}|${p.fadingPerTransmission ?? ''}|${times}`;
}

/** e_1..e_T (non-increasing), the error after each attempt (memoised: `attemptErrorsCompute`). */
function attemptErrors(p: HarqQuery): number[] {
  const model = p.model;
  if (typeof model !== 'object' || model === null) return attemptErrorsCompute(p);
  let memo = attemptMemo.get(model);
  if (memo === undefined) {
    memo = new Map();
    attemptMemo.set(model, memo);
  }
  const key = queryKey(p);
  const hit = memo.get(key);
  if (hit !== undefined) return hit.slice();
  const out = attemptErrorsCompute(p);
  if (memo.size >= ATTEMPT_MEMO_MAX) memo.clear();
  memo.set(key, out.slice());
  return out;
}

function attemptErrorsCompute(p: HarqQuery): number[] {
  const tMax = clampT(p.transmissions);
  const s = setup(p);
  const out: number[] = [];
  if (!s || p.snrDb !== p.snrDb) {
    for (let t = 1; t <= tMax; t++) out.push(1);
    return out;
  }
  const fading = p.fading ?? AWGN;
  // (read once: the closures below are inlined into the integrators, and queries come in several
  // shapes, so reading p.model there deoptimised them at the next shape; spec/benchmarks.md ninth pass)
  const model = p.model;
  const independent = p.fadingPerTransmission === 'independent' && fading.kind !== 'awgn';
  const correlated = p.fadingPerTransmission === 'correlated' && fading.kind === 'rayleigh';
  const combining: Combining = p.combining === 'ir' ? 'ir' : 'chase';
  let prev = 1;
  for (let t = 1; t <= tMax; t++) {
    let e: number;
    if (correlated && t > 1) {
      // Chase over correlated Rayleigh fades (IR credited as Chase: never more than it, conservative)
      // (doubles whatever the times: an array of small integers here gave jakesEigenvalues a second shape)
      const times = doubleArray();
      for (let i = 0; i < t; i++) {
        const x = p.transmissionTimesMs?.[i];
        times.push(typeof x === 'number' && Number.isFinite(x) ? x : i);
      }
      const l = fading.kind === 'rayleigh' ? (fading.diversity ?? 1) : 1;
      e = correlatedRayleighAverage((x) => attemptError(model, s, 'chase', 1, x), p.snrDb, l, jakesEigenvalues(p.dopplerHz ?? 0, times));
    } else if (!independent || t === 1) {
      e = fadingAverage((x) => attemptError(model, s, combining, t, x), p.snrDb, fading);
    } else {
      // Chase with i.i.d. fading: the combined SNR is an L·t-branch MRC SNR (sum of t·L branch SNRs).
      const chase = fadingAverage(
        (x) => attemptError(model, s, 'chase', 1, x),
        p.snrDb,
        withDiversity(fading, t),
      );
      e = combining === 'ir' ? Math.min(chase, irIndependent(model, s, t, p.snrDb, fading)) : chase;
    }
    if (!(e >= 0)) e = 1;
    if (e > prev) e = prev; // more attempts never hurt
    out.push(e);
    prev = e;
  }
  return out;
}

/**
 * IR with i.i.d. fading. Mutual-information effective-SNR mapping: t transmissions at SNRs γ_i carry
 * the accumulated capacity Σ log2(1+γ_i) (Gaussian-input capacity per RE as the accumulation
 * metric), which the decoder of the t·E-bit IR code sees as t transmissions at the one SNR γ_eff
 * with log2(1+γ_eff) = mean_i log2(1+γ_i). The distribution of X = ln(1+γ) is taken on a uniform
 * grid of IR_BINS bins from the fading CDF (fadingCdf), convolved t times, and the IR error at γ_eff
 * is averaged over it.
 */
const IR_BINS = 1500;
function irIndependent(model: BlerModel, s: Setup, t: number, meanDb: number, fading: FadingModel): number {
  const cdf = fadingCdf(fading, meanDb);
  const xMax = Math.log1p(Math.pow(10, cdf.hiDb / 10));
  const dx = xMax / IR_BINS;
  const single = new Float64Array(IR_BINS);
  let prevF = 0;
  for (let j = 0; j < IR_BINS; j++) {
    const g = Math.expm1((j + 1) * dx);
    const f = j === IR_BINS - 1 ? 1 : cdf.at(10 * Math.log10(g));
    single[j] = f > prevF ? f - prevF : 0;
    if (f > prevF) prevF = f;
  }
  let dist = single;
  for (let r = 2; r <= t; r++) {
    const next = new Float64Array(dist.length + IR_BINS - 1);
    for (let i = 0; i < dist.length; i++) {
      const pi = dist[i] as number;
      if (pi < 1e-20) continue;
      for (let j = 0; j < IR_BINS; j++) {
        const pj = single[j] as number;
        if (pj !== 0) next[i + j] = (next[i + j] as number) + pi * pj;
      }
    }
    dist = next;
  }
  let e = 0;
  for (let jj = 0; jj < dist.length; jj++) {
    const pj = dist[jj] as number;
    if (pj < 1e-20) continue;
    const meanX = ((jj + t / 2) * dx) / t; // bin centres
    const geff = Math.expm1(meanX);
    e += pj * attemptError(model, s, 'ir', t, geff > 0 ? 10 * Math.log10(geff) : -400);
  }
  return e > 1 ? 1 : e;
}

function clampT(t: number): number {
  if (!(t >= 1)) return 1;
  return Math.min(HARQ_MAX_TRANSMISSIONS, Math.floor(t));
}

/**
 * The array e_1..e_T: the residual transport-block error after each number of transmissions t = 1..T
 * (T = `transmissions`); e_t equals `harqResidualError({ ...p, transmissions: t })` exactly, at the
 * cost of one call.
 */
export function harqAttemptErrors(p: HarqQuery): number[] {
  return attemptErrors(p);
}

/**
 * Residual transport-block error after `transmissions` HARQ transmissions (in [0, 1]); never
 * increases with more transmissions and IR is never worse than Chase.
 */
export function harqResidualError(p: HarqQuery): number {
  const e = attemptErrors(p);
  return e[e.length - 1] ?? 1;
}

/**
 * [P(success exactly at transmission 1), …, P(success exactly at T), P(failure after T)];
 * the entries are ≥ 0 and sum to 1.
 */
export function harqTransmissionDistribution(p: HarqQuery): number[] {
  const e = attemptErrors(p);
  const out: number[] = [];
  let prev = 1;
  for (const x of e) {
    out.push(prev - x);
    prev = x;
  }
  out.push(prev);
  return out;
}
