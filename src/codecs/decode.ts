/**
 * io-ts decoding at the edge: `decodeWith(codec, u)` -> Either<PhyError, A>, and `formatDecodeErrors`
 * rendering io-ts errors as one `path: expected ..., got ...` line each
 * (e.g. `services[2].latencyBudgetMs: expected > 0, got -5`). Never throws, whatever `u` is.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { PhyError } from '../core/errors.js';
import { decodeError, showValue } from '../core/errors.js';

/**
 * The field path of an io-ts context, e.g. `services[2].latencyBudgetMs` ('' at the root).
 * Union/intersection members append a numeric key with the same value as their parent (skipped);
 * array elements append a numeric key under an array value (rendered `[i]`); object fields `.key`.
 */
export function contextPath(context: t.Context): string {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const entry = context[i];
    const parent = context[i - 1];
    if (entry === undefined || parent === undefined) continue;
    const numeric = /^\d+$/.test(entry.key);
    if (numeric && entry.actual === parent.actual) continue;
    if (numeric && Array.isArray(parent.actual)) path += `[${entry.key}]`;
    else if (entry.key !== '') path += path === '' ? entry.key : `.${entry.key}`;
  }
  return path;
}

/** One line per error, deduplicated, in input order. */
export function formatDecodeErrors(errors: t.Errors, root = ''): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    let path: string;
    let expected: string;
    let got: string;
    try {
      const inner = contextPath(err.context);
      path = root === '' ? inner : inner === '' ? root : inner.startsWith('[') ? `${root}${inner}` : `${root}.${inner}`;
      const last = err.context[err.context.length - 1];
      expected = err.message ?? (err.value === undefined ? 'a value (the field is required)' : last !== undefined ? last.type.name : 'a valid value');
      got = showValue(err.value);
    } catch {
      path = root; expected = 'a valid value'; got = '?';
    }
    const line = `${path === '' ? '(root)' : path}: expected ${expected}, got ${got}`;
    if (!seen.has(line)) { seen.add(line); lines.push(line); }
  }
  return lines;
}

/** Decode outside input with an io-ts codec; Left(DecodeError) lists every problem. Never throws. */
export function decodeWith<A, O>(codec: t.Type<A, O, unknown>, u: unknown, root = ''): E.Either<PhyError, A> {
  try {
    const r = codec.decode(u);
    return E.isRight(r) ? E.right(r.right) : E.left(decodeError(formatDecodeErrors(r.left, root)));
  } catch (e) {
    const msg = e instanceof Error ? e.message : 'unknown failure';
    return E.left(decodeError([`${root === '' ? '(root)' : root}: expected decodable input, got a value that failed while being read (${msg.slice(0, 80)})`]));
  }
}
