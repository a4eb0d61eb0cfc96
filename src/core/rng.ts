/**
 * Seeded randomness. The pure core never reads a clock or Math.random: every stochastic
 * function takes an `Rng` built here from an explicit seed (xoroshiro128+ from pure-rand),
 * so the same seed gives the same output bit for bit.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
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

function wrap(gen: ReturnType<typeof xoroshiro128plus>): Rng {
  return {
    uniform: () => uniformFloat64(gen),
    state: () => gen.getState(),
    clone: () => wrap(xoroshiro128plusFromState(gen.getState())),
  };
}

/** A generator from an integer seed (any 32-bit integer; other numbers are truncated). */
export function makeRng(seed: number): Rng {
  return wrap(xoroshiro128plus(seed | 0));
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
