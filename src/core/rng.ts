/**
 * Seeded randomness. The pure core never reads a clock or Math.random: every stochastic
 * function takes an `Rng` built here from an explicit seed (xoroshiro128+ from pure-rand),
 * so the same seed gives the same output bit for bit.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** A mutable, seeded uniform generator. Clone it to branch a stream reproducibly. */
export interface Rng {
  /** Uniform in [0, 1), 53 bits. */
  readonly uniform: () => number;
  /** Opaque state for reproducible restarts. */
  readonly state: () => readonly number[];
  /** An independent copy at the current state (same future stream; advancing one does not advance the other). */
  readonly clone: () => Rng;
}

function wrap(gen: ReturnType<typeof xoroshiro128plusFromState>): Rng {
  return {
    uniform: () => uniformFloat64(gen),
    state: () => gen.getState(),
    clone: () => wrap(xoroshiro128plusFromState(gen.getState())),
  };
}

/** A generator from an integer seed (any 32-bit integer; other numbers are truncated). */
export function makeRng(seed: number): Rng {
  return wrap(xoroshiro128plusFromState(seedState(seed | 0)));
}

/** splitmix32 (Steele, Lea, Flood 2014, 32-bit variant): one well-mixed word per call of the counter. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * The 128-bit xoroshiro state of a 32-bit seed, each word from splitmix32 of a counter. pure-rand's own
 * `xoroshiro128plus(seed)` sets the state to (−1, ~seed, seed, 0): the first output is ≈ 1 − seed·2^−32 and
 * the second steps by 1/16 per seed, so runs with consecutive seeds were correlated (found in the shared-
 * carrier referee, where seeds 1..26 were pooled). Seeding through a mixing function is what the
 * xoroshiro authors recommend (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021).
 */
function seedState(seed: number): number[] {
  const w = [0, 1, 2, 3].map((i) => splitmix32((seed ^ Math.imul(i + 1, 0x632be5ab)) | 0));
  return w.every((x) => x === 0) ? [1, 0, 0, 0] : w;
}

/** Restore a generator from `rng.state()`. */
export function rngFromState(state: readonly number[]): Rng {
  return wrap(xoroshiro128plusFromState(state));
}

/** Standard normal by Box–Muller (uses two uniforms; no caching so streams stay simple). */
export function normal(rng: Rng): number {
  let u = rng.uniform();
  while (u <= 0) u = rng.uniform();
  const v = rng.uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Exponential with the given mean. */
export function exponential(rng: Rng, mean: number): number {
  let u = rng.uniform();
  while (u <= 0) u = rng.uniform();
  return -mean * Math.log(u);
}
