/**
 * Calibrated implementation-loss parameters of the 'nr-ldpc' block-error model (bler.ts).
 *
 * L(K', R, Qm) [dB] = a + bLogK·x + dRate·R + fInvR2/R² + eQam·q + margin,  x = log10(K'/1000),
 * q = 0 for BPSK/QPSK and 1 for every QAM order; R clamped at ≥ 0.03; L clamped at ≥ 0.
 * The SNR seen by the BICM normal approximation is snrDb − L.
 *
 * Both presets are fitted by scripts/fit-ldpc-loss.ts (coordinate-descent least squares on the
 * SNR error at the published BLER points) to spec/data/ldpc-calibration.json; fit and held-out errors
 * are tabulated in spec/bler.md §3:
 * - 'ideal': AFF3CT 5G-LDPC references (BPSK, AWGN, layered sum-product, 10 iterations; perfect
 *   CSI). Only BPSK at rate 1/2 with K = 512 and 6144 was available: QAM orders and other rates
 *   rely on the BICM normal approximation carrying the modulation/rate dependence.
 * - 'conservative': OpenAirInterface NR PDSCH AWGN BLER tables (MCS table 1, practical receiver with
 *   DMRS channel estimation). It is 1.7 dB (QPSK, R = 0.66) to 6.1 dB (MCS 0) above 'ideal', +1.7 dB for QAM.
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
  /** Extra loss for QAM orders (16QAM and above; q = 1), dB; 0 for BPSK/QPSK. */
  readonly eQam: number;
  /** Extra receiver margin (dB), 0 in both presets; for users' own margins. */
  readonly margin: number;
  /** Dispersion multiplier (≥ 1; default 1): practical receivers have shallower BLER curves. */
  readonly vScale?: number;
}

/** Fitted parameters (scripts/fit-ldpc-loss.ts --fit, rounded to 0.01 dB). */
export const LDPC_LOSS: {
  /** Fitted to AFF3CT 5G-LDPC references (ideal decoder, perfect CSI). */
  readonly ideal: LdpcLossParams;
  /** Fitted to OpenAirInterface NR PDSCH AWGN BLER tables (practical receiver). */
  readonly conservative: LdpcLossParams;
} = {
  ideal: { a: 0.95, bLogK: -0.07, dRate: 0, fInvR2: 0, eQam: 0, margin: 0 },
  conservative: { a: 2.51, bLogK: -0.07, dRate: 0, fInvR2: 0.0625, eQam: 1.7, margin: 0 },
};
