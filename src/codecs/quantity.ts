/**
 * Human quantities at the edge: "25 kB", "100 kbit", "5 ms", "20 MHz", "30 kHz", "99.999 %", "1e-5".
 *
 * The number is parsed by a strict regular expression here; only the unit name goes to mathjs
 * `unit(value, name)` for the conversion. User text is never passed to mathjs `evaluate()` (an
 * expression language is an attack surface), and strings longer than 64 characters are refused.
 * Each parser returns Either<PhyError, number>; the io-ts codecs built on them accept a plain number
 * (already in the target unit) or such a string, and encode back to the plain number.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { createRequire } from 'node:module';
import type { Unit } from 'mathjs';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';

type MathUnit = (value: number, name: string) => Unit;
let mathUnit: MathUnit | undefined;

/**
 * mathjs `unit`, loaded on the first string that carries a unit. mathjs takes about 2 s to load, so a
 * static import would tax every program that merely links the codecs (the CLI's one-line commands,
 * the scheduler's scenario decoder) even when every quantity is a plain number.
 */
function unit(value: number, name: string): Unit {
  if (mathUnit === undefined) {
    mathUnit = (createRequire(import.meta.url)('mathjs') as { unit: MathUnit }).unit;
  }
  return mathUnit(value, name);
}

const QUANTITY_RE = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z%µ]+)?\s*$/;
const MAX_TEXT = 64;

type Dimension = 'data' | 'time' | 'frequency';

const REFERENCE: Record<Dimension, string> = { data: 'b', time: 's', frequency: 'Hz' };

/** Unit spellings mathjs lacks ('bit', 'kbit', 'Mbit', 'µs'), mapped to ones it has. */
function normaliseUnit(name: string): string {
  const m = /^([kMGT]?)bits?$/.exec(name);
  if (m !== null) return m[1] === undefined || m[1] === '' ? 'bits' : `${m[1]}b`;
  if (name === 'µs') return 'us';
  if (name === 'byte' || name === 'bytes') return 'bytes';
  return name;
}

interface Parsed { readonly value: number; readonly unit: string | undefined; readonly text: string }

function lex(field: string, u: unknown, what: string): E.Either<PhyError, Parsed> {
  if (typeof u !== 'string' || u.length > MAX_TEXT) return leftInvalid(field, what, u);
  const m = QUANTITY_RE.exec(u);
  if (m === null || m[1] === undefined) return leftInvalid(field, what, u);
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return leftInvalid(field, what, u);
  return E.right({ value, unit: m[2], text: m[1] });
}

function convert(field: string, u: unknown, dim: Dimension, target: string, what: string): E.Either<PhyError, number> {
  if (typeof u === 'number') return Number.isFinite(u) ? E.right(u) : leftInvalid(field, what, u);
  const p = lex(field, u, what);
  if (E.isLeft(p)) return p;
  if (p.right.unit === undefined) return E.right(p.right.value);
  try {
    const q = unit(p.right.value, normaliseUnit(p.right.unit));
    if (!q.equalBase(unit(1, REFERENCE[dim]))) return leftInvalid(field, what, u);
    const v = cleanFloat(q.toNumber(target));
    return Number.isFinite(v) ? E.right(v) : leftInvalid(field, what, u);
  } catch {
    return leftInvalid(field, what, u);
  }
}

/** Drop float noise from unit conversion (0.1 s -> 100 ms, not 100.00000000000001). */
function cleanFloat(v: number): number {
  return Number.isFinite(v) ? Number.parseFloat(v.toPrecision(12)) : v;
}

/** Data size in bits: a number (bits) or "25 kB", "100 kbit", "1 KiB", "12 B". */
export function parseBits(u: unknown, field = 'sizeBits'): E.Either<PhyError, number> {
  return convert(field, u, 'data', 'b', 'a size in bits or a string such as "25 kB" or "100 kbit"');
}

