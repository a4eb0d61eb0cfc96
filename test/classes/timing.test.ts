/**
 * Stack timing profiles in the planner, verify and the simulator (issue 16 §2 acceptance: "a plan
 * under a stack timing profile passes verify under that profile; --stack srsran plans only use what
 * the profile allows"):
 * - per named profile, the plan of each sample service passes verify under that profile (spec-min and
 *   srsran-low-latency here, srsran-default and oai-default in timing.slow.test.ts, slow tier);
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
import { verify } from '../../src/classes/verify.js';
import { tryUserPlaneLatency } from '../../src/link/latency.js';
import { deriveSystem } from '../../src/system/derive.js';
import { stackLimits, stackPlanOptions, stackSearchOptions } from '../../src/export/stacks.js';
import { simulate } from '../../src/scheduler/index.js';
import { plan } from '../../src/classes/planner.js';
import { linkOf, planned, profileCheck, SAMPLE, svc } from './timing-profile.js';

describe('plan under a stack timing profile passes verify under it', () => {
  // spec-min and srsran-low-latency here; srsran-default and oai-default in timing.slow.test.ts (slow tier)
  for (const timing of ['spec-min', 'srsran-low-latency'] as const) it(timing, () => profileCheck(timing));

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
