/**
 * src/classes/verify.ts: `verify` is an oracle that says no. Every rejection branch (marked
 * `reject:<name>` in the source) has cases in the shared table test/classes/verify.cases.ts that it
 * must refuse for the named reason; the planner's own classes pass; verify never throws or returns a
 * non-finite number; and verify imports nothing from the planner's search (model.ts, planner.ts,
 * derive.ts), directly or through another module.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fc } from '../support/fc-test.js';
import { verify, verifyWith } from '../../src/classes/verify.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import type { PhyClass } from '../../src/classes/types.js';
import { UL_CLASS, UL_SERVICE, VERIFY_NEGATIVE_CASES, VERIFY_POSITIVE_CASES, missedRejection, rejectMarkers } from './verify.cases.js';

const here = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(here, '../../src');
const VERIFY_TS = resolve(SRC, 'classes/verify.ts');

describe('verify says no: one negative case per rejection branch', () => {
  for (const k of VERIFY_NEGATIVE_CASES) {
    it(`${k.branch}: ${k.name}`, () => {
      expect(missedRejection(verify, k)).toBeNull();
    });
  }

  it('every reject: marker of verify.ts has a case, and every case names a marker', () => {
    const markers = rejectMarkers(readFileSync(VERIFY_TS, 'utf8'));
    expect(markers.length).toBeGreaterThanOrEqual(18);
    expect(new Set(markers).size).toBe(markers.length);
    const covered = new Set(VERIFY_NEGATIVE_CASES.map((k) => k.branch));
    expect(markers.filter((m) => !covered.has(m))).toEqual([]);
    expect([...covered].filter((b) => !markers.includes(b))).toEqual([]);
  });

  it('every early `return fail(` and every reason pushed sits behind a marker', () => {
    const src = readFileSync(VERIFY_TS, 'utf8');
    const inner = src.slice(src.indexOf('function verifyInner('));
    const failSites = [...inner.matchAll(/return fail\(/g)].length;
    const pushSites = [...inner.matchAll(/reasons\.push\(`(?!note:)/g)].length;
    expect(failSites + pushSites).toBe(rejectMarkers(inner).length);
  });

  it('a failing verdict still carries finite figures and the ids', () => {
    const k = VERIFY_NEGATIVE_CASES.find((c) => c.branch === 'tbs');
    const v = verify(k!.phyClass, k!.service, k!.link);
    expect(v).toMatchObject({ pass: false, classId: UL_CLASS.id, serviceId: UL_SERVICE.id, epsilonAchieved: 1 });
  });
});

describe('verify says yes to the planner’s classes', () => {
  for (const k of VERIFY_POSITIVE_CASES) {
    it(k.name, () => {
      const v = verify(k.phyClass, k.service, k.link);
      expect(v.pass).toBe(true);
      expect(v.reasons.filter((r) => !r.startsWith('note:'))).toEqual([]);
      expect(v.epsilonAchieved).toBeLessThanOrEqual(k.service.epsilon);
      expect(v.perSize.map((p) => p.sizeBytes)).toEqual([...k.service.payload.sizesBytes].sort((a, b) => a - b));
      for (const p of v.perSize) {
        expect(p.pass).toBe(true);
        expect(p.transmissionsWithinBudget).toBeGreaterThan(0);
        expect(p.latencyFirstMs).toBeLessThanOrEqual(k.service.latencyBudgetMs);
      }
      expect(v.load).toBeGreaterThan(0);
      expect(v.load).toBeLessThanOrEqual(1);
      expect(v.snrMarginDb).toBeGreaterThan(0);
    });
  }

  it('the verdict scales load with the UE count and keeps the reliability figures', () => {
    const one = verifyWith(UL_CLASS, UL_SERVICE, defaultLink, { snrMargin: false });
    const many = verifyWith(UL_CLASS, { ...UL_SERVICE, ueCount: 1000 }, defaultLink, { snrMargin: false });
    expect(many.load / one.load).toBeCloseTo(1000, 6);
    expect(many.epsilonAchieved).toBe(one.epsilonAchieved);
  });

  it('the SNR margin is where the verdict flips (within the 0.01 dB bisection step)', () => {
    const v = verify(UL_CLASS, UL_SERVICE, defaultLink);
    const at = (snrDb: number): boolean => verifyWith(UL_CLASS, UL_SERVICE, { ...defaultLink, snrDb }, { snrMargin: false }).pass;
    expect(at(defaultLink.snrDb - v.snrMarginDb + 0.02)).toBe(true);
    expect(at(defaultLink.snrDb - v.snrMarginDb - 0.02)).toBe(false);
  });
});

describe('verify never throws and never returns a non-finite figure', () => {
  it('on random perturbations of a valid class', () => {
    const arb = fc.record({
      mu: fc.integer({ min: -1, max: 7 }),
      nPrb: fc.oneof(fc.integer({ min: -2, max: 300 }), fc.constant(Number.NaN)),
      mcs: fc.integer({ min: -1, max: 32 }),
      ttiSymbols: fc.integer({ min: 0, max: 16 }),
      mappingType: fc.constantFrom('A', 'B', 'C'),
      maxTransmissions: fc.integer({ min: 0, max: 5 }),
      repetitions: fc.constantFrom(0, 1, 2, 3, 4, 8),
      tbsBits: fc.constantFrom(1128, 0, -1, 1136),
    });
    fc.assert(
      fc.property(arb, (patch) => {
        const v = verifyWith({ ...UL_CLASS, ...patch } as unknown as PhyClass, UL_SERVICE, defaultLink, { snrMargin: false });
        for (const x of [v.epsilonAchieved, v.snrMarginDb, v.latencyMarginMs, v.rePerSecond, v.load]) expect(Number.isFinite(x)).toBe(true);
        if (!v.pass) expect(v.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 12 },
    );
  });
});

/** Runtime (non-type) imports of a TS source file, resolved to .ts paths under src/. */
function runtimeImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
    out.push(resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')));
  }
  return out;
}

describe('verify shares no code with the planner’s search', () => {
  it('its import closure reaches neither model.ts, planner.ts nor derive.ts', () => {
    const seen = new Set<string>();
    const todo = [VERIFY_TS];
    while (todo.length > 0) {
      const f = todo.pop() as string;
      if (seen.has(f)) continue;
      seen.add(f);
      todo.push(...runtimeImports(f));
    }
    const rel = [...seen].map((f) => f.slice(SRC.length + 1)).sort();
    expect(rel).toContain('link/latency.ts');
    expect(rel).toContain('nr/slotPattern.ts');
    expect(rel.filter((f) => /^classes\/(model|planner|derive|classifier)\.ts$/.test(f) || f.startsWith('classes/model/') || f.startsWith('classes/search'))).toEqual([]);
  });

  it('and no type import from the planner either', () => {
    const src = readFileSync(VERIFY_TS, 'utf8');
    expect(src).not.toMatch(/from '\.\/(model|planner|derive)\.js'/);
  });
});