/** Data size in whole bytes: a number (bytes) or "25 kB", "100 kbit", "1500 B". */
export function parseBytes(u: unknown, field = 'sizeBytes'): E.Either<PhyError, number> {
  const what = 'a whole number of bytes or a string such as "25 kB"';
  const r = convert(field, u, 'data', 'B', what);
  if (E.isLeft(r)) return r;
  const v = r.right;
  return Number.isSafeInteger(v) && v >= 0 ? E.right(v) : leftInvalid(field, what, u);
}

/** Duration in ms: a number (ms) or "5 ms", "0.5 s", "500 us". */
export function parseMs(u: unknown, field = 'latencyMs'): E.Either<PhyError, number> {
  return convert(field, u, 'time', 'ms', 'a duration in ms or a string such as "5 ms"');
}

/** Bandwidth in MHz: a number (MHz) or "20 MHz", "400 MHz", "1.4 MHz". */
export function parseMHz(u: unknown, field = 'bandwidthMHz'): E.Either<PhyError, number> {
  return convert(field, u, 'frequency', 'MHz', 'a bandwidth in MHz or a string such as "20 MHz"');
}

/** Frequency in kHz (e.g. subcarrier spacing): a number (kHz) or "30 kHz". */
export function parseKHz(u: unknown, field = 'scsKHz'): E.Either<PhyError, number> {
  return convert(field, u, 'frequency', 'kHz', 'a frequency in kHz or a string such as "30 kHz"');
}

/**
 * Level in dB (e.g. a mean SNR): a number (dB) or "15 dB", "-3.5 dB", "15" — the spelling the CLI's
 * `--snr` takes. No conversion (dB is not a mathjs unit): the unit must be dB when given.
 */
export function parseDb(u: unknown, field = 'snrDb'): E.Either<PhyError, number> {
  const what = 'a level in dB or a string such as "15 dB"';
  if (typeof u === 'number') return Number.isFinite(u) ? E.right(u) : leftInvalid(field, what, u);
  const p = lex(field, u, what);
  if (E.isLeft(p)) return p;
  return p.right.unit === undefined || p.right.unit.toLowerCase() === 'db' ? E.right(p.right.value) : leftInvalid(field, what, u);
}

/**
 * Error probability epsilon in (0, 0.5): a number (1e-5), a numeric string ("1e-5") or a reliability
 * in percent ("99.999 %" -> 1e-5, computed digit-exactly). Numbers >= 0.5 are refused so that a
 * reliability such as 0.99999 is not silently read as an error probability.
 */
export function parseEpsilon(u: unknown, field = 'epsilon'): E.Either<PhyError, number> {
  const what = 'an error probability in (0, 0.5) such as 1e-5, or a reliability such as "99.999 %"';
  let eps: number;
  if (typeof u === 'number') eps = u;
  else {
    const p = lex(field, u, what);
    if (E.isLeft(p)) return p;
    if (p.right.unit === undefined) eps = p.right.value;
    else if (p.right.unit === '%') {
      const m = /^(\d+)(?:\.(\d*))?$/.exec(p.right.text);
      if (m === null) return leftInvalid(field, what, u);
      const decimals = (m[2] ?? '').length;
      if (decimals > 12) return leftInvalid(field, what, u);
      const scale = 10 ** decimals;
      const reliabilityScaled = Math.round(p.right.value * scale);
      eps = (100 * scale - reliabilityScaled) / (100 * scale);
      eps = Number.parseFloat(eps.toPrecision(12));
    } else return leftInvalid(field, what, u);
  }
  return Number.isFinite(eps) && eps > 0 && eps < 0.5 ? E.right(eps) : leftInvalid(field, what, u);
}

// ---------------------------------------------------------------------------------------------
// io-ts codecs
// ---------------------------------------------------------------------------------------------

