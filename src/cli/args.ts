/**
 * Parsing of command-line values at the edge. Plain numbers and choices are checked here;
 * quantities with units ("25 kB", "5 ms", "20 MHz", "1e-5", "99.999 %") go through the SDK's
 * codecs (mathjs `unit()`, never `evaluate`). Every failure is a one-line bad-input error naming
 * the option and what is allowed.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { SNR_DB, isNumberIn } from '../core/ranges.js';
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

/**
 * The quantity parsers live in src/codecs (mathjs `unit()`); mathjs takes seconds to load, so it
 * is imported only when a value actually carries a unit. Bare numbers never load it.
 */
type QuantityModule = typeof import('../codecs/quantity.js');
let quantityModule: QuantityModule | undefined;
async function quantities(): Promise<QuantityModule> {
  quantityModule ??= await import('../codecs/quantity.js');
  return quantityModule;
}

const BARE_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A duration in ms from "5 ms", "0.5 s", "500 us" or a bare number (ms); must be > 0 unless `allowZero`. */
export async function parseMsArg(option: string, text: string, allowZero = false): Promise<number> {
  const v = BARE_NUMBER.test(text) ? Number(text) : orBadInput((await quantities()).parseMs(text, option), option);
  if (allowZero ? v < 0 : v <= 0) return badInput(`${option}: expected a duration ${allowZero ? '>= 0' : '> 0'}, got ${JSON.stringify(text)}`);
  return v;
}

/** A size in whole bytes from "25 kB", "1500 B", "100 kbit" or a bare number (bytes); must be >= 1. */
export async function parseBytesArg(option: string, text: string): Promise<number> {
  const v = BARE_NUMBER.test(text) ? Number(text) : orBadInput((await quantities()).parseBytes(text, option), option);
  if (!Number.isSafeInteger(v) || v < 1) return badInput(`${option}: expected a whole number of bytes >= 1 (e.g. "25 kB"), got ${JSON.stringify(text)}`);
  return v;
}

/** A size in bits from "1000 bit", "2 kB" or a bare number (bits); must be a positive integer. */
export async function parseBitsArg(option: string, text: string): Promise<number> {
  const v = BARE_NUMBER.test(text) ? Number(text) : orBadInput((await quantities()).parseBits(text, option), option);
  if (!Number.isSafeInteger(v) || v < 1) return badInput(`${option}: expected a whole number of bits >= 1, got ${JSON.stringify(text)}`);
  return v;
}

/** A bandwidth in MHz from "20 MHz" or a bare number (MHz); must be > 0. */
export async function parseMHzArg(option: string, text: string): Promise<number> {
  const v = BARE_NUMBER.test(text) ? Number(text) : orBadInput((await quantities()).parseMHz(text, option), option);
  if (!(v > 0)) return badInput(`${option}: expected a bandwidth > 0, got ${JSON.stringify(text)}`);
  return v;
}

/** An error probability from "1e-5" or "99.999 %". */
export async function parseEpsilonArg(option: string, text: string): Promise<number> {
  return orBadInput((await quantities()).parseEpsilon(text, option), option);
}

/** An SNR in dB from "6 dB", "6dB" or "6". */
export function parseDbArg(option: string, text: string): number {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(?:db)?\s*$/i.exec(text);
  const v = m?.[1] === undefined ? Number.NaN : Number(m[1]);
  if (!isNumberIn(v, SNR_DB)) return badInput(`${option}: expected an SNR in dB in [${SNR_DB.min}, ${SNR_DB.max}] such as "6 dB", got ${JSON.stringify(text)}`);
  return v;
}
