/**
 * Issue 14 acceptance: with walking-speed mobility (3 km/h), `verify` and the simulator agree — no
 * confident contradiction (the simulated miss ratio's Wilson 99.9 % lower bound never above verify's
 * epsilon; 99.9 % as in test/scheduler/agreement.test.ts, since ~30 comparisons are made) — for every
 * catalogue class the planner serves, at the planned SNR and 6 dB below it (where misses are
 * measurable). Run on the default link (band n78, TDD DDDSU, 15 dB) here, and on the free FDD carrier
 * (`freeFddLink`: same physics, FDD, no band), where more services are served, in
 * walking-agreement.slow.test.ts (slow tier, run by CI; the per-link block is in
 * walking-agreement-cases.ts). Seeded: the same
 * numbers every run. Misses of a walking UE cluster (a fade lasts ~40 ms), so the seeds are
 * independent fading processes pooled; a service with few packets per run gets more seeds.
 *
 * Repetitions: a class whose repetitions do not fit a slot (tti × r > 14) is repeated over the next
 * occasions of its TTI grid by the planner and verify, and the simulator now places them there too
 * (same PRBs and symbols, each repetition's fade read at its own time; spec/scheduler.md §2). At
 * walking speed v2x.remote_driving_commands is not served at 15 dB on either link, but at 20 dB on the
 * default link it gets such a class (DL r4 on a 7-symbol mini-slot: one occasion in each D and S slot
 * of DDDSU): the last block checks that the simulator schedules every packet of it and agrees with verify.
 */
import { describe, expect, it } from 'vitest';
import { WALKING_LINKS, walkingClass, walkingRow, walkingServices } from './walking-agreement.js';
import { describeWalkingAgreement, seedsFor } from './walking-agreement-cases.js';

// the default link here (npm test); the free FDD carrier, where more services are served, in
// walking-agreement.slow.test.ts (slow tier, run by CI)
describeWalkingAgreement('default');

describe('slot-spread repetitions: the simulator places them as verify times them', () => {
  it('v2x.remote_driving_commands at walking speed, 20 dB on the default link: an r4 class on a 7-symbol TTI, every packet scheduled, no contradiction', () => {
    const s = walkingServices.find((x) => x.id === 'v2x.remote_driving_commands')!;
    const link = { ...WALKING_LINKS.default, snrDb: 20 };
    const c = walkingClass(s, link);
    expect(c).not.toBeNull();
    if (c === null) return;
    // the case under test: repetitions that do not fit one slot
    expect(c.repetitions).toBeGreaterThan(1);
    expect(c.ttiSymbols * c.repetitions).toBeGreaterThan(14);
    for (const off of [0, -6]) {
      const row = walkingRow(s, c, 6000, seedsFor(s.periodMs), off, link);
      expect(row.unschedulable, `${s.id} at ${off} dB: unschedulable packets`).toBe(0);
      expect(row.decided).toBeGreaterThan(0);
      expect(row.lower, `${s.id} at ${off} dB: sim ${row.missRatio} [${row.lower}, ${row.upper}] n=${row.decided} vs verify ${row.verifyEpsilon}`).toBeLessThanOrEqual(row.verifyEpsilon);
      expect(row.agrees).toBe(true);
    }
  }, 120_000);
});
