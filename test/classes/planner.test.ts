import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { classTable, formatClassTable, plan, SEED_SIZE_RANGES } from '../../src/classes/index.js';
import { smallLink } from './support.js';

const opts = { mu: [0, 1], ttiSymbols: [14, 4], mcsTables: ['qam64' as const], maxTransmissions: [1, 2], repetitions: [1 as const, 2 as const] };
const svc = (sizes: number[], latencyBudgetMs: number, epsilon: number) => ({
  id: 'x', direction: 'UL' as const, payload: { sizesBytes: sizes }, periodMs: 100, latencyBudgetMs, epsilon, fiveQi: null,
});

describe('plan: Infeasible semantics', () => {
  it('names a throughput limit with the needed and achievable rate, and relaxations that really work', () => {
    const link = smallLink(15, 5);
    const s = svc([200_000], 20, 1e-3);
    const r = plan(s, link, opts);
    expect(E.isLeft(r)).toBe(true);
    if (E.isRight(r)) return;
    expect(r.left.binding).toBe('throughput');
    expect(r.left.needed).toBeGreaterThan(r.left.best);
    expect(r.left.message).toMatch(/needs .*bit\/s; the best class .* reaches/);
    expect(r.left.relaxations.length).toBeGreaterThan(0);
    for (const x of r.left.relaxations) {
      const relaxedLink = x.kind === 'bandwidth' ? { ...link, bandwidthMHz: x.value } : x.kind === 'snr' ? { ...link, snrDb: x.value } : x.kind === 'fr2' ? { ...link, fr: 'FR2-1' as const, bandwidthMHz: x.value, duplex: 'TDD' as const, tddPattern: link.tddPattern ?? 'DDDSU' } : link;
      const relaxedSvc = x.kind === 'deadline' ? { ...s, latencyBudgetMs: x.value } : x.kind === 'epsilon' ? { ...s, epsilon: x.value } : s;
      const ok = plan(relaxedSvc, relaxedLink, { ...opts, relaxations: false });
      expect(E.isRight(ok), x.description).toBe(true);
      if (E.isRight(ok)) expect(ok.right.id).toBe(x.classId);
    }
  });
  it('names reliability when no deadline would help', () => {
    const r = plan(svc([100], 1000, 1e-6), smallLink(-25, 5), { ...opts, relaxations: false });
    expect(E.isLeft(r) && r.left.binding).toBe('reliability');
  });
  it('names latency when the deadline is below the fastest transmission', () => {
    const r = plan(svc([100], 0.1, 1e-3), smallLink(20, 5), { ...opts, relaxations: false });
    expect(E.isLeft(r) && r.left.binding).toBe('latency');
  });
  it('rejects malformed services as input errors', () => {
    for (const bad of [svc([], 5, 1e-3), svc([0], 5, 1e-3), svc([10], -1, 1e-3), svc([10], 5, 2)]) {
      const r = plan(bad, smallLink(10));
      expect(E.isLeft(r) && r.left.binding).toBe('input');
    }
  });
});

describe('classTable', () => {
  it('gives a class or a reason for every (service, size decade)', () => {
    const services = [svc([100], 10, 1e-3)].map((s) => ({ ...s, id: 'tbl' }));
    const rows = classTable(smallLink(15, 20), { services, ranges: SEED_SIZE_RANGES });
    expect(rows.length).toBe(SEED_SIZE_RANGES.length);
    for (const r of rows) expect((r.classId === null) !== (r.reason === null)).toBe(true);
    expect(rows[0]!.classId).not.toBeNull(); // 1–10 kB within 10 ms on 20 MHz
    expect(rows[rows.length - 1]!.classId).toBeNull(); // 1 GB within 10 ms: no
    expect(rows[rows.length - 1]!.binding).toBe('throughput');
    expect(formatClassTable(rows).split('\n').length).toBe(rows.length + 2);
  });
});
