/**
 * PhyError: the one error type of the SDK (errors are values, never thrown past a module).
 *
 * Every message says what was wrong, where (the field path) and what is allowed, so that a
 * user can fix the input from the message alone: `nPrb: expected an integer in 1..275, got 300`.
 */
import * as E from 'fp-ts/lib/Either.js';

/** A user-supplied value is outside what the model or the spec allows. */
export interface InvalidInput {
  /** Discriminant of the PhyError union. */
  readonly _tag: 'InvalidInput';
  /** Path of the offending field, e.g. `nPrb` or `services[2].latencyBudgetMs`. */
  readonly field: string;
  /** What is allowed, e.g. `an integer in 1..275`. */
  readonly expected: string;
  /** The value that was given, rendered for the message. */
  readonly got: string;
  /** Full human-readable message: `<field>: expected <expected>, got <got>`. */
  readonly message: string;
}

/** Outside input (JSON, CLI text) failed to decode; one line per problem. */
export interface DecodeError {
  /** Discriminant of the PhyError union. */
  readonly _tag: 'DecodeError';
  /** One message per decoding problem (field path and what was expected). */
  readonly errors: readonly string[];
  /** All `errors` joined with newlines. */
  readonly message: string;
}

/** A combination that is valid in form but not supported by the model or the spec. */
export interface Unsupported {
  /** Discriminant of the PhyError union. */
  readonly _tag: 'Unsupported';
  /** Path of the field whose value is not supported. */
  readonly field: string;
  /** Full human-readable message: `<field>: <why it is not supported>`. */
  readonly message: string;
}

/** The SDK's error union, discriminated by `_tag`; every variant carries a `message`. */
export type PhyError = InvalidInput | DecodeError | Unsupported;

/** Render any value compactly for an error message (never throws). */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Build an InvalidInput for `field`, rendering `got` with `showValue`. */
export function invalidInput(field: string, expected: string, got: unknown): InvalidInput {
  const gotText = showValue(got);
  return { _tag: 'InvalidInput', field, expected, got: gotText, message: `${field}: expected ${expected}, got ${gotText}` };
}

/** Build a DecodeError from one message per problem. */
export function decodeError(errors: readonly string[]): DecodeError {
  return { _tag: 'DecodeError', errors, message: errors.join('\n') };
}

/** Build an Unsupported error for `field` with the reason `message`. */
export function unsupported(field: string, message: string): Unsupported {
  return { _tag: 'Unsupported', field, message: `${field}: ${message}` };
}

/** `Left(invalidInput(...))` shorthand for validators. */
export function leftInvalid<A = never>(field: string, expected: string, got: unknown): E.Either<PhyError, A> {
  return E.left(invalidInput(field, expected, got));
}

/** Validate that `value` is an integer in [min, max]; Right(value) or a Left naming `field`. */
export function intInRange(field: string, value: unknown, min: number, max: number): E.Either<PhyError, number> {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? E.right(value)
    : leftInvalid(field, `an integer in ${min}..${max}`, value);
}

/** Validate that `value` is a finite number in [min, max] (either bound may be infinite). */
export function numberInRange(field: string, value: unknown, min: number, max: number): E.Either<PhyError, number> {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
    ? E.right(value)
    : leftInvalid(field, `a finite number in [${min}, ${max}]`, value);
}

/** Validate membership in a fixed list of allowed values. */
export function oneOf<A extends string | number>(field: string, value: unknown, allowed: readonly A[]): E.Either<PhyError, A> {
  return (allowed as readonly unknown[]).includes(value)
    ? E.right(value as A)
    : leftInvalid(field, `one of ${allowed.map((a) => showValue(a)).join(', ')}`, value);
}

/** Unwrap a Right or throw with the error message; for tests, examples and benches only. */
export function unsafeGet<A>(e: E.Either<PhyError, A> | E.Either<{ readonly message: string }, A>): A {
  if (E.isRight(e)) return e.right;
  throw new Error(e.left.message);
}
