/**
 * Issue 14 acceptance: with walking-speed mobility (3 km/h), `verify` and the simulator agree — no
 * confident contradiction (the simulated miss ratio's Wilson 99.9 % lower bound never above verify's
 * epsilon; 99.9 % as in test/scheduler/agreement.test.ts, since ~30 comparisons are made) — for every
 * catalogue class the planner serves, at the planned SNR and 6 dB below it (where misses are
 * measurable). Run on the default link (band n78, TDD DDDSU, 15 dB) and on the free FDD carrier
 * (`freeFddLink`: same physics, FDD, no band), where more services are served. Seeded: the same
 * numbers every run. Misses of a walking UE cluster (a fade lasts ~40 ms), so the seeds are
 * independent fading processes pooled; a service with few packets per run gets more seeds.
 *
 * Known, pre-existing mismatch (not a fading or control-error one): a slot class with repetitions
 * (tti × r > 14) is repeated over consecutive slots by the planner and verify, but the scheduler maps
 * such repetitions to PRBs (CompiledClass.prbFactor) and drops packets that no longer fit as
 * 'unschedulable'. v2x.remote_driving_commands is the catalogue case: at walking speed it is not
 * served at 15 dB on either link, but at 20 dB on the default link it gets such a class (r4 on a
 * 7-symbol TTI); the mismatch is checked there, and the service is excluded from the agreement check
 * wherever it is served.
 */
import { describe, expect, it } from 'vitest';
import { WALKING_LINKS, walkingClass, walkingRow, walkingServices } from './walking-agreement.js';

const KNOWN_UNSCHEDULABLE = ['v2x.remote_driving_commands'];

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
const seedsFor = (periodMs: number): number[] => Array.from({ length: periodMs >= 50 ? 16 : 4 }, (_, i) => i + 1);

for (const linkName of Object.keys(WALKING_LINKS) as (keyof typeof WALKING_LINKS)[]) {
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
          if (KNOWN_UNSCHEDULABLE.includes(s.id)) {
            expect(row.unschedulable, `${s.id}: the known repetition mapping mismatch`).toBeGreaterThan(0);
            continue;
          }
          expect(row.unschedulable).toBe(0);
          expect(row.decided).toBeGreaterThan(0);
          expect(row.lower, `${s.id} at ${off} dB: sim ${row.missRatio} [${row.lower}, ${row.upper}] n=${row.decided} vs verify ${row.verifyEpsilon}`).toBeLessThanOrEqual(row.verifyEpsilon);
        }
      }, 120_000);
    }
  });
}

describe('the known repetition mapping mismatch stays listed and visible', () => {
  it('v2x.remote_driving_commands at walking speed, 20 dB on the default link: an r4 class the scheduler drops as unschedulable', () => {
    const s = walkingServices.find((x) => x.id === KNOWN_UNSCHEDULABLE[0])!;
    const link = { ...WALKING_LINKS.default, snrDb: 20 };
    const c = walkingClass(s, link);
    expect(c).not.toBeNull();
    if (c === null) return;
    expect(c.repetitions).toBeGreaterThan(1);
    const row = walkingRow(s, c, 6000, [1, 2], 0, link);
    expect(row.unschedulable).toBeGreaterThan(0);
    // the consequence: the simulator contradicts verify for this class (a scheduler limit, not physics)
    expect(row.agrees).toBe(false);
  });
});
