/**
 * simulate(): scenario decoding errors name the path; identical seeds give identical reports;
 * reports are internally consistent (conservation at report level, CI brackets the ratio); the
 * mixed preset runs with fixed classes; policies see the same arrivals (common random numbers).
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, mixedScenario, simulate } from '../../src/scheduler/index.js';

const small = (policy: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...mixedScenario({ policy: policy as never, ueCounts: { features: 2, teleop: 3, commands: 3, uav: 3, xr: 1 } }),
  ...extra,
});

describe('simulate', () => {
  it('names the path of a bad field', () => {
    const bad = small('edf');
    (bad['services'] as Record<string, unknown>[])[1]!['ueCount'] = -3;
    const r = simulate(bad, { seed: 1, slots: 10 });
    expect(E.isLeft(r)).toBe(true);
    if (E.isLeft(r)) expect(r.left.message).toContain('services[1]');
    const r2 = simulate({ ...small('edf'), policy: 'fifo' }, { seed: 1, slots: 10 });
    expect(E.isLeft(r2) && r2.left.message.includes('policy')).toBe(true);
    const r3 = simulate({ ...small('edf'), services: [{ service: 'no.such.service' }] }, { seed: 1, slots: 10 });
    expect(E.isLeft(r3) && r3.left.message.includes('services[0].service')).toBe(true);
    const r4 = simulate({ ...small('edf'), carrier: { duplex: 'FDD', bwps: [{ mu: 0, nPrb: 50 }] } }, { seed: 1, slots: 10 });
    expect(E.isLeft(r4) && r4.left.message.includes('classes[0].mu')).toBe(true);
  });

  it('identical seeds give identical reports; different seeds differ', () => {
    const a = simulate(small('edf+preemption'), { seed: 7, slots: 3000 });
    const b = simulate(small('edf+preemption'), { seed: 7, slots: 3000 });
    const c = simulate(small('edf+preemption'), { seed: 8, slots: 3000 });
    expect(E.isRight(a) && E.isRight(b) && E.isRight(c)).toBe(true);
    if (E.isRight(a) && E.isRight(b) && E.isRight(c)) {
      expect(JSON.stringify(a.right)).toBe(JSON.stringify(b.right));
      expect(JSON.stringify(a.right)).not.toBe(JSON.stringify(c.right));
    }
  });

  it('reports are consistent: every arrival is accounted for, CIs bracket the ratios', () => {
    const r = simulate(small('priority+preemption'), { seed: 3, slots: 4000 });
    if (E.isLeft(r)) throw new Error(r.left.message);
    for (const s of [...r.right.services, ...r.right.classes]) {
      const dropped = Object.values(s.dropped).reduce((x, y) => x + y, 0);
      expect(s.deliveredOnTime + s.deliveredLate + dropped + s.expiredPending + s.censored).toBe(s.arrived);
      expect(s.missCi.lower).toBeLessThanOrEqual(s.missRatio + 1e-12);
      expect(s.missCi.upper).toBeGreaterThanOrEqual(s.missRatio - 1e-12);
      expect(s.onTimeRatio + s.missRatio).toBeCloseTo(s.decided > 0 ? 1 : 0, 12);
      expect(s.harq.ackedAt.reduce((x, y) => x + y, 0) + s.harq.nacks).toBeLessThanOrEqual(s.harq.transmissions);
    }
    // Services sum to classes (each flow counted once in each view).
    const sum = (xs: readonly { arrived: number }[]): number => xs.reduce((a, s) => a + s.arrived, 0);
    expect(sum(r.right.services)).toBe(sum(r.right.classes));
    for (const u of r.right.utilisation) {
      expect(u.dlUsedRatio).toBeGreaterThanOrEqual(0);
      expect(u.dlUsedRatio).toBeLessThanOrEqual(1);
      expect(u.ulUsedRatio).toBeLessThanOrEqual(1);
    }
    expect(r.right.notes.some((n) => n.includes('p99.999'))).toBe(true);
  });

  it('policies see the same traffic (common random numbers)', () => {
    const a = simulate(small('priority'), { seed: 5, slots: 2000 });
    const b = simulate(small('edf'), { seed: 5, slots: 2000 });
    if (E.isLeft(a) || E.isLeft(b)) throw new Error('simulate failed');
    expect(a.right.services.map((s) => s.arrived)).toStrictEqual(b.right.services.map((s) => s.arrived));
  });

  it('the mixed preset resolves its classes, timings and 5QI priority levels', () => {
    const b = buildSimulation(mixedScenario({ policy: 'priority' }));
    if (E.isLeft(b)) throw new Error(b.left.message);
    const byId = new Map(b.right.classes.map((c) => [c.phyClass.id, c.scheduler]));
    // XR (5QI 90) and UAV C2 (5QI 3): TS 23.501 Table 5.7.4-1 priority levels 25 and 30.
    expect(byId.get('xr-video')!.priority).toBe(25);
    expect(byId.get('uav-c2')!.priority).toBe(30);
    // Mini-slot HARQ round trip is shorter than the slot-based one (latency model).
    expect(byId.get('teleop-cmd')!.harqRttMs).toBeLessThan(byId.get('xr-video')!.harqRttMs);
    expect(byId.get('ul-features')!.accessDelayMs).toBeGreaterThan(0);
  });
});
