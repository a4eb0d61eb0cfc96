/**
 * src/nr/slotPattern.ts — the one slot model: the special-slot format is defined once (grep), the
 * occasion grid follows the symbol directions the scheduler's resource grid compiles, the duty of a
 * direction is its share of symbols, and malformed input never hangs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fc } from '../support/fc-test.js';
import {
  DEFAULT_SPECIAL_SLOT, DEFAULT_SPECIAL_SLOT_TEXT, DL_CONTROL_SYMBOLS, directionDuty, formatSpecialSlot, isMiniSlotStart,
  minOccasionsInSymbols, miniSlotFirstSymbol, occasionGrid, occasionSpanSymbols, parseSpecialSlot, patternHasSymbol, symbolDirection, type SpecialSlotFormat,
} from '../../src/nr/slotPattern.js';
import { compileGrid, SYM_CONTROL, SYM_DL, SYM_UL } from '../../src/scheduler/grid.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Source text without comments (block and line), so documentation may mention the format. */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const arbSpecial: fc.Arbitrary<SpecialSlotFormat> = fc
  .tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 14 }))
  .filter(([a, b]) => a + b <= 14)
  .map(([dl, guard]) => ({ dl, guard, ul: 14 - dl - guard }));
const arbPattern = fc.array(fc.constantFrom('D', 'S', 'U'), { minLength: 1, maxLength: 10 }).map((a) => a.join(''));

describe('the special-slot format is defined once', () => {
  it('default 10 DL : 2 guard : 2 UL, text 10D:2G:2U', () => {
    expect(DEFAULT_SPECIAL_SLOT).toEqual({ dl: 10, guard: 2, ul: 2 });
    expect(DEFAULT_SPECIAL_SLOT_TEXT).toBe('10D:2G:2U');
    expect(DL_CONTROL_SYMBOLS).toBe(2);
  });

  it('grep: no other source file writes the 10:2:2 split, the S-slot duty or the DDDSU default (code, not comments)', () => {
    const hits: string[] = [];
    for (const f of tsFiles(SRC)) {
      const rel = relative(SRC, f);
      if (rel === join('nr', 'slotPattern.ts')) continue;
      const c = code(f);
      if (/\bdl:\s*10\s*,\s*guard:\s*2|10D:2G:2U|\*\s*10\)\s*\/\s*14|\*\s*2\)\s*\/\s*14|\?\?\s*'DDDSU'/.test(c)) hits.push(rel);
    }
    expect(hits).toEqual([]);
  });

  it('parse and format round-trip; bad formats are refused with one line', () => {
    fc.assert(fc.property(arbSpecial, (sp) => {
      expect(parseSpecialSlot(formatSpecialSlot(sp))).toEqual(E.right(sp));
    }));
    for (const bad of ['10D:2G:3U', '10D2G2U', '', 'x', 14]) {
      const r = parseSpecialSlot(bad);
      expect(E.isLeft(r) && r.left.message).toMatch(/^specialSlot: expected '<n>D:<n>G:<n>U'.*, got /);
    }
  });
});

