/**
 * Deliberately naive TBS reference (TS 38.214 §5.1.3.2 steps 2–4) in BigInt rational arithmetic.
 *
 * Written straight from the spec text, with no shifts, lookup tables or float shortcuts:
 * N_info is the fraction num/den, log2 is found by doubling, round() compares fractions
 * (ties up), and Table 5.1.3.2-1 is scanned linearly. Used only by the tests, to check the
 * fast `tbsFromRe` / `transportBlockSize` on random configurations.
 */

const TABLE_5_1_3_2_1: readonly bigint[] = [
  24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144, 152, 160, 168, 176, 184, 192, 208, 224, 240,
  256, 272, 288, 304, 320, 336, 352, 368, 384, 408, 432, 456, 480, 504, 528, 552, 576, 608, 640, 672, 704, 736, 768,
  808, 848, 888, 928, 984, 1032, 1064, 1128, 1160, 1192, 1224, 1256, 1288, 1320, 1352, 1416, 1480, 1544, 1608, 1672,
  1736, 1800, 1864, 1928, 2024, 2088, 2152, 2216, 2280, 2408, 2472, 2536, 2600, 2664, 2728, 2792, 2856, 2976, 3104,
  3240, 3368, 3496, 3624, 3752, 3824,
].map((x) => BigInt(x));

/** A positive rational num/den with BigInt parts. */
interface Frac {
  readonly num: bigint;
  readonly den: bigint;
}

function pow2(k: number): Frac {
  return k >= 0 ? { num: 1n << BigInt(k), den: 1n } : { num: 1n, den: 1n << BigInt(-k) };
}

/** a <= b for fractions with positive denominators. */
function le(a: Frac, b: Frac): boolean {
  return a.num * b.den <= b.num * a.den;
}

/** floor(log2(x)) for x > 0, by walking powers of two. */
function floorLog2(x: Frac): number {
  let k = 0;
  if (le(pow2(0), x)) {
    while (le(pow2(k + 1), x)) k++;
  } else {
    while (!le(pow2(k), x)) k--;
  }
  return k;
}

function floorDiv(a: bigint, b: bigint): bigint {
  return a / b; // both non-negative here
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/**
 * Naive TBS. `rateX1024` may be a half-integer; `scaling` is 1, 0.5 or 0.25.
 */
export function naiveTbs(nRe: number, qm: number, rateX1024: number, nLayers: number, scaling: number): number {
  // R = (2·rateX1024) / 2048, S = (4·scaling) / 4.
  const rNum = BigInt(Math.round(rateX1024 * 2));
  const rDen = 2048n;
  const sNum = BigInt(Math.round(scaling * 4));
  const sDen = 4n;
  // Step 2: N_info = S · N_RE · R · Qm · υ
  const nInfo: Frac = { num: sNum * BigInt(nRe) * rNum * BigInt(qm) * BigInt(nLayers), den: sDen * rDen };
  if (nInfo.num <= 0n) return 0;
  if (le(nInfo, { num: 3824n, den: 1n })) {
    // Step 3
    const n = Math.max(3, floorLog2(nInfo) - 6);
    const twoN = 1n << BigInt(n);
    let nPrime = twoN * floorDiv(nInfo.num, nInfo.den * twoN);
    if (nPrime < 24n) nPrime = 24n;
    for (const t of TABLE_5_1_3_2_1) if (t >= nPrime) return Number(t);
    throw new Error('unreachable: N_info <= 3824');
  }
  // Step 4
  const minus24: Frac = { num: nInfo.num - 24n * nInfo.den, den: nInfo.den };
  const n = floorLog2(minus24) - 5;
  const twoN = 1n << BigInt(n);
  // round((N_info - 24) / 2^n), ties towards the next largest integer: floor(t + 1/2)
  const t: Frac = { num: minus24.num, den: minus24.den * twoN };
  const rounded = floorDiv(2n * t.num + t.den, 2n * t.den);
  let nPrime = twoN * rounded;
  if (nPrime < 3840n) nPrime = 3840n;
  // R <= 1/4  <=>  rNum / rDen <= 1/4
  if (4n * rNum <= rDen) {
    const c = ceilDiv(nPrime + 24n, 3816n);
    return Number(8n * c * ceilDiv(nPrime + 24n, 8n * c) - 24n);
  }
  if (nPrime > 8424n) {
    const c = ceilDiv(nPrime + 24n, 8424n);
    return Number(8n * c * ceilDiv(nPrime + 24n, 8n * c) - 24n);
  }
  return Number(8n * ceilDiv(nPrime + 24n, 8n) - 24n);
}
