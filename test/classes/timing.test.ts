/**
 * Stack timing profiles in the planner, verify and the simulator (issue 16 §2 acceptance: "a plan
 * under a stack timing profile passes verify under that profile; --stack srsran plans only use what
 * the profile allows"):
 * - per named profile, the plan of each sample service passes verify under that profile;
 * - a class proven on spec-min fails verify under a slower profile (teleop.haptic_feedback under
 *   srsran-default: its 4 ms deadline no longer holds 4 transmissions);
 * - the stack search space (stackSearchOptions / stackPlanOptions) yields only classes the stack
 *   can express (stackLimits empty) — MCS tables, TTI, HARQ counts, grant types;
 * - the simulator under a profile agrees with verify under it, and no packet is faster than the
 *   latency model allows (its median is above the model's alignment-free one-transmission latency).
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { decodeLinkContext, type LinkContext } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import { verify } from '../../src/classes/verify.js';
import type { PhyClass } from '../../src/classes/types.js';
import { serviceById, type ServiceProfile } from '../../src/services/catalogue.js';
import { TIMING_PROFILE_NAMES } from '../../src/link/timing.js';
import { tryUserPlaneLatency } from '../../src/link/latency.js';
import { deriveSystem } from '../../src/system/derive.js';
import { stackLimits, stackPlanOptions, stackSearchOptions } from '../../src/export/stacks.js';
import { simulate } from '../../src/scheduler/index.js';

// the free 100 MHz FDD carrier the profiles were checked on (the n78 TDD default serves too few of SAMPLE)
const linkOf = (u: Record<string, unknown>): LinkContext => {
  const r = decodeLinkContext({ band: 'none', duplex: 'FDD', ...u });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const svc = (id: string): ServiceProfile => {
  const s = serviceById(id);
  if (O.isNone(s)) throw new Error(id);
  return s.value;
};
/** `plan` once per (service, link) for this file: the sample is planned under each profile by several tests. */
const plans = new Map<string, ReturnType<typeof plan>>();
const planOnce = (s: ServiceProfile, link: LinkContext): ReturnType<typeof plan> => {
  const key = `${s.id} ${JSON.stringify(link)}`;
  let r = plans.get(key);
  if (r === undefined) {
    r = plan(s, link);
    plans.set(key, r);
  }
  return r;
};
const planned = (s: ServiceProfile, link: LinkContext): PhyClass => {
  const r = planOnce(s, link);
  if (E.isLeft(r)) throw new Error(`${s.id}: ${r.left.message}`);
  return r.right;
};

const SAMPLE = ['teleop.haptic_feedback', 'v2x.remote_driving_commands', 'xr.pose_ul', 'uav.c2_stick', 'teleop.uplink_features'];

describe('plan under a stack timing profile passes verify under it', () => {
  // Under correlated HARQ fading and control errors (link defaults since issue 14) teleop.uplink_features
  // (100 kB in 19 ms at 1e-4) is refused under every profile, and v2x.remote_driving_commands (1 kB in 4 ms
  // at 1e-5) under the slower srsran-default and oai-default: 4 of 5 planned on spec-min, 3 of 5 on the slow
  // ones. Every refusal is for latency, and a slower profile never plans a service spec-min refuses.
  const refusedOnSpecMin = new Set(SAMPLE.filter((id) => E.isLeft(planOnce(svc(id), linkOf({ timing: 'spec-min' })))));
  for (const timing of TIMING_PROFILE_NAMES) {
    it(timing, () => {
      const link = linkOf({ timing });
      let planned = 0;
      for (const id of SAMPLE) {
        const s = svc(id);
        const r = planOnce(s, link);
        if (E.isLeft(r)) {
          // infeasible under this profile: refused for its deadline, with nothing to verify
          expect(r.left.binding, `${id}: ${r.left.message}`).toBe('latency');
          continue;
        }
        expect(refusedOnSpecMin.has(id), `${id} planned under ${timing} but refused on spec-min`).toBe(false);
        planned++;
        const v = verify(r.right, s, link);
        expect(v.pass, `${id}: ${v.reasons.join('; ')}`).toBe(true);
        expect(v.latencyMarginMs).toBeGreaterThanOrEqual(0);
      }
      expect(planned).toBeGreaterThanOrEqual(timing === 'spec-min' || timing === 'srsran-low-latency' ? 4 : 3);
    });
  }

  it('a class proven on spec-min fails under srsran-default (and the profile plan picks another one)', () => {
    const s = svc('teleop.haptic_feedback');
    const specClass = planned(s, linkOf({}));
    const slow = linkOf({ timing: 'srsran-default' });
    const v = verify(specClass, s, slow);
    expect(v.pass).toBe(false);
    expect(v.reasons.join(' ')).toMatch(/epsilon|latency|deadline/i);
    const slowClass = planned(s, slow);
    expect(slowClass.id).not.toBe(specClass.id);
    expect(verify(slowClass, s, slow).pass).toBe(true);
    expect(slowClass.maxTransmissions).toBeLessThan(specClass.maxTransmissions); // fewer HARQ rounds fit the deadline
  });
});

