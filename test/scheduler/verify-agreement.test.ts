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
import * as O from 'fp-ts/lib/Option.js';
import { serviceById } from '../../src/services/catalogue.js';
import { agreementRow, plannedClass } from './verify-agreement.js';

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
