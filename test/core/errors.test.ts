import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { intInRange, invalidInput, numberInRange, oneOf, showValue } from '../../src/core/errors.js';
import { makeRng, normal } from '../../src/core/rng.js';

describe('core/errors', () => {
  it('names the field, the allowed range and the value', () => {
    expect(invalidInput('nPrb', 'an integer in 1..275', 300).message).toBe('nPrb: expected an integer in 1..275, got 300');
    const r = intInRange('nPrb', 0, 1, 275);
    expect(E.isLeft(r) && r.left.message).toBe('nPrb: expected an integer in 1..275, got 0');
    expect(E.isLeft(numberInRange('snrDb', Number.NaN, -50, 50))).toBe(true);
    expect(E.isRight(oneOf('table', 'qam64', ['qam64', 'qam256'] as const))).toBe(true);
    expect(E.isLeft(oneOf('table', 'qam8', ['qam64', 'qam256'] as const))).toBe(true);
  });
  test.prop([fc.anything()])('show never throws on any value', (v) => {
    expect(typeof showValue(v)).toBe('string');
  });
});

describe('core/rng', () => {
  it('is reproducible from a seed and from a cloned state', () => {
    const a = makeRng(42);
    const b = makeRng(42);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.uniform()));
    const c = a.clone();
    expect(a.uniform()).toBe(c.uniform());
  });
  it('draws normals with mean ~0 and variance ~1', () => {
    const rng = makeRng(7);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = normal(rng);
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.04);
  });
});
