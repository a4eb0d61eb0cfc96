/** Shared generators for the classes tests: small AWGN search spaces that plan in milliseconds. */
import { fc } from '../support/fc-test.js';
import type { Direction } from '../../src/core/types.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { type LinkContext, type PlannableService, type PlanOptions } from '../../src/classes/index.js';

export interface SmallCase {
  readonly service: PlannableService;
  readonly link: LinkContext;
  readonly opts: PlanOptions;
}

/** An AWGN link on a narrow FR1 carrier (5 or 10 MHz). */
export const smallLink = (snrDb: number, bandwidthMHz = 5): LinkContext => ({
  ...defaultLink,
  snrDb,
  bandwidthMHz,
  fading: { kind: 'awgn' },
});

export const arbService: fc.Arbitrary<PlannableService> = fc
  .record({
    direction: fc.constantFrom<Direction>('UL', 'DL'),
    sizes: fc.uniqueArray(fc.integer({ min: 10, max: 600 }), { minLength: 1, maxLength: 3 }),
    periodMs: fc.constantFrom(5, 10, 20, 100),
    latencyBudgetMs: fc.constantFrom(1, 2, 4, 8, 16, 30),
    epsilon: fc.constantFrom(1e-2, 1e-3, 1e-4, 1e-5),
    ueCount: fc.integer({ min: 1, max: 3 }),
  })
  .map((r) => ({
    id: 'svc',
    direction: r.direction,
    payload: { sizesBytes: [...r.sizes].sort((a, b) => a - b) },
    periodMs: r.periodMs,
    latencyBudgetMs: r.latencyBudgetMs,
    epsilon: r.epsilon,
    fiveQi: null,
    ueCount: r.ueCount,
  }));

/** A random small restriction of the search space. */
export const arbOpts: fc.Arbitrary<PlanOptions> = fc
  .record({
    mu: fc.subarray([0, 1], { minLength: 1 }),
    tti: fc.subarray([14, 7, 4, 2], { minLength: 1, maxLength: 3 }),
    table: fc.constantFrom('qam64' as const, 'qam64LowSE' as const, 'qam256' as const),
    mcsLo: fc.integer({ min: 0, max: 12 }),
    mcsSpan: fc.integer({ min: 0, max: 6 }),
    tx: fc.subarray([1, 2, 3, 4], { minLength: 1, maxLength: 3 }),
    reps: fc.oneof(fc.constant([1 as const]), fc.subarray([1, 2, 4, 8] as const, { minLength: 1, maxLength: 2 })),
  })
  .map((r) => ({
    mu: r.mu,
    ttiSymbols: r.tti,
    mcsTables: [r.table],
    mcsRange: [r.mcsLo, r.mcsLo + r.mcsSpan] as const,
    maxTransmissions: r.tx,
    repetitions: r.reps,
    relaxations: false,
  }));

export const arbCase: fc.Arbitrary<SmallCase> = fc
  .record({ service: arbService, snrDb: fc.integer({ min: 3, max: 30 }), opts: arbOpts })
  .map((r) => ({ service: r.service, link: smallLink(r.snrDb), opts: r.opts }));
