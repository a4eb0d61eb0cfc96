/**
 * Calibrated implementation-loss parameters of the 'nr-ldpc' block-error model (bler.ts).
 *
 * L(K', R, Qm) [dB] = a + bLogK·x + cLogK2·x² + dRate·R + eQam·q + margin,  x = log10(K'/1000),
 * q = 0 for BPSK/QPSK, 1 for 16QAM, 2 for 64QAM, 3 for 256QAM, 4 for 1024QAM; clamped at ≥ 0.
 * The SNR seen by the BICM normal approximation is snrDb − L.
 *
 * 'ideal' is fitted by scripts/fit-ldpc-loss.ts to the link-level points of
 * spec/data/ldpc-calibration.json (sum-product / layered BP decoders, AWGN, perfect CSI); the
 * held-out error is reported in spec/bler.md. 'conservative' adds a fixed practical-receiver
 * margin (channel estimation, fixed-point min-sum decoding) — see spec/bler.md §3.4 for its source.
 */
export interface LdpcLossParams {
  readonly a: number;
  readonly bLogK: number;
  readonly cLogK2: number;
  readonly dRate: number;
  readonly eQam: number;
  /** Extra receiver margin (dB) on top of the fitted decoder loss. */
  readonly margin: number;
}

/** Fitted decoder loss (dB) of the 'ideal' preset (see scripts/fit-ldpc-loss.ts). */
const FIT = { a: 0.9, bLogK: 0, cLogK2: 0, dRate: 0, eQam: 0 } as const;

/** Extra margin (dB) of the 'conservative' preset over 'ideal'. */
export const CONSERVATIVE_MARGIN_DB = 1.5;

export const LDPC_LOSS: { readonly ideal: LdpcLossParams; readonly conservative: LdpcLossParams } = {
  ideal: { ...FIT, margin: 0 },
  conservative: { ...FIT, margin: CONSERVATIVE_MARGIN_DB },
};
