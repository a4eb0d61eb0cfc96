/**
 * link/control: the reliability of the control and feedback signalling a data transmission depends
 * on (issue 14 item 4; spec/harq.md §Control-channel errors).
 *
 * Three per-event error probabilities (`ControlErrors`):
 * - `pdcchMissProb`: the UE misses a DCI (PDCCH decoding failure, TS 38.213 §10.1). Every
 *   transmission scheduled by a DCI pays it: in DL every transmission (dynamic scheduling,
 *   DCI 1_x); in UL the initial transmission of a dynamic or SR-triggered grant (DCI 0_x) and every
 *   retransmission (NR UL HARQ is asynchronous and adaptive: a retransmission needs a new DCI;
 *   TS 38.321 §5.4.2.2). A configured-grant initial transmission needs no DCI (TS 38.321 §5.8.2).
 * - `harqAckErrorProb`: a DL HARQ NACK received as ACK (or a DTX declared ACK) on PUCCH
 *   (TS 38.213 §9.2): the gNB stops retransmitting and the TB is lost. Paid after every NACK that
 *   would have triggered a retransmission within the budget. (UL has no explicit HARQ-ACK; its
 *   "NACK" is the retransmission DCI, charged by `pdcchMissProb`.)
 * - `srMissProb`: the gNB misses a scheduling request (PUCCH format 0/1, TS 38.213 §9.2.4); the
 *   grant = 'sr' access pays it once per packet.
 *
 * Accounting (an upper bound, sound for every combining and fading law): a missed DCI, a NACK→ACK
 * flip and a missed SR are each charged as a lost packet (in reality a missed DCI costs one HARQ
 * attempt — the gNB sees DTX and reschedules — and a missed SR one SR period; charging a loss is
 * conservative). With e_0 = 1 and e_i the HARQ error after i transmissions, a TB that may use k
 * transmissions is lost through control with probability at most
 *   c_TB = Σ_{i=1..k} e_{i−1}·p_DCI(i) + [DL] Σ_{i=1..k−1} e_i·p_NACK→ACK
 * (transmission i is sent only if the first i − 1 failed; a NACK after i is sent with probability e_i);
 * a packet of m TBs: P_miss ≤ min(1, P_miss,data + m·c_TB + [SR] p_SR) (union bound). It is
 * non-decreasing in every rate and in every e_i (property test test/properties/link.control.test.ts).
 *
 * Defaults (`DEFAULT_CONTROL_ERRORS`), URLLC grade: 3GPP sizes control better than the data target
 * (TR 38.913 §7.9 sets 1e-5 for the data; TR 38.824 §6.1.1 evaluates Rel-15 PDCCH against URLLC
 * targets below it, where the eMBB PDCCH operating point is 1e-2). PDCCH miss 1e-6 per DCI (one
 * decade below the 1e-5 data target); NACK→ACK 1e-4 per NACK: ten times better than the
 * TS 38.104 §8.3 PUCCH format 0/1 conformance minimum of 0.1 % (NACK→ACK), URLLC-grade; SR miss 1e-4
 * per SR (the same PUCCH format 0/1 detection grade). Users set their own with `link.controlErrors`.
 */

/** Per-event control-channel error probabilities (each in [0, 0.5]). */
export interface ControlErrors {
  /** P(the UE misses a DCI): paid by every DCI-scheduled transmission. */
  readonly pdcchMissProb: number;
  /** P(a DL HARQ NACK (or DTX) is taken for an ACK): the TB is lost. */
  readonly harqAckErrorProb: number;
  /** P(the gNB misses a scheduling request): paid once per packet by grant = 'sr'. */
  readonly srMissProb: number;
}

/** URLLC-grade defaults (see the header for the sources). */
export const DEFAULT_CONTROL_ERRORS: ControlErrors = Object.freeze({
  pdcchMissProb: 1e-6,
  harqAckErrorProb: 1e-4,
  srMissProb: 1e-4,
});

/** No control errors (the model before issue 14). */
export const NO_CONTROL_ERRORS: ControlErrors = Object.freeze({ pdcchMissProb: 0, harqAckErrorProb: 0, srMissProb: 0 });

const p01 = (x: unknown): number => (typeof x === 'number' && x > 0 ? (x < 1 ? x : 1) : 0);

/** Whether transmission `txNo` (1-based) of a TB needs a DCI: DL always; UL retransmissions and non-configured initial grants. */
export function needsDci(direction: 'DL' | 'UL', grant: 'configured' | 'dynamic' | 'sr', txNo: number): boolean {
  return direction === 'DL' || txNo > 1 || grant !== 'configured';
}

/**
 * Upper bound of P(one TB is lost through control signalling) when it may use `k` transmissions,
 * with e[0] = 1 and e[i] the HARQ error after i transmissions (c_TB in the header).
 */
export function controlLossPerTb(
  e: ArrayLike<number>,
  k: number,
  direction: 'DL' | 'UL',
  grant: 'configured' | 'dynamic' | 'sr',
  ctrl: ControlErrors | undefined,
): number {
  if (ctrl === undefined) return 0;
  const pd = p01(ctrl.pdcchMissProb);
  const pa = direction === 'DL' ? p01(ctrl.harqAckErrorProb) : 0;
  if (pd === 0 && pa === 0) return 0;
  let c = 0;
  for (let i = 1; i <= k; i++) {
    const prev = i === 1 ? 1 : p01(e[i - 1]);
    if (needsDci(direction, grant, i)) c += prev * pd;
    if (i < k) c += p01(e[i]) * pa;
  }
  return c;
}

/**
 * The packet miss probability with control errors: min(1, dataMiss + segs·c_TB + [grant = 'sr'] p_SR).
 * Equals `dataMiss` when `ctrl` is undefined or all rates are 0.
 */
export function withControlErrors(
  dataMiss: number,
  e: ArrayLike<number>,
  k: number,
  segs: number,
  direction: 'DL' | 'UL',
  grant: 'configured' | 'dynamic' | 'sr',
  ctrl: ControlErrors | undefined,
): number {
  if (ctrl === undefined) return dataMiss;
  const extra = (segs > 0 ? segs : 1) * controlLossPerTb(e, k, direction, grant, ctrl) + (grant === 'sr' ? p01(ctrl.srMissProb) : 0);
  if (!(extra > 0)) return dataMiss;
  const m = dataMiss + extra;
  return m < 1 ? m : 1;
}
