import { describe, expect, it } from 'vitest';
import { doubleArray, grownTo } from '../../src/core/typed.js';

describe('core/typed', () => {
  it('grownTo keeps the contents and the element type', () => {
    const a = Float64Array.of(1.5, -2, 3);
    const b = grownTo(a, 5);
    expect(b).toBeInstanceOf(Float64Array);
    expect([...b]).toEqual([1.5, -2, 3, 0, 0]);
    const i = grownTo(Int32Array.of(7), 3);
    expect(i).toBeInstanceOf(Int32Array);
    expect([...i]).toEqual([7, 0, 0]);
  });

  it('doubleArray behaves as an empty array literal', () => {
    const a = doubleArray();
    expect(Array.isArray(a)).toBe(true);
    expect(a).toHaveLength(0);
    expect(a).toEqual([]);
    a.push(0, 2, 0.25, -0);
    expect(a).toEqual([0, 2, 0.25, -0]);
    expect(Object.is(a[3], -0)).toBe(true);
    expect(JSON.stringify(a)).toBe('[0,2,0.25,0]');
    expect(a.sort((x, y) => y - x)).toEqual([2, 0.25, 0, -0]);
    // a new array each call
    expect(doubleArray()).not.toBe(doubleArray());
  });
});
