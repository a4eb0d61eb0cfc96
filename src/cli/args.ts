/**
 * Parsing of command-line values at the edge. Plain numbers and choices are checked here;
 * quantities with units ("25 kB", "5 ms", "20 MHz", "1e-5", "99.999 %") go through the SDK's
 * codecs (mathjs `unit()`, never `evaluate`). Every failure is a one-line bad-input error naming
 * the option and what is allowed.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { badInput } from './errors.js';

/** Unwrap a library Either or fail as bad input, prefixing the option name when it is not already named. */
export function orBadInput<A>(e: E.Either<PhyError | { readonly message: string }, A>, option?: string): A {
  if (E.isRight(e)) return e.right;
  const msg = e.left.message;
  return badInput(option === undefined || msg.startsWith(option) ? msg : `${option}: ${msg}`);
}

/** A strict decimal number (no units, no hex, no empty string). */
export function parseNumberArg(option: string, text: string, min = -Infinity, max = Infinity): number {
  const t = text.trim();
  const x = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(x)) return badInput(`${option}: expected a number, got ${JSON.stringify(text)}`);
  if (x < min || x > max) return badInput(`${option}: expected a number in [${min}, ${max}], got ${t}`);
  return x;
}

/** An integer in [min, max]. */
export function parseIntArg(option: string, text: string, min: number, max: number): number {
  const t = text.trim();
  const x = /^[+-]?\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isInteger(x) || x < min || x > max) {
    return badInput(`${option}: expected an integer in ${min}..${max}, got ${JSON.stringify(text)}`);
  }
  return x;
}

/** One of a fixed list of words. */
export function parseChoice<A extends string>(option: string, text: string, allowed: readonly A[]): A {
  const hit = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
  if (hit === undefined) return badInput(`${option}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  return hit;
}

/** Parse a JSON document from a named source; malformed JSON is bad input with the position. */
export function parseJsonText(source: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return badInput(`${source}: malformed JSON (${why})`);
  }
}
