/**
 * Issue 6 §7: a single service alone on the carrier — the simulator must agree with `verify`.
 * Representative catalogue services (UL configured grant on 7-symbol mini-slots with a packet
 * segmented over 2 TTIs, DL dynamic mini-slot, UL and DL slot-based multi-TTI packets) are planned
 * on the default link (`plan`), simulated alone with exactly that class (one UE, EDF), and the
 * measured miss ratio (late + dropped + expired) is compared with verify's achieved epsilon:
 * - on the planned link the simulation must not contradict the promise (Wilson 95 % lower bound
 *   <= verify epsilon);
 * - 6 dB below the planned SNR, where misses are frequent enough to measure, the simulation must
 *   not be worse (lower bound <= verify epsilon) nor much better (verify epsilon <= 3 x upper
 *   bound; verify uses worst-case alignment and charges every segment the last one's timing, so
 *   being somewhat better is expected).
 * The full table is in spec/scheduler.md §8.1 (test/scheduler/verify-agreement.ts).
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { serviceById } from '../../src/services/catalogue.js';
import { verify } from '../../src/classes/index.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { blerModel } from '../../src/link/bler.js';
import { harqAttemptErrors } from '../../src/link/harq.js';
import { simulate } from '../../src/scheduler/index.js';
import { AGREEMENT_LINK_PATCH, agreementRow, plannedClass } from './verify-agreement.js';

const SUBSET = ['teleop.haptic_feedback', 'v2x.remote_driving_commands', 'xr.pose_ul', 'teleop.uplink_features', 'xr.split_rendering_dl'];

describe('single service alone on the carrier agrees with verify', () => {
  for (const id of SUBSET) {
    it(id, () => {
      const s = serviceById(id);
      if (O.isNone(s)) throw new Error(`no catalogue service ${id}`);
      const c = plannedClass(s.value);
      expect(c).not.toBeNull();
      const nominal = agreementRow(s.value, c!, 20_000, 7);
      expect(nominal.decided).toBeGreaterThan(90);
      expect(nominal.lower).toBeLessThanOrEqual(nominal.verifyEpsilon);
      const low = agreementRow(s.value, c!, 20_000, 8, -6);
      expect(low.verifyEpsilon).toBeGreaterThan(5e-3); // measurable
      expect(low.lower).toBeLessThanOrEqual(low.verifyEpsilon);
      expect(low.verifyEpsilon).toBeLessThanOrEqual(3 * low.upper);
    });
  }
});

describe('a multi-TTI packet whose last segment only just fits (spec/planner.md §3.2)', () => {
  it('verify counts the push-back by retransmissions of earlier segments; without it the simulator contradicts the promise', () => {
    const s = serviceById('xr.split_rendering_dl');
    if (O.isNone(s)) throw new Error('no catalogue service xr.split_rendering_dl');
    const c = plannedClass(s.value)!;
    const base = { ...defaultLink, ...AGREEMENT_LINK_PATCH };
    const big = verify(c, s.value, base).perSize.at(-1)!;
    expect(big.nTti).toBeGreaterThan(4); // segmented well beyond the HARQ round trip
    // the largest packet only, with a deadline 0.01 ms after its last segment's last transmission
    const tight = { ...s.value, id: 'tight', payload: { ...s.value.payload, sizesBytes: [big.sizeBytes] }, latencyBudgetMs: big.latencyLastMs + 0.01, epsilon: 0.1 };
    const link = { ...base, snrDb: defaultLink.snrDb - 4 };
    const v = verify(c, tight, link);
    const r = simulate(
      { name: 'tight', policy: 'edf', link: { band: 'none', duplex: 'FDD', snrDb: link.snrDb, ...AGREEMENT_LINK_PATCH }, classes: [c], services: [{ service: tight, ueCount: 1, class: c.id }] },
      { slots: 40_000, seed: 3 },
    );
    if (E.isLeft(r)) throw new Error(r.left.message);
    const g = r.right.services[0]!;
    expect(g.decided).toBeGreaterThan(300);
    expect(g.missCi.lower).toBeLessThanOrEqual(v.epsilonAchieved);
    // the classic 1 − (1 − e_K)^m (every segment within K transmissions, no push-back) is contradicted
    const e = harqAttemptErrors({
      model: blerModel(link.blerModel, { receiver: link.receiver }),
      mcsTable: c.mcsTable,
      mcs: c.mcs,
      tbsBits: big.tbsBits,
      snrDb: link.snrDb,
      transmissions: c.maxTransmissions,
      combining: c.combining,
      fading: link.fading,
      fadingPerTransmission: link.harqFading,
    });
    const classic = 1 - (1 - e[v.perSize[0]!.transmissionsWithinBudget - 1]!) ** big.nTti;
    expect(g.missCi.lower).toBeGreaterThan(classic);
  });
});
