/**
 * io-ts decoding at the edge: `decodeWith(codec, u)` -> Either<PhyError, A>, and `formatDecodeErrors`
 * rendering io-ts errors as one `path: expected ..., got ...` line each
 * (e.g. `services[2].latencyBudgetMs: expected > 0, got -5`). Never throws, whatever `u` is.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
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
    const parentTag = (parent.type as { readonly _tag?: string })._tag;
    if (numeric && (parentTag === 'UnionType' || parentTag === 'IntersectionType')) continue; // a member, not a field
    if (numeric && Array.isArray(parent.actual)) path += `[${entry.key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(entry.key)) path += path === '' ? entry.key : `.${entry.key}`;
    else if (entry.key !== '') path += `[${JSON.stringify(entry.key).slice(0, 40).replace(/:/g, '\\u003a')}]`; // a record key: one line, no ':'
  }
  return path;
}

/**
 * A short description of what a codec accepts, for an error without its own message: the codec's
 * name when it is short and plain, else by kind ('an object', 'an array', ...) — never a type dump.
 */
export function describeType(type: t.Decoder<unknown, unknown> & { readonly name: string }): string {
  const name = type.name;
  const tag = (type as { readonly _tag?: string })._tag;
  if (tag === 'LiteralType') return JSON.stringify((type as unknown as { value: unknown }).value);
  if (tag === 'StringType') return 'a string';
  if (tag === 'NumberType') return 'a number';
  if (tag === 'BooleanType') return 'true or false';
  if (tag === 'NullType') return 'null';
  if (tag === 'InterfaceType' || tag === 'PartialType' || tag === 'ExactType' || tag === 'StrictType' || tag === 'DictionaryType' || tag === 'IntersectionType') return 'an object';
  if (tag === 'ArrayType' || tag === 'ReadonlyArrayType' || tag === 'TupleType') return 'an array';
  if (tag === 'UnionType') {
    const types = (type as unknown as { types: ReadonlyArray<t.Decoder<unknown, unknown> & { name: string }> }).types;
    const parts = [...new Set(types.map((m) => describeType(m)))];
    const joined = parts.join(' or ');
    return joined.length <= 80 ? joined : 'one of the allowed forms';
  }
  return name.length <= 60 && !/[{}|&<>]/.test(name) ? name : 'a valid value';
}

/**
 * One line per error location, in input order: `path: expected …, got …`. Errors of one location
 * (e.g. the members of a union) are merged into one line, their expectations joined by "or".
 */
export function formatDecodeErrors(errors: t.Errors, root = ''): string[] {
  const order: string[] = [];
  const byKey = new Map<string, { path: string; got: string; expected: string[] }>();
  for (const err of errors) {
    let path: string;
    let expected: string;
    let got: string;
    try {
      const inner = contextPath(err.context);
      path = root === '' ? inner : inner === '' ? root : inner.startsWith('[') ? `${root}${inner}` : `${root}.${inner}`;
      const last = err.context[err.context.length - 1];
      expected = err.message ?? (err.value === undefined ? 'a value (the field is required)' : last !== undefined ? describeType(last.type) : 'a valid value');
      got = showValue(err.value);
    } catch {
      path = root; expected = 'a valid value'; got = '?';
    }
    const shown = path === '' ? '(root)' : path;
    const key = `${shown}\u0000${got}`;
    const entry = byKey.get(key);
    if (entry === undefined) {
      byKey.set(key, { path: shown, got, expected: [expected] });
      order.push(key);
    } else if (!entry.expected.includes(expected)) entry.expected.push(expected);
  }
  // a union reports each member's failure: where a member got further (errors below path P), the
  // members that failed at P itself are noise
  const paths = order.map((k) => (byKey.get(k) as { path: string }).path);
  const deeper = (p: string): boolean => p !== '(root)' && paths.some((q) => q.startsWith(`${p}.`) || q.startsWith(`${p}[`));
  const rootDeeper = paths.some((q) => q !== '(root)');
  return order.filter((k) => {
    const p = (byKey.get(k) as { path: string }).path;
    return p === '(root)' ? !rootDeeper : !deeper(p);
  }).map((k) => {
    const e = byKey.get(k) as { path: string; got: string; expected: string[] };
    return `${e.path}: expected ${e.expected.join(' or ')}, got ${e.got}`;
  });
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

/** A codec of one of `values` (strings or numbers), failing with `one of "a", "b"` (the one literal codec of src/). */
export function literalCodec<L extends string | number>(name: string, values: readonly L[]): t.Type<L, L, unknown> {
  const msg = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return new t.Type<L, L, unknown>(
    name,
    (u): u is L => (values as readonly unknown[]).includes(u),
    (u, c) => ((values as readonly unknown[]).includes(u) ? t.success(u as L) : t.failure(u, c, msg)),
    (a) => a,
  );
}