describe('occasion grid = the scheduler grid’s mini-slot occasions', () => {
  it('for random TDD patterns, special slots and mini-slot lengths', () => {
    fc.assert(
      fc.property(arbPattern, arbSpecial, fc.constantFrom(2, 4, 7), fc.constantFrom<'DL' | 'UL'>('DL', 'UL'), (pattern, sp, L, dir) => {
        const g = compileGrid({ duplex: 'TDD', tddPattern: pattern, specialSlot: sp, controlSymbols: DL_CONTROL_SYMBOLS, bwps: [{ id: 'b', mu: 1, nPrb: 10 }] });
        expect(E.isRight(g)).toBe(true);
        if (E.isLeft(g)) return;
        const kinds = g.right.bwps[0]!.symbolKind;
        const want = dir === 'DL' ? SYM_DL : SYM_UL;
        const first = miniSlotFirstSymbol(dir);
        const expected: number[] = [];
        for (let k = 0; k < pattern.length; k++) {
          for (let l = 0; l < 14; l++) {
            if (!isMiniSlotStart(l, L, first)) continue;
            let ok = true;
            for (let x = l; x < l + L; x++) if (kinds[k * 14 + x] !== want) ok = false;
            if (ok) expected.push(14 * k + l);
          }
        }
        expect(occasionGrid(dir, L, 'TDD', pattern, sp).starts).toEqual(expected);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('symbol directions: the scheduler grid is symbolDirection, with the control region on DL slot starts', () => {
    fc.assert(
      fc.property(arbPattern, arbSpecial, (pattern, sp) => {
        const g = compileGrid({ duplex: 'TDD', tddPattern: pattern, specialSlot: sp, controlSymbols: DL_CONTROL_SYMBOLS, bwps: [{ id: 'b', mu: 0, nPrb: 5 }] });
        if (E.isLeft(g)) return;
        const kinds = g.right.bwps[0]!.symbolKind;
        for (let k = 0; k < pattern.length; k++) {
          for (let l = 0; l < 14; l++) {
            const d = symbolDirection(pattern[k]!, l, sp);
            const kind = kinds[k * 14 + l];
            if (kind === SYM_CONTROL) expect(d).toBe('D');
            else expect(kind).toBe(d === 'D' ? SYM_DL : d === 'U' ? SYM_UL : 2);
          }
        }
      }),
      { numRuns: 200, seed: 6 },
    );
  });

  it('FDD: DL mini-slots after the control region, UL from symbol 0; slot TTIs once per slot', () => {
    expect(occasionGrid('DL', 7).starts).toEqual([2]);
    expect(occasionGrid('UL', 7).starts).toEqual([0, 7]);
    expect(occasionGrid('DL', 2).starts).toEqual([2, 4, 6, 8, 10, 12]);
    expect(occasionGrid('DL', 14).starts).toEqual([2]);
    expect(occasionGrid('UL', 14, 'TDD', 'DDDSU').starts).toEqual([56]);
    expect(occasionGrid('UL', 2, 'TDD', 'DDDSU').starts).toEqual([54, 56, 58, 60, 62, 64, 66, 68]);
  });
});

describe('duty and robustness', () => {
  it('directionDuty is the share of the period’s symbols of the direction (control counted as DL)', () => {
    fc.assert(
      fc.property(arbPattern, arbSpecial, fc.constantFrom<'DL' | 'UL'>('DL', 'UL'), (pattern, sp, dir) => {
        let n = 0;
        for (const s of pattern) for (let l = 0; l < 14; l++) if (symbolDirection(s, l, sp) === (dir === 'DL' ? 'D' : 'U')) n++;
        expect(directionDuty(dir, 'TDD', pattern, sp)).toBeCloseTo(n / (14 * pattern.length), 12);
      }),
    );
    expect(directionDuty('UL', 'FDD')).toBe(1);
  });

  it('patternHasSymbol finds a DL and an UL symbol exactly when one exists', () => {
    expect(patternHasSymbol('DDDDD', 'U')).toBe(false);
    expect(patternHasSymbol('DDDSD', 'U')).toBe(true);
    expect(patternHasSymbol('S', 'U', { dl: 12, guard: 2, ul: 0 })).toBe(false);
  });

  it('malformed TTI lengths give an empty grid at once (no hang), and no span', () => {
    for (const tti of [0, -1, Number.NaN, 1e9, 2.5, 15]) {
      const g = occasionGrid('DL', tti);
      expect(g.starts).toEqual([]);
      expect(occasionSpanSymbols(3, g)).toBe(Number.POSITIVE_INFINITY);
    }
  });
});

describe('minOccasionsInSymbols: the fewest occasions in any window of a length (own-queue bound, spec/system.md §2.4)', () => {
  it('equals a brute-force count over every window start, and is at least ⌊length / worst gap⌋', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('FDD', 'TDD'),
        fc.constantFrom('DDDSU', 'DDSUU', 'DSUUU', 'DDDDDDDSUU'),
        fc.constantFrom(2, 4, 7, 14),
        fc.constantFrom('DL', 'UL'),
        fc.integer({ min: 0, max: 400 }),
        (duplex, pattern, tti, dir, len) => {
          const g = occasionGrid(dir as 'DL' | 'UL', tti, duplex as 'FDD' | 'TDD', pattern);
          if (g.starts.length === 0) return;
          // every occasion start over enough periods to cover any window of `len` symbols
          const reps = Math.ceil(len / g.periodSymbols) + 2;
          const all: number[] = [];
          for (let k = 0; k < reps; k++) for (const s of g.starts) all.push(s + k * g.periodSymbols);
          let brute = Number.POSITIVE_INFINITY;
          for (let t = 0; t < g.periodSymbols; t++) {
            // window [t, t + len) of symbols; count occasion starts inside it
            let c = 0;
            for (const s of all) if (s >= t && s < t + len) c++;
            brute = Math.min(brute, c);
          }
          const m = minOccasionsInSymbols(len, g);
          // the worst window starts just after an occasion: the count is exact
          expect(m).toBe(brute);
          expect(m).toBeGreaterThanOrEqual(Math.floor(len / occasionSpanSymbols(1, g)));
          expect(occasionSpanSymbols(m + 1, g)).toBeGreaterThan(len);
        },
      ),
      { seed: 1414, numRuns: 300 },
    );
  });
  it('on an empty grid is 0', () => {
    expect(minOccasionsInSymbols(100, { periodSymbols: 70, starts: [], worst: [] })).toBe(0);
  });
});
