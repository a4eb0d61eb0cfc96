/**
 * Calibrated implementation-loss parameters of the 'nr-ldpc' block-error model (bler.ts).
 *
 * L(K', R, Qm) [dB] = a + bLogK·x + dRate·R + fInvR2/R² + eQam·q + e_Qm + margin,  x = log10(K'/1000),
 * q = 0 for BPSK/QPSK and 1 for every QAM order (legacy indicator, 0 in both presets), e_Qm the
 * per-modulation-order term (eQm16 / eQm64 / eQm256, 0 for BPSK/QPSK); R clamped at ≥ 0.03; L ≥ 0.
 * The SNR seen by the BICM normal approximation is snrDb − L; E is taken from the payload
 * (nr/allocation payloadCodedBits), so the CRC is not counted as information.
 *
 * Fitted by scripts/fit-ldpc-loss.ts; fit and held-out errors are tabulated in spec/bler.md §3:
 * - 'ideal': AFF3CT 5G-LDPC references (BPSK, AWGN, layered sum-product, 10 iterations; perfect
 *   CSI; spec/data/ldpc-calibration.json). Only BPSK at rate 1/2 with K = 512 and 6144 was available:
 *   QAM orders and other rates rely on the BICM normal approximation carrying the modulation/rate dependence.
 * - 'conservative': weighted linear least squares on the training half of the 5G-LENA EESM link-level
 *   tables (spec/data/lena-eesm-crossings.json, alternate code-block sizes per MCS) and the
 *   OpenAirInterface NR PDSCH AWGN fit rows at 10 % BLER (practical receiver with DMRS channel
 *   estimation), plus a 0.45 dB receiver margin that puts every modulation order on the safe side
 *   (per order: mean error ≥ 0, 10th percentile ≥ −0.4 dB on the training rows). No QPSK/QAM step:
 *   the per-order terms are 0 / 0.02 / 0.29 / 0.49 dB (QPSK / 16 / 64 / 256QAM).
 */
export interface LdpcLossParams {
  /** Constant loss term, dB. */
  readonly a: number;
  /** Loss per decade of code-block size, dB, multiplying x = log10(K'/1000). */
  readonly bLogK: number;
  /** Loss per unit of code rate R, dB. */
  readonly dRate: number;
  /** Low-rate term: practical receivers lose more at low code rate / low SNR (channel estimation). */
  readonly fInvR2: number;
  /** Extra loss for QAM orders (16QAM and above; q = 1), dB; 0 for BPSK/QPSK (0 in both shipped presets). */
  readonly eQam: number;
  /** Extra loss of 16QAM (Qm = 4) relative to QPSK, dB (default 0). */
  readonly eQm16?: number;
  /** Extra loss of 64QAM (Qm = 6) relative to QPSK, dB (default 0). */
  readonly eQm64?: number;
  /** Extra loss of 256QAM and 1024QAM (Qm ≥ 8) relative to QPSK, dB (default 0; no data for 1024QAM). */
  readonly eQm256?: number;
  /** Extra receiver margin (dB), 0 in both presets; for users' own margins. */
  readonly margin: number;
  /** Dispersion multiplier (≥ 1; default 1): practical receivers have shallower BLER curves. */
  readonly vScale?: number;
}

/** Fitted parameters (scripts/fit-ldpc-loss.ts --fit, rounded to 0.01 dB). */
export const LDPC_LOSS: {
  /** Fitted to AFF3CT 5G-LDPC references (ideal decoder, perfect CSI). */
  readonly ideal: LdpcLossParams;
  /** Fitted to 5G-LENA link-level tables (training half) and OpenAirInterface NR PDSCH AWGN tables, + safe-side margin. */
  readonly conservative: LdpcLossParams;
} = {
  ideal: { a: 0.95, bLogK: -0.07, dRate: 0, fInvR2: 0, eQam: 0, margin: 0 },
  conservative: { a: 3.81, bLogK: 0.21, dRate: -0.74, fInvR2: 0.045, eQam: 0, eQm16: 0.02, eQm64: 0.29, eQm256: 0.49, margin: 0 },
};