describe('--stack srsran: only what the stack runs', () => {
  for (const timing of ['srsran-default', 'srsran-low-latency'] as const) {
    it(`single services and the whole set under ${timing}`, () => {
      const link = linkOf({ timing });
      for (const id of SAMPLE) {
        const s = svc(id);
        const r = plan(s, link, stackPlanOptions('srsran', s.direction, link));
        if (E.isLeft(r)) continue;
        expect(stackLimits('srsran', r.right, link), r.right.id).toEqual([]);
        expect(verify(r.right, s, link).pass).toBe(true);
      }
      const services = ['uav.c2_stick', 'teleop.uplink_features', 'xr.pose_ul', 'uav.telemetry_ul'].map(svc);
      const sys = deriveSystem(services, link, { maxClasses: 3, planOptions: stackSearchOptions('srsran', link) });
      expect(sys.plan.classes.length).toBeGreaterThan(0);
      for (const c of sys.plan.classes) {
        expect(stackLimits('srsran', c, link), c.id).toEqual([]);
        expect(['qam64', 'qam256']).toContain(c.mcsTable);
        expect(c.ttiSymbols).toBe(14);
        expect(c.maxTransmissions).toBeLessThanOrEqual(5);
        expect(c.grant).toBe(c.direction === 'DL' ? 'dynamic' : 'sr');
      }
      expect(sys.verdict.pass).toBe(true);
    });
  }

  it('without --stack the same set uses classes srsRAN cannot express (the restriction is real)', () => {
    const link = linkOf({ timing: 'srsran-low-latency' });
    const services = ['uav.c2_stick', 'teleop.uplink_features', 'xr.pose_ul', 'uav.telemetry_ul'].map(svc);
    const free = deriveSystem(services, link, { maxClasses: 3 });
    expect(free.plan.classes.some((c) => stackLimits('srsran', c, link).length > 0)).toBe(true);
  });
});

describe('the simulator under a profile agrees with verify under it', () => {
  const cases: Array<[string, 'srsran-low-latency' | 'oai-default']> = [
    ['uav.c2_stick', 'srsran-low-latency'],
    ['xr.pose_ul', 'oai-default'],
  ];
  for (const [id, timing] of cases) {
    it(`${id} under ${timing}`, () => {
      const s = svc(id);
      const link = linkOf({ timing });
      const c = planned(s, link);
      const v = verify(c, s, link);
      expect(v.pass).toBe(true);
      const run = (lk: Record<string, unknown>) => {
        const r = simulate({ name: 't', policy: 'edf', link: lk, classes: [c], services: [{ service: s, ueCount: 1, class: c.id }] }, { slots: 24_000, seed: 5 });
        if (E.isLeft(r)) throw new Error(r.left.message);
        return r.right.services[0]!;
      };
      const g = run({ timing });
      const g0 = run({});
      expect(g.decided).toBeGreaterThan(50);
      expect(g.missCi.lower).toBeLessThanOrEqual(v.epsilonAchieved);
      // no packet faster than the model: the median is at least the alignment-free one-transmission latency
      const one = tryUserPlaneLatency({
        direction: c.direction, duplex: 'FDD', mu: c.mu as 0, ttiSymbols: c.ttiSymbols, ueCapability: 1, grant: c.grant, transmissions: 1, alignment: 'average', timing,
      });
      if (E.isLeft(one)) throw new Error(one.left.message);
      const aligned = ['frameAlignment', 'srAlignment', 'pdcchAlignment'].reduce((a, k) => a + (one.right.parts[k] ?? 0), 0);
      const floorMs = one.right.totalMs - aligned;
      expect(g.latencyMs.p50.ms).not.toBeNull();
      expect(g.latencyMs.p50.ms!).toBeGreaterThanOrEqual(floorMs - 1e-9);
      // and the profile is felt: never faster than under spec-min; a DL first transmission waits for the gNB processing
      expect(g.latencyMs.p50.ms!).toBeGreaterThanOrEqual(g0.latencyMs.p50.ms!);
      if (c.direction === 'DL') expect(g.latencyMs.p50.ms!).toBeGreaterThan(g0.latencyMs.p50.ms!);
      expect(g.latencyMs.max!).toBeLessThanOrEqual(s.latencyBudgetMs + 1e-9);
    });
  }
});

describe('export of a --stack plan under a profile', () => {
  it('srsran under srsran-low-latency: every class emitted (none unrepresentable), round trip, min_k1/min_k2/sr_period_ms of the profile', async () => {
    const { exportStack, parseStackExport } = await import('../../src/export/stacks.js');
    const link = linkOf({ timing: 'srsran-low-latency' });
    const list = ['uav.c2_stick', 'teleop.uplink_features', 'xr.pose_ul'].map(svc);
    const sys = deriveSystem(list, link, { maxClasses: 3, planOptions: stackSearchOptions('srsran', link) });
    const ex = exportStack('srsran', { plan: sys.classPlan, link, services: list, epsilonByClass: {} });
    expect(ex.unrepresentable).toEqual([]);
    expect(ex.emitted.length).toBe(sys.classPlan.classes.length);
    for (const b of parseStackExport('srsran', ex.text)) expect(b.rebuiltId).toBe(b.classId);
    expect(ex.text).toContain('Timing: proofs use the stack timing profile srsran-low-latency');
    for (const m of ex.text.matchAll(/min_k[12]: (\d+)/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(2);
    if (list.some((s) => s.direction === 'UL')) expect(ex.text).toContain('sr_period_ms: 2');
  });
});