/** A codec for a number that may also be given as a string with units; encodes to the plain number. */
export function quantityCodec(name: string, parse: (u: unknown) => E.Either<PhyError, number>, check: (n: number) => string | null): t.Type<number, number, unknown> {
  return new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isFinite(u) && check(u) === null,
    (u, c) => {
      const r = parse(u);
      if (E.isLeft(r)) {
        const l = r.left;
        return t.failure(u, c, l._tag === 'InvalidInput' ? l.expected : name);
      }
      const problem = check(r.right);
      return problem === null ? t.success(r.right) : t.failure(u, c, problem);
    },
    (a) => a,
  );
}

const positive = (n: number): string | null => (n > 0 ? null : '> 0');
const nonNegative = (n: number): string | null => (n >= 0 ? null : '>= 0');

/** Strictly positive duration, ms ("5 ms", 0.5). */
export const PositiveMsCodec = quantityCodec('PositiveMs', (u) => parseMs(u), positive);
/** Non-negative duration, ms. */
export const NonNegativeMsCodec = quantityCodec('NonNegativeMs', (u) => parseMs(u), nonNegative);
/** Whole bytes >= 1 ("25 kB", 1500). */
export const PositiveBytesCodec = quantityCodec('PositiveBytes', (u) => parseBytes(u), (n) => (n >= 1 ? null : '>= 1 byte'));
/** Whole bytes >= 0. */
export const BytesCodec = quantityCodec('Bytes', (u) => parseBytes(u), nonNegative);
/** Bits >= 0 ("100 kbit"). */
export const BitsCodec = quantityCodec('Bits', (u) => parseBits(u), nonNegative);
/** Bandwidth in MHz > 0 ("20 MHz"). */
export const MHzCodec = quantityCodec('MHz', (u) => parseMHz(u), positive);
/** Frequency in kHz > 0 ("30 kHz"). */
export const KHzCodec = quantityCodec('kHz', (u) => parseKHz(u), positive);
/** Level in dB, any finite value ("15 dB", -3). */
export const DbCodec = quantityCodec('dB', (u) => parseDb(u), () => null);
/** Duration in ms, any finite value ("5 ms", 0.5). */
export const MsCodec = quantityCodec('ms', (u) => parseMs(u), () => null);
/** Error probability epsilon in (0, 0.5) ("99.999 %", "1e-5", 1e-5). */
export const EpsilonCodec = quantityCodec('Epsilon', (u) => parseEpsilon(u), () => null);

function numberCodec(name: string, check: (n: number) => string | null, expected: string): t.Type<number, number, unknown> {
  return new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isFinite(u) && check(u) === null,
    (u, c) => {
      if (typeof u !== 'number' || !Number.isFinite(u)) return t.failure(u, c, expected);
      const p = check(u);
      return p === null ? t.success(u) : t.failure(u, c, p);
    },
    (a) => a,
  );
}

/** Finite number > 0. */
export const PositiveNumberCodec = numberCodec('PositiveNumber', positive, 'a finite number > 0');
/** Integer >= 1. */
export const PositiveIntCodec = numberCodec('PositiveInt', (n) => (Number.isSafeInteger(n) && n >= 1 ? null : 'an integer >= 1'), 'an integer >= 1');
/** Integer >= 0. */
export const NonNegativeIntCodec = numberCodec('NonNegativeInt', (n) => (Number.isSafeInteger(n) && n >= 0 ? null : 'an integer >= 0'), 'an integer >= 0');
/** Probability in [0, 1]. */
export const ProbabilityCodec = numberCodec('Probability', (n) => (n >= 0 && n <= 1 ? null : 'a probability in [0, 1]'), 'a probability in [0, 1]');
/** Integer in [min, max]. */
export function intRangeCodec(min: number, max: number): t.Type<number, number, unknown> {
  const msg = `an integer in ${min}..${max}`;
  return numberCodec(`Int${min}to${max}`, (n) => (Number.isSafeInteger(n) && n >= min && n <= max ? null : msg), msg);
}
