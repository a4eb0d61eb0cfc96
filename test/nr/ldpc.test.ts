import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  LIFTING_SETS, LIFTING_SIZES, ldpcBaseGraph, ldpcSegmentation, ldpcSegmentationChecked, rateMatchedLengths, tbCrcBits,
} from '../../src/nr/ldpc.js';

describe('nr/ldpc worked examples (spec/ldpc.md)', () => {
  it('L1 peak TB 1277992 bits at R = 948/1024: BG1, C = 152, K\' = 8432, Zc = 384, K = 8448, F = 16', () => {
    const s = ldpcSegmentation(1277992, 948);
    expect(s).toMatchObject({ baseGraph: 1, tbCrcBits: 24, cbCrcBits: 24, codeBlocks: 152, kPrime: 8432, kb: 22, zc: 384, k: 8448, fillerBits: 16, bBits: 1278016, nBits: 66 * 384 });
  });
  it('L2 A = 3824 at R = 1/2: BG2, CRC16, one block of K\' = 3840, Zc = 384, no filler', () => {
    expect(ldpcSegmentation(3824, 512)).toMatchObject({ baseGraph: 2, tbCrcBits: 16, codeBlocks: 1, kPrime: 3840, kb: 10, zc: 384, k: 3840, fillerBits: 0 });
  });
  it('L3 A = 3840 at R = 1/2: BG1, CRC24A, K\' = 3864, Zc = 176, K = 3872, F = 8', () => {
    expect(ldpcSegmentation(3840, 512)).toMatchObject({ baseGraph: 1, tbCrcBits: 24, codeBlocks: 1, cbCrcBits: 0, kPrime: 3864, kb: 22, zc: 176, k: 3872, fillerBits: 8, liftingSetIndex: 5 });
  });
  it('L4 A = 3848 at R = 193/1024 (<= 1/4): BG2, C = 2, K\' = 1960, Kb = 10, Zc = 208, K = 2080', () => {
    expect(ldpcSegmentation(3848, 193)).toMatchObject({ baseGraph: 2, codeBlocks: 2, cbCrcBits: 24, kPrime: 1960, kb: 10, zc: 208, k: 2080, fillerBits: 120 });
  });
  it('L5 smallest TB A = 24: BG2, B = 40, Kb = 6, Zc = 7, K = 70', () => {
    expect(ldpcSegmentation(24, 120)).toMatchObject({ baseGraph: 2, bBits: 40, kb: 6, zc: 7, k: 70, fillerBits: 30 });
  });
  it('base graph thresholds: A = 292/293, R = 0.67 (686 vs 687 /1024), R = 0.25', () => {
    expect(ldpcBaseGraph(292, 948)).toBe(2);
    expect(ldpcBaseGraph(293, 948)).toBe(1);
    expect(ldpcBaseGraph(3824, 686)).toBe(2);
    expect(ldpcBaseGraph(3824, 687)).toBe(1);
    expect(ldpcBaseGraph(100000, 256)).toBe(2);
    expect(ldpcBaseGraph(100000, 257)).toBe(1);
    expect(tbCrcBits(3824)).toBe(16);
    expect(tbCrcBits(3825)).toBe(24);
  });
  it('Kb thresholds of BG2 at B = 192/193, 560/561, 640/641', () => {
    expect(ldpcSegmentation(192 - 16, 100).kb).toBe(6);
    expect(ldpcSegmentation(193 - 16, 100).kb).toBe(8);
    expect(ldpcSegmentation(560 - 16, 100).kb).toBe(8);
    expect(ldpcSegmentation(561 - 16, 100).kb).toBe(9);
    expect(ldpcSegmentation(640 - 16, 100).kb).toBe(9);
    expect(ldpcSegmentation(641 - 16, 100).kb).toBe(10);
  });
});

describe('nr/ldpc lifting sizes (TS 38.212 Table 5.3.2-1)', () => {
  it('has 8 sets and 51 distinct sizes from 2 to 384', () => {
    expect(LIFTING_SETS.length).toBe(8);
    expect(LIFTING_SIZES.length).toBe(51);
    expect(LIFTING_SIZES[0]).toBe(2);
    expect(LIFTING_SIZES[50]).toBe(384);
    expect(LIFTING_SETS[0]).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
    expect(LIFTING_SETS[1]).toEqual([3, 6, 12, 24, 48, 96, 192, 384]);
    expect(LIFTING_SETS[7]).toEqual([15, 30, 60, 120, 240]);
    expect(LIFTING_SETS.map((s) => s.length)).toEqual([8, 8, 7, 6, 6, 6, 5, 5]);
  });
});

describe('nr/ldpc rate matching (TS 38.212 §5.4.2.1)', () => {
  it('splits G over the code blocks: first C - mod(G/(NL·Qm), C) get the floor', () => {
    const s = ldpcSegmentation(3848, 193); // C = 2
    // G = 2·2·1001 symbols... NL = 1, Qm = 2, G = 2002 -> G' = 1001 symbols, 1001 mod 2 = 1
    expect(rateMatchedLengths(s, 2002, 2, 1)).toEqual([1000, 1002]);
    expect(rateMatchedLengths(s, 2000, 2, 1)).toEqual([1000, 1000]);
    const big = ldpcSegmentation(1277992, 948); // C = 152
    const e = rateMatchedLengths(big, 1_000_000, 8, 4); // G' = 31250, 31250 mod 152 = 90
    expect(e.length).toBe(152);
    expect(e.filter((x) => x === 32 * 205).length).toBe(62);
    expect(e.filter((x) => x === 32 * 206).length).toBe(90);
    expect(e.reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });
  it('gives zeros for meaningless arguments instead of NaN', () => {
    expect(rateMatchedLengths(ldpcSegmentation(1000, 500), -5, 2, 1)).toEqual([0]);
    expect(rateMatchedLengths(ldpcSegmentation(1000, 500), 100, 0, 1)).toEqual([0]);
  });
});

describe('nr/ldpc validation', () => {
  it('ldpcSegmentationChecked names the field', () => {
    const a = ldpcSegmentationChecked(10, 500);
    expect(E.isLeft(a) && 'field' in a.left && a.left.field).toBe('tbsBits');
    const b = ldpcSegmentationChecked(1000, 1100);
    expect(E.isLeft(b) && 'field' in b.left && b.left.field).toBe('rateX1024');
    expect(E.isRight(ldpcSegmentationChecked(1000, 500))).toBe(true);
  });
  it('ldpcSegmentation is total (no NaN) on garbage', () => {
    const s = ldpcSegmentation(Number.NaN, Number.NaN);
    expect(Object.values(s).every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('nr/ldpc robustness', () => {
  it('rateMatchedLengths on a malformed segmentation returns [] instead of throwing', () => {
    const s = { ...ldpcSegmentation(1000, 500), codeBlocks: 1.5 };
    expect(rateMatchedLengths(s, 1000, 2, 1)).toEqual([]);
  });
});
