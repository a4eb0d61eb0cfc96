/**
 * The per-link block of the walking-speed agreement (walking-agreement.test.ts runs the default link in
 * `npm test`; walking-agreement.slow.test.ts the free FDD carrier, slow tier): every class the planner
 * serves at walking speed on the link is simulated at the planned SNR and 6 dB below it and must not
 * confidently contradict verify. See walking-agreement.test.ts for the method.
 */
import { describe, expect, it } from 'vitest';
import { WALKING_LINKS, walkingClass, walkingRow, walkingServices } from './walking-agreement.js';

/** Services served at walking speed (15 dB, relaxations off), measured after the issue-14 physics. */
const SERVED: Readonly<Record<keyof typeof WALKING_LINKS, readonly string[]>> = {
  // n78 TDD DDDSU: the 1e-5 classes (haptic, platooning, collision avoidance, remote driving) and the
  // feature/video services are infeasible
  default: ['xr.pose_ul', 'uav.c2_stick', 'uav.telemetry_ul', 'v2x.sensor_sharing_lower'],
  // free FDD carrier: the UL occasions every slot also serve haptic, platooning and collision avoidance
  freeFdd: [
    'teleop.haptic_feedback',
    'v2x.platooning_control',
    'v2x.collision_avoidance',
    'xr.pose_ul',
    'uav.c2_stick',
    'uav.telemetry_ul',
    'v2x.sensor_sharing_lower',
  ],
};

/** Seeds for a run: at least 4, more for a service with few packets per 6000 slots (period ≥ 50 ms). */
export const seedsFor = (periodMs: number): number[] => Array.from({ length: periodMs >= 50 ? 16 : 4 }, (_, i) => i + 1);

/** The agreement block of one link: the served services are there, and each agrees with verify. */
export function describeWalkingAgreement(linkName: keyof typeof WALKING_LINKS): void {
  const link = WALKING_LINKS[linkName];
  describe(`walking speed on the ${linkName} link: verify and the simulator agree on every served class`, () => {
    const planned = walkingServices.map((s) => ({ s, c: walkingClass(s, link) }));
    it(`serves at least ${SERVED[linkName].length} services (the check is not vacuous): ${SERVED[linkName].join(', ')}`, () => {
      const served = planned.filter((p) => p.c !== null).map((p) => p.s.id);
      expect(served).toEqual(expect.arrayContaining([...SERVED[linkName]]));
    });
    for (const { s, c } of planned) {
      if (c === null) continue;
      it(`${s.id} (${c.id})`, () => {
        for (const off of [0, -6]) {
          const row = walkingRow(s, c, 6000, seedsFor(s.periodMs), off, link);
          expect(row.unschedulable).toBe(0);
          expect(row.decided).toBeGreaterThan(0);
          expect(row.lower, `${s.id} at ${off} dB: sim ${row.missRatio} [${row.lower}, ${row.upper}] n=${row.decided} vs verify ${row.verifyEpsilon}`).toBeLessThanOrEqual(row.verifyEpsilon);
        }
      }, 120_000);
    }
  });
}
