/**
 * Helpers of the C classifier tests (c.test.ts, fast tier; c.slow.test.ts, slow tier): compile the
 * header for a plan with a driver that answers queries from stdin, the queries over every byte size
 * of a plan, and the comparison with the TypeScript classifier.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { ClassPlan } from '../../src/index.js';
import { compileClassifier } from '../../src/classes/classifier.js';
import { classifierHeader } from '../../src/export/c.js';

export const CC = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
if (CC === undefined) console.warn('test/export/c-support.ts: no C compiler (cc/gcc/clang) found: the C header tests are skipped');

let dir: string | undefined;
/** Remove the compiled drivers (call from the test file's afterAll). */
export function removeBuilds(): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

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
export function build(name: string, plan: ClassPlan): (queries: readonly (readonly [string, number])[]) => string[] {
  dir ??= mkdtempSync(join(tmpdir(), 'phyclass-c-'));
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

export function compare(plan: ClassPlan, queries: readonly (readonly [string, number])[], run: ReturnType<typeof build>): void {
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


/** Every byte size 0..max+2 of every served service, beyond the profile, unserved and unknown ids. */
export const queriesOf = (plan: ClassPlan): [string, number][] => {
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
