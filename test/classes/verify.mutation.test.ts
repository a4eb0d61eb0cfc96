/**
 * Mutation test of src/classes/verify.ts: a checker that never says no would pass every positive
 * test, so each mutant below must be caught by the shared negative-case table
 * (test/classes/verify.cases.ts).
 *
 * Mutants, generated from the source text:
 * - every `pass` of a verdict forced to `true` (the early-failure verdict, the final verdict and the
 *   per-size verdict) — each must fail several cases;
 * - every rejection branch removed, one at a time: the condition after its `reject:<name>` marker is
 *   made false (`if (1 ? false : <condition>)`) — each must fail at least one case.
 * A mutant is written to a temp directory with its relative imports rewritten to absolute paths of
 * src/, imported, run against the cases, and deleted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/classes/verify.js';
import { VERIFY_NEGATIVE_CASES, missedRejection, rejectMarkers, type VerifyCase, type VerifyFn } from './verify.cases.js';

const here = dirname(fileURLToPath(import.meta.url));
const VERIFY_TS = resolve(here, '../../src/classes/verify.ts');
const SOURCE = readFileSync(VERIFY_TS, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'phyclass-verify-mutants-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Mutant {
  readonly name: string;
  readonly source: string;
  /** Cases to try first (the branch's own); all cases are tried for the forced-pass mutants. */
  readonly branch: string | null;
}

/** Replace the `n`-th match of `re` in `s` (re must be global). */
function replaceNth(s: string, re: RegExp, n: number, by: string): string {
  let i = -1;
  return s.replace(re, (m) => (++i === n ? by : m));
}

function mutants(): Mutant[] {
  const out: Mutant[] = [];
  const passFields = [...SOURCE.matchAll(/\bpass: (?!boolean)[^\n]*,$/gm)];
  passFields.forEach((m, i) => out.push({ name: `forced pass #${i + 1} (${m[0].trim()})`, source: replaceNth(SOURCE, /\bpass: (?!boolean)[^\n]*,$/gm, i, 'pass: true,'), branch: null }));
  const shorthand = [...SOURCE.matchAll(/^(\s+)pass,$/gm)];
  shorthand.forEach((_, i) => out.push({ name: `forced pass (final verdict #${i + 1})`, source: replaceNth(SOURCE, /^(\s+)pass,$/gm, i, '$1pass: true,'), branch: null }));
  rejectMarkers(SOURCE).forEach((name) => {
    out.push({ name: `branch ${name} removed`, source: SOURCE.replace(`/* reject:${name} */ `, '1 ? false : '), branch: name });
  });
  return out;
}

/** Write `source` as a module in the temp dir, relative imports made absolute; import its verify. */
async function load(name: string, source: string): Promise<VerifyFn> {
  const abs = source.replace(/from '(\.{1,2}\/[^']+)\.js'/g, (_, rel: string) => `from '${resolve(dirname(VERIFY_TS), rel)}.ts'`);
  const file = join(tmp, `${name.replace(/[^A-Za-z0-9]+/g, '_')}.ts`);
  writeFileSync(file, abs);
  try {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { verify: VerifyFn };
    return mod.verify;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Cases that catch the mutant, trying the branch's own cases first; stops after `enough`. */
function killers(fn: VerifyFn, branch: string | null, enough: number): string[] {
  const ordered: VerifyCase[] = branch === null ? [...VERIFY_NEGATIVE_CASES] : [...VERIFY_NEGATIVE_CASES.filter((k) => k.branch === branch), ...VERIFY_NEGATIVE_CASES.filter((k) => k.branch !== branch)];
  const out: string[] = [];
  for (const k of ordered) {
    if (missedRejection(fn, k) !== null) out.push(k.name);
    if (out.length >= enough) break;
  }
  return out;
}

describe('verify mutants are caught by the negative cases', () => {
  const all = mutants();

  it('the generator finds the three pass fields and every marked branch', () => {
    expect(all.filter((m) => m.branch === null).length).toBe(3);
    expect(all.filter((m) => m.branch !== null).length).toBe(rejectMarkers(SOURCE).length);
    for (const m of all) expect(m.source).not.toBe(SOURCE);
  });

  it('the unmutated source, loaded the same way, passes every case (the harness is sound)', async () => {
    const fn = await load('original', SOURCE);
    expect(VERIFY_NEGATIVE_CASES.map((k) => missedRejection(fn, k)).filter((x) => x !== null)).toEqual([]);
    expect(fn).not.toBe(verify);
  });

  for (const m of all) {
    it(m.name, async () => {
      const fn = await load(m.name, m.source);
      const caught = killers(fn, m.branch, m.branch === null ? 3 : 1);
      expect(caught.length, `${m.name} survived every case`).toBeGreaterThanOrEqual(m.branch === null ? 3 : 1);
    });
  }
});
