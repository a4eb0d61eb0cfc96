/**
 * report/sensitivity: how much headroom a PHY class has before it fails `verify` (issue 14 item 7;
 * spec/assumptions.md §Sensitivity). Three one-dimensional views, each found with the independent
 * `verify` (never the planner's model), each monotone in its knob so a bisection finds the edge:
 *
 *  - SNR headroom: the dB the mean SNR may drop before the class fails — `verify`'s own bisection
 *    (`snrMarginDb`, 0.01 dB resolution).
 *  - HARQ round-trip headroom: the extra slots k of K1/K2 per HARQ round trip (a later HARQ-ACK or a
 *    later retransmission grant) the class tolerates. Each of the T−1 retransmissions then ends k slots
 *    later, so the last one ends (T−1)·k slots later; the view checks the class against a latency
 *    budget shortened by (T−1)·k slots of its numerology. That also shortens the budget seen by the
 *    earlier transmissions, so the figure is a lower bound of the true headroom. A class with one
 *    transmission has no round trip in its budget: n/a.
 *  - Control-error headroom: the largest per-event control-channel error rate p (PDCCH miss,
 *    HARQ-ACK NACK→ACK/DTX and SR miss all set to p) at which the class still passes, by bisection on
 *    log10 p in [1e-7, 0.5]; only when the link carries a `controlErrors` model, else n/a (the result
 *    then assumes control is free, as the assumptions header says).
 * Pure: no I/O; cost ≈ (1 + 7 + 25) `verify` calls per class.
 */
import type { LinkContext } from '../classes/link.js';
import type { PhyClass } from '../classes/types.js';
import { verify, verifyWith, type VerifiableService } from '../classes/verify.js';

/** The headroom of one class for one service on one link. */
export interface ClassSensitivity {
  readonly serviceId: string;
  readonly classId: string;
  /** The class passes `verify` at the link as given (every headroom below is 0 / null when not). */
  readonly pass: boolean;
  /** dB the mean SNR may drop before the class fails (verify's bisection, 0.01 dB). */
  readonly snrHeadroomDb: number;
  /** Extra K1/K2 slots per HARQ round trip before the deadline fails (a lower bound); null = n/a. */
  readonly harqRoundTripHeadroomSlots: number | null;
  /** True when the round-trip search stopped at its cap (`HARQ_HEADROOM_CAP_SLOTS`): the headroom is at least that. */
  readonly harqRoundTripAtLeast: boolean;
  /** Largest per-event control error rate the class tolerates; null = n/a (no control-error model on the link). */
  readonly controlErrorHeadroom: number | null;
  /** True when the class passes even at the search's top rate (0.5). */
  readonly controlErrorAtLeast: boolean;
  /** One line per view saying what was found or why it does not apply. */
  readonly notes: readonly string[];
}

/** Largest extra K1/K2 delay searched, slots. */
export const HARQ_HEADROOM_CAP_SLOTS = 64;
const CE_LOG_MIN = -7;
const CE_LOG_MAX = Math.log10(0.5);

function controlErrorLink(link: LinkContext, p: number): LinkContext {
  return { ...link, controlErrors: { pdcchMissProb: p, harqAckErrorProb: p, srMissProb: p } } as unknown as LinkContext;
}

/** The SNR, HARQ round-trip and control-error headroom of `c` for `service` on `link`. Never throws. */
export function classSensitivity(c: PhyClass, service: VerifiableService, link: LinkContext): ClassSensitivity {
  const base = verify(c, service, link);
  const notes: string[] = [];
  if (!base.pass) {
    return {
      serviceId: service.id,
      classId: c.id,
      pass: false,
      snrHeadroomDb: 0,
      harqRoundTripHeadroomSlots: null,
      harqRoundTripAtLeast: false,
      controlErrorHeadroom: null,
      controlErrorAtLeast: false,
      notes: [`the class fails verify on this link: ${base.reasons.join('; ')}`],
    };
  }
  notes.push(`SNR: passes down to ${(link.snrDb - base.snrMarginDb).toFixed(2)} dB mean SNR (${base.snrMarginDb.toFixed(2)} dB below ${link.snrDb} dB)`);

  // HARQ round trip: budget shortened by (T-1)·k slots
  let rtt: number | null = null;
  let rttAtLeast = false;
  const T = c.maxTransmissions;
  if (T <= 1) notes.push('HARQ round trip: n/a (one transmission, no round trip in the budget)');
  else {
    const slotMs = 1 / 2 ** c.mu;
    const passesWith = (k: number): boolean => {
      const budget = service.latencyBudgetMs - (T - 1) * k * slotMs;
      return budget > 0 && verifyWith(c, { ...service, latencyBudgetMs: budget }, link, { snrMargin: false }).pass;
    };
    if (passesWith(HARQ_HEADROOM_CAP_SLOTS)) {
      rtt = HARQ_HEADROOM_CAP_SLOTS;
      rttAtLeast = true;
    } else {
      let lo = 0; // passes (the base verdict)
      let hi = HARQ_HEADROOM_CAP_SLOTS; // fails
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (passesWith(mid)) lo = mid;
        else hi = mid;
      }
      rtt = lo;
    }
    notes.push(`HARQ round trip: ${rttAtLeast ? '≥ ' : ''}${rtt} extra slot${rtt === 1 ? '' : 's'} of K1/K2 per round trip (${T} transmissions; a lower bound)`);
  }

  // control errors: only when the link has a model for them
  let ce: number | null = null;
  let ceAtLeast = false;
  const x = link as unknown as Readonly<Record<string, unknown>>;
  if (x['controlErrors'] === undefined || x['controlErrors'] === null) notes.push('control errors: n/a (the link has no control-error model; control is taken as free)');
  else {
    const passesAt = (logP: number): boolean => verifyWith(c, service, controlErrorLink(link, 10 ** logP), { snrMargin: false }).pass;
    if (passesAt(CE_LOG_MAX)) {
      ce = 0.5;
      ceAtLeast = true;
    } else if (!passesAt(CE_LOG_MIN)) ce = 0;
    else {
      let lo = CE_LOG_MIN;
      let hi = CE_LOG_MAX;
      for (let i = 0; i < 25 && hi - lo > 0.01; i++) {
        const mid = (lo + hi) / 2;
        if (passesAt(mid)) lo = mid;
        else hi = mid;
      }
      ce = +(10 ** lo).toPrecision(3);
    }
    notes.push(
      ceAtLeast
        ? `control errors: passes with every per-event control error rate up to ${ce}, the largest searched`
        : `control errors: passes with every per-event control error rate ≤ ${ce}`,
    );
  }
  return {
    serviceId: service.id,
    classId: c.id,
    pass: true,
    snrHeadroomDb: base.snrMarginDb,
    harqRoundTripHeadroomSlots: rtt,
    harqRoundTripAtLeast: rttAtLeast,
    controlErrorHeadroom: ce,
    controlErrorAtLeast: ceAtLeast,
    notes,
  };
}
