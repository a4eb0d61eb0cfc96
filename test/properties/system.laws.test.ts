/**
 * Laws of verifySystem (spec/system.md §6), fast-check, seeded. Random plans over a small pool of
 * planned catalogue classes (one BWP of mu2, or two BWPs mu1 + mu2), random UE counts, BWP sizes,
 * TDM groups and arrival assumptions:
 *  - a passing system ⇒ every admitted service passes `verify` alone;
 *  - adding a UE never turns a failing system into a passing one;
 *  - removing a service never breaks a passing one;
 *  - more bandwidth (larger BWPs on a wider carrier) never breaks a passing plan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { defaultLink, type LinkContext } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import type { PhyClass } from '../../src/classes/types.js';
import { verify } from '../../src/classes/verify.js';
import { serviceById, type ServiceProfile } from '../../src/services/catalogue.js';
import type { ArrivalAssumption, SystemPlan } from '../../src/system/types.js';
import { verifySystem } from '../../src/system/verify.js';
import { fcRuns } from '../support/fc-runs.js';

const IDS = ['teleop.haptic_feedback', 'xr.pose_ul', 'uav.c2_stick', 'uav.telemetry_ul', 'v2x.platooning_control', 'v2x.sensor_sharing_lower'];
const link50: LinkContext = { ...defaultLink, bandwidthMHz: 50 };
interface Item {
  readonly s: ServiceProfile;
  readonly c: PhyClass;
}
const pool: Item[] = [];

beforeAll(() => {
  for (const id of IDS) {
    const s = serviceById(id);
    if (O.isNone(s)) throw new Error(id);
    for (const [mu, grants] of [
      [2, ['configured', 'dynamic', 'sr']],
      [1, ['dynamic', 'sr']],
    ] as const) {
      const c = plan(s.value, link50, { mu: [mu], grants: [...grants], relaxations: false });
      if (E.isRight(c)) pool.push({ s: s.value, c: c.right });
    }
  }
}, 120_000);

const arbCase = fc.record({
  picks: fc.uniqueArray(fc.nat(31), { minLength: 1, maxLength: 4 }),
  ues: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 4, maxLength: 4 }),
  groups: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }),
  share: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  arrivals: fc.constantFrom<ArrivalAssumption>('synchronous', 'service-synchronous', 'independent'),
});
type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

/** A plan on `link` (50 MHz: 133 PRB at 30 kHz, 65 at 60 kHz) from a case: the BWPs take `share` (mu1) and the rest (mu2). */
function planOf(k: Case, link: LinkContext, scale = 1): { plan: SystemPlan; services: ServiceProfile[] } {
  const items: Item[] = [];
  for (const p of k.picks) {
    const it = pool[p % pool.length]!;
    if (!items.some((x) => x.s.id === it.s.id)) items.push(it);
  }
  const mus = [...new Set(items.map((x) => x.c.mu))];
  const n1 = Math.max(1, Math.floor(133 * k.share * scale));
  const n2 = Math.max(1, Math.floor(65 * (mus.length > 1 ? 1 - k.share - 2 / 65 : 1) * scale));
  const bwps = mus.map((mu) => ({ id: `bwp-mu${mu}`, mu, nPrb: mu === 1 ? (mus.length > 1 ? n1 : Math.floor(133 * scale)) : n2 }));
  const services = items.map((x, i) => ({ ...x.s, ueCount: k.ues[i]! }));
  return {
    services,
    plan: {
      classes: items.map((x) => x.c),
      bwps,
      services: items.map((x, i) => ({
        serviceId: x.s.id,
        classId: x.c.id,
        bwpId: `bwp-mu${x.c.mu}`,
        ueCount: k.ues[i]!,
        admittedUes: k.ues[i]!,
        ...(k.groups[i]! > 1 && k.groups[i]! <= k.ues[i]! && x.c.grant !== 'configured' ? { tdmGroups: k.groups[i]! } : {}),
      })),
      policy: 'edf',
      arrivals: k.arrivals,
    },
  };
}

const params = { numRuns: fcRuns(40), seed: 1313, endOnFailure: true } as const;
const seen = { pass: 0, fail: 0 };

describe('verifySystem laws', () => {
  test.prop([arbCase], params)('a passing system ⇒ every admitted service passes verify alone', (k) => {
    const { plan: p, services } = planOf(k, link50);
    const v = verifySystem(p, services, link50);
    seen[v.pass ? 'pass' : 'fail']++;
    if (!v.pass) return;
    for (const sp of p.services) {
      const c = p.classes.find((x) => x.id === sp.classId)!;
      const s = services.find((x) => x.id === sp.serviceId)!;
      expect(verify(c, { ...s, ueCount: 1 }, link50).pass).toBe(true);
    }
  });

  test.prop([arbCase, fc.nat(3)], params)('adding a UE never turns a failing system into a passing one', (k, which) => {
    const { plan: p, services } = planOf(k, link50);
    const v = verifySystem(p, services, link50);
    if (v.pass) return;
    const i = which % p.services.length;
    const more: SystemPlan = { ...p, services: p.services.map((x, j) => (j === i ? { ...x, admittedUes: x.admittedUes + 1, ueCount: x.ueCount + 1 } : x)) };
    expect(verifySystem(more, services, link50).pass).toBe(false);
  });

  test.prop([arbCase, fc.nat(3)], params)('removing a service never breaks a passing one', (k, which) => {
    const { plan: p, services } = planOf(k, link50);
    if (p.services.length < 2) return;
    const v = verifySystem(p, services, link50);
    if (!v.pass) return;
    const i = which % p.services.length;
    const less: SystemPlan = { ...p, services: p.services.filter((_, j) => j !== i) };
    expect(verifySystem(less, services, link50).pass).toBe(true);
  });

  test.prop([arbCase], params)('more bandwidth never breaks a passing plan', (k) => {
    const { plan: p, services } = planOf(k, link50);
    const v = verifySystem(p, services, link50);
    if (!v.pass) return;
    const { plan: wide } = planOf(k, defaultLink, 2); // 100 MHz: 273 / 135 PRB, BWPs twice as wide
    const w = verifySystem(wide, services, defaultLink);
    expect(w.pass).toBe(true);
  });

  it('the generated plans both pass and fail (the laws are not vacuous)', () => {
    expect(seen.pass).toBeGreaterThan(3);
    expect(seen.fail).toBeGreaterThan(3);
  });

  test.prop([arbCase], { ...params, numRuns: 25 })('every failing service says why; epsilons are probabilities', (k) => {
    const { plan: p, services } = planOf(k, link50);
    const v = verifySystem(p, services, link50);
    for (const s of v.services) if (!s.pass) expect(s.reasons.length).toBeGreaterThan(0);
    for (const s of v.services) expect(Number.isFinite(s.epsilonAchieved) && s.epsilonAchieved >= 0 && s.epsilonAchieved <= 1).toBe(true);
  });
});
