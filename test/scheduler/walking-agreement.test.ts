/**
 * Issue 14 acceptance: with walking-speed mobility (3 km/h), `verify` and the simulator agree — no
 * confident contradiction (the simulated miss ratio's Wilson 95 % lower bound never above verify's
 * epsilon) — for every catalogue class the planner serves, at the planned SNR and 6 dB below it
 * (where misses are measurable). Seeded: the same numbers every run.
 *
 * Known, pre-existing mismatch (not a fading or control-error one): a slot class with repetitions
 * (tti × r > 14) is repeated over consecutive slots by the planner and verify, but the scheduler maps
 * such repetitions to PRBs (CompiledClass.prbFactor) and drops packets that no longer fit as
 * 'unschedulable'; those services are listed and excluded from the agreement check.
 */
import { describe, expect, it } from 'vitest';
import { walkingClass, walkingRow, walkingServices } from './walking-agreement.js';

const KNOWN_UNSCHEDULABLE = ['v2x.remote_driving_commands'];

describe('walking speed: verify and the simulator agree on every served class', () => {
  const planned = walkingServices.map((s) => ({ s, c: walkingClass(s) }));
  it('serves some services at walking speed (the check is not vacuous)', () => {
    expect(planned.filter((p) => p.c !== null).length).toBeGreaterThanOrEqual(5);
  });
  for (const { s, c } of planned) {
    if (c === null) continue;
    it(`${s.id} (${c.id})`, () => {
      for (const off of [0, -6]) {
        const row = walkingRow(s, c, 6000, [1, 2, 3, 4], off);
        if (KNOWN_UNSCHEDULABLE.includes(s.id)) {
          expect(row.unschedulable, `${s.id}: the known repetition mapping mismatch`).toBeGreaterThan(0);
          continue;
        }
        expect(row.unschedulable).toBe(0);
        expect(row.decided).toBeGreaterThan(0);
        expect(row.lower, `${s.id} at ${off} dB: sim ${row.missRatio} [${row.lower}, ${row.upper}] vs verify ${row.verifyEpsilon}`).toBeLessThanOrEqual(row.verifyEpsilon);
      }
    }, 120_000);
  }
});
