/**
 * The exported C classifier answers exactly as the TypeScript one (issue 16 §3). The header is
 * compiled with `cc -std=c99 -Wall -Wextra -Werror -pedantic` together with a second translation
 * unit that includes it too; one driver process answers every query read from stdin, so hundreds
 * of thousands of sizes cost one spawn. Skipped, with a message, when no C compiler is present.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { deriveClasses, services, type ClassPlan, type PhyClass } from '../../src/index.js';
import { compileClassifier } from '../../src/classes/classifier.js';
import { classifierHeader, cClassifierTables } from '../../src/export/c.js';
import { tbsFromRe } from '../../src/nr/tbs.js';

const CC = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
if (CC === undefined) console.warn('test/export/c.test.ts: no C compiler (cc/gcc/clang) found: the C header tests are skipped');

const dir = mkdtempSync(join(tmpdir(), 'phyclass-c-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DRIVER = `#include "phyclass_classes.h"
#include <stdio.h>
#include <stdlib.h>
int other_tu(void);
int main(void) {
  static char line[4096];
  while (fgets(line, sizeof line, stdin)) {
    char *tab = strrchr(line, '\\t');
    phyclass_assignment a;
    unsigned long long bytes;
    int rc;
    if (tab == NULL) return 3;
    *tab = 0;
    bytes = strtoull(tab + 1, NULL, 10);
    rc = phyclass_classify(line, (uint64_t)bytes, &a);
    printf("%d %s %u %u %u %u %u %s\\n", rc, a.class_id ? a.class_id : "-", a.n_prb, a.n_tti, a.mcs, a.tbs_bits, a.status, a.mcs_table);
  }
  return other_tu() == 1 ? 0 : 4;
}
`;
const OTHER_TU = `#include "phyclass_classes.h"
int other_tu(void);
int other_tu(void) { phyclass_assignment a; return phyclass_classify("", 1u, &a) == 2 ? 1 : 0; }
`;

/** Compile the header for `plan` with the driver; returns a function answering a batch of queries. */
function build(name: string, plan: ClassPlan): (queries: readonly (readonly [string, number])[]) => string[] {
  const sub = join(dir, name);
  spawnSync('mkdir', ['-p', sub]);
  const h = classifierHeader(plan);
  if (E.isLeft(h)) throw new Error(h.left.message);
  writeFileSync(join(sub, 'phyclass_classes.h'), h.right);
  writeFileSync(join(sub, 'driver.c'), DRIVER);
  writeFileSync(join(sub, 'other.c'), OTHER_TU);
  const exe = join(sub, 'driver');
  const cc = spawnSync(CC as string, ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic', '-O1', '-o', exe, join(sub, 'driver.c'), join(sub, 'other.c')], { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(`cc failed:\n${cc.stderr}`);
  return (queries) => {
    const input = queries.map(([id, b]) => `${id}\t${b}\n`).join('');
    const r = spawnSync(exe, [], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`driver exit ${r.status}: ${r.stderr}`);
    return r.stdout.split('\n').slice(0, -1);
  };
}

const RC = { ok: 0, 'beyond-profile': 1, unserved: 1, 'unknown-service': 2 } as const;
const STATUS = { ok: 0, 'beyond-profile': 1, unserved: 2, 'unknown-service': 3 } as const;

/** The line the driver must print for a query, from the TypeScript classifier. */
function expected(f: ReturnType<typeof compileClassifier>, id: string, bytes: number): string {
  const a = f(id, bytes);
  return a.status === 'ok'
    ? `0 ${a.classId ?? ''} ${a.nPrb} ${a.nTti} ${a.mcs} ${a.tbsBits} 0 ${a.mcsTable}`
    : `${RC[a.status]} - 0 0 0 0 ${STATUS[a.status]} `;
}

function compare(plan: ClassPlan, queries: readonly (readonly [string, number])[], run: ReturnType<typeof build>): void {
  const f = compileClassifier(plan);
  const got = run(queries);
  expect(got.length).toBe(queries.length);
  let bad = 0;
  const first: string[] = [];
  queries.forEach(([id, b], i) => {
    const want = expected(f, id, b);
    if (got[i] !== want) {
      bad++;
      if (first.length < 5) first.push(`${JSON.stringify(id)} ${b}: C "${got[i]}" vs TS "${want}"`);
    }
  });
  expect(first, `${bad} of ${queries.length} differ`).toEqual([]);
}

describe.skipIf(CC === undefined)('phyclass export --target c: the C classifier', () => {
  /** Every byte size 0..max+2 of every served service, beyond the profile, unserved and unknown ids. */
  const queriesOf = (plan: ClassPlan): [string, number][] => {
    const q: [string, number][] = [];
    for (const a of plan.assignments) {
      const max = plan.maxBytesByService[a.serviceId] ?? 0;
      for (let b = 0; b <= max + 2; b++) q.push([a.serviceId, b]); // exhaustive over the profile range
      q.push([a.serviceId, max + 1000], [a.serviceId, 2 ** 32], [a.serviceId, 2 ** 53]);
    }
    for (const u of plan.unserved) q.push([u.serviceId, 1], [u.serviceId, 100], [u.serviceId, 0]);
    for (const id of ['', 'nope', 'teleop', 'teleop.haptic_feedbac', 'teleop.haptic_feedback ', 'zzz', 'TELEOP.HAPTIC_FEEDBACK']) q.push([id, 10]);
    return q;
  };

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

  it('agrees on every byte size where more is served (a mechanism link: ~327,000 sizes, large profiles included)', () => {
    // independent HARQ fading and no control errors serve the large-payload services too, so the C/TS
    // agreement is checked over large profiles (their multi-piece size tables) and not only small ones
    const mechanismLink = { ...defaultLink, harqFading: 'independent' as const, controlErrors: { pdcchMissProb: 0, harqAckErrorProb: 0, srMissProb: 0 } };
    const plan = deriveClasses(services, mechanismLink, { maxClasses: 4 });
    expect(plan.assignments.length).toBeGreaterThan(10);
    const run = build('mechanism', plan);
    const q = queriesOf(plan);
    expect(q.length).toBeGreaterThan(300_000);
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
