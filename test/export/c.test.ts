/**
 * The exported C classifier answers exactly as the TypeScript one (issue 16 §3). The header is
 * compiled with `cc -std=c99 -Wall -Wextra -Werror -pedantic` together with a second translation
 * unit that includes it too; one driver process answers every query read from stdin, so hundreds
 * of thousands of sizes cost one spawn. Skipped, with a message, when no C compiler is present.
 * The sweep over a mechanism link (~327,000 sizes, large profiles) is in c.slow.test.ts (slow tier).
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { deriveClasses, services, type ClassPlan, type PhyClass } from '../../src/index.js';
import { compileClassifier } from '../../src/classes/classifier.js';
import { cClassifierTables } from '../../src/export/c.js';
import { tbsFromRe } from '../../src/nr/tbs.js';
import { build, CC, compare, queriesOf, removeBuilds } from './c-support.js';

afterAll(removeBuilds);

describe.skipIf(CC === undefined)('phyclass export --target c: the C classifier', () => {
  it('agrees with compileClassifier on every byte size of every served catalogue service, beyond the profile, unserved and unknown ids', () => {
    // the free FDD carrier under the link defaults (correlated HARQ fading, control errors): 9 of the
    // catalogue's services are served (the large-payload ones are infeasible), ~31,000 sizes
    const plan = deriveClasses(services, defaultLink, { maxClasses: 4 });
    expect(plan.assignments.length).toBeGreaterThan(5);
    expect(plan.unserved.length).toBeGreaterThan(0);
    const run = build('catalogue', plan);
    const q = queriesOf(plan);
    expect(q.length).toBeGreaterThan(30_000);
    compare(plan, q, run);
  }, 120_000);

  it('agrees on a synthetic plan with awkward ids and a 3 MB profile (every piece bound ±1 plus 20,000 random sizes)', () => {
    const cls = (id: string, nPrb: number, qm: number, rateX1024: number): PhyClass => ({
      id, direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 12, qm, rateX1024,
      maxTransmissions: 2, combining: 'chase', repetitions: 1, grant: 'configured', nPrb,
      tbsBits: tbsFromRe(132 * nPrb, qm, rateX1024, 1), fiveQi: null, nLayers: 1, nRePerPrb: 132, nDmrsRePerPrb: 24, nOverheadRePerPrb: 0,
    });
    const c1 = cls('c1 "quoted" ??= */ é', 50, 6, 873);
    const c2 = cls('c2', 3, 2, 120);
    const ids = ['big', 'tiny?', 'ünï\\code', 'a"b', 'x??/y', '*/ evil /*'];
    const plan: ClassPlan = {
      classes: [c1, c2],
      assignments: ids.map((id, i) => ({ serviceId: id, classId: i === 0 ? c1.id : c2.id, ownRePerSecond: 0, sharedRePerSecond: 0, sharingPenaltyRePerSecond: 0, sharesWith: [id] })),
      unserved: [{ serviceId: 'gone', reason: 'x' }],
      totalRePerSecond: 0, loadByDirection: { DL: 0, UL: 0 }, exact: true, method: 'test',
      maxBytesByService: Object.fromEntries(ids.map((id, i) => [id, i === 0 ? 3_000_000 : 700 + i])),
    };
    const t = cClassifierTables(plan);
    if (E.isLeft(t)) throw new Error(t.left.message);
    const run = build('synthetic', plan);
    const q: [string, number][] = [];
    const big = t.right.services.find((s) => s.serviceId === 'big');
    if (big === undefined) throw new Error('no big');
    for (let i = big.firstPiece; i < big.firstPiece + big.pieceCount; i++) {
      const u = t.right.pieceUpperBytes[i] as number;
      q.push(['big', u - 1], ['big', u], ['big', u + 1]);
    }
    let seed = 12345;
    for (let k = 0; k < 20_000; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      q.push(['big', 1 + (seed % 3_000_010)]);
    }
    for (const id of ids.slice(1)) for (let b = 0; b <= 720; b++) q.push([id, b]);
    q.push(['gone', 5], ['nope', 5], ['', 0]);
    compare(plan, q, run);
  }, 60_000);

  it('compiles an empty plan (every id unknown)', () => {
    const plan: ClassPlan = { classes: [], assignments: [], unserved: [], totalRePerSecond: 0, loadByDirection: { DL: 0, UL: 0 }, exact: true, method: 'test', maxBytesByService: {} };
    compare(plan, [['x', 1], ['', 0]], build('empty', plan));
  });
});
