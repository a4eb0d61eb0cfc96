/**
 * Input checks of the public entry points (`src/api/entry.ts`): small validators that answer a
 * `PhyError` naming the field (`service.epsilon: expected a number in (0, 1), got 2`) or null when
 * the value is fine, and structural checks of the SDK's own objects (service, link, PhyClass,
 * planner options). They never throw, whatever they are given.
 *
 * Design: ARCHITECTURE.md "Errors are values": every root export validates at its entry and then
 * delegates to the unchanged module code, so a valid call gives exactly the module's answer.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, showValue, unsupported, type PhyError } from '../core/errors.js';
import { MCS_TABLE_NAMES, MU_VALUES } from '../core/types.js';
import { decodeLinkContext, defaultLink, type LinkContext } from '../classes/link.js';
import type { PlannableService } from '../classes/model.js';
import { REPETITION_VALUES, TTI_CHOICES, type PhyClass, type PlanOptions } from '../classes/types.js';

/** A check's answer: the first problem found, or null when the value is valid. */
export type Problem = PhyError | null;

/** Plain object (not null, not an array). */
export function isRecord(u: unknown): u is Readonly<Record<string, unknown>> {
  return typeof u === 'object' && u !== null && !Array.isArray(u);
}

/** Longest array an entry point accepts (a bound against accidental huge inputs). */
export const MAX_LIST_LENGTH = 100_000;

/** The discriminants of the PhyError union. */
const PHY_ERROR_TAGS: readonly string[] = ['InvalidInput', 'DecodeError', 'Unsupported'];

/**
 * True when `u` is a `PhyError` (the error value the plain-valued entry points answer for invalid
 * input, e.g. `userPlaneLatency`, `layerShapes`, `qfunc`).
 */
export function isPhyError(u: unknown): u is PhyError {
  return isRecord(u) && typeof u['_tag'] === 'string' && PHY_ERROR_TAGS.includes(u['_tag']) && typeof u['message'] === 'string';
}

/** Marker of the last-resort guard's message: a valid-looking input the module code failed on. */
export const ENTRY_FAILURE_MARKER = 'failed on this input';

/**
 * Last resort of every entry point, after its checks: an exception of the delegated code becomes an
 * `Unsupported` error (the tests assert it never happens for the inputs they try).
 */
export function entryFailure(entry: string, err: unknown): PhyError {
  const msg = err instanceof Error ? err.message : showValue(err);
  return unsupported(entry, `${ENTRY_FAILURE_MARKER} (${msg.slice(0, 120)}); please report it`);
}

/** Run `f`, turning an exception into `onError(entryFailure(...))`. */
export function guarded<A, B = A>(entry: string, f: () => A, onError: (e: PhyError) => B): A | B {
  try {
    return f();
  } catch (err) {
    return onError(entryFailure(entry, err));
  }
}

/** Right value or the Left error itself (the plain-valued entry points' answer). */
export function orError<A>(e: E.Either<PhyError, A>): A | PhyError {
  return E.isRight(e) ? e.right : e.left;
}

/** First non-null problem of lazily evaluated checks. */
export function firstProblem(...checks: readonly (() => Problem)[]): Problem {
  for (const c of checks) {
    const p = c();
    if (p !== null) return p;
  }
  return null;
}

/** `u` must be a plain object. */
export function needRecord(field: string, u: unknown, what = 'an object'): Problem {
  return isRecord(u) ? null : invalidInput(field, what, u);
}

/** `u` must be a finite number in [min, max]. */
export function needNumber(field: string, u: unknown, min = -Number.MAX_VALUE, max = Number.MAX_VALUE): Problem {
  return typeof u === 'number' && Number.isFinite(u) && u >= min && u <= max ? null : invalidInput(field, `a finite number in [${min}, ${max}]`, u);
}

/** `u` must be a finite number > min (and ≤ max). */
export function needAbove(field: string, u: unknown, min: number, max = Number.MAX_VALUE): Problem {
  return typeof u === 'number' && Number.isFinite(u) && u > min && u <= max ? null : invalidInput(field, `a finite number > ${min}${max < Number.MAX_VALUE ? ` and <= ${max}` : ''}`, u);
}

/** `u` must be an integer in [min, max]. */
export function needInt(field: string, u: unknown, min: number, max: number): Problem {
  return typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max ? null : invalidInput(field, `an integer in ${min}..${max}`, u);
}

/** `u` must be one of `allowed`. */
export function needOneOf(field: string, u: unknown, allowed: readonly unknown[]): Problem {
  return allowed.includes(u) ? null : invalidInput(field, `one of ${allowed.map((a) => showValue(a)).join(', ')}`, u);
}

/** `u` must be a non-empty string. */
export function needString(field: string, u: unknown): Problem {
  return typeof u === 'string' && u.length > 0 ? null : invalidInput(field, 'a non-empty string', u);
}

/** `u` must be a function. */
export function needFunction(field: string, u: unknown): Problem {
  return typeof u === 'function' ? null : invalidInput(field, 'a function', u);
}

/** `u` must be an array of at most `max` elements (at least `min`), each passing `each`. */
export function needArray(field: string, u: unknown, each: (x: unknown, field: string) => Problem, min = 0, max = MAX_LIST_LENGTH): Problem {
  if (!Array.isArray(u) || u.length < min || u.length > max) {
    return invalidInput(field, `an array of ${min}..${max} elements`, u);
  }
  for (let i = 0; i < u.length; i++) {
    const p = each(u[i], `${field}[${i}]`);
    if (p !== null) return p;
  }
  return null;
}

/** Optional field: absent (undefined) is fine, otherwise `check` it. */
export function optional(u: unknown, check: () => Problem): Problem {
  return u === undefined ? null : check();
}

/** Largest packet size an entry point accepts, bytes (1 TB; far beyond any NR allocation). */
export const MAX_PACKET_BYTES = 1e12;

/** Structural check of a service as the planner and `verify` read it (`PlannableService`). */
export function checkService(u: unknown, field = 'service'): Problem {
  if (!isRecord(u)) return invalidInput(field, 'a service profile object (e.g. from serviceById or decodeServiceProfile)', u);
  const payload = u['payload'];
  return firstProblem(
    () => needString(`${field}.id`, u['id']),
    () => needOneOf(`${field}.direction`, u['direction'], ['DL', 'UL']),
    () => needRecord(`${field}.payload`, payload, 'an object with sizesBytes'),
    () => needArray(`${field}.payload.sizesBytes`, (payload as Record<string, unknown>)['sizesBytes'], (x, f) => needAbove(f, x, 0, MAX_PACKET_BYTES), 1),
    () => needAbove(`${field}.periodMs`, u['periodMs'], 0),
    () => needAbove(`${field}.latencyBudgetMs`, u['latencyBudgetMs'], 0),
    () => (typeof u['epsilon'] === 'number' && u['epsilon'] > 0 && u['epsilon'] < 1 ? null : invalidInput(`${field}.epsilon`, 'a number in (0, 1)', u['epsilon'])),
    () => optional(u['ueCount'], () => needInt(`${field}.ueCount`, u['ueCount'], 1, 1_000_000)),
  );
}

/** A list of services (at most `max`). */
export function checkServices(u: unknown, field = 'services', max = 10_000): Problem {
  return needArray(field, u, (x, f) => checkService(x, f), 0, max);
}

/**
 * The link an entry point plans on: `undefined` → `defaultLink`; an object → `decodeLinkContext`
 * (missing fields take their default, every field validated); anything else → Left.
 */
export function checkLink(u: unknown, field = 'link'): E.Either<PhyError, LinkContext> {
  if (u === undefined || u === defaultLink) return E.right(defaultLink);
  if (!isRecord(u)) return E.left(invalidInput(field, 'a LinkContext object (see defaultLink)', u));
  try {
    return decodeLinkContext(u);
  } catch (err) {
    return E.left(entryFailure(field, err));
  }
}

const GRANTS: readonly string[] = ['dynamic', 'configured', 'sr'];

/** Planner options (`PlanOptions`): undefined or an object whose lists hold allowed values only. */
export function checkPlanOptions(u: unknown, field = 'opts'): Problem {
  if (u === undefined) return null;
  if (!isRecord(u)) return invalidInput(field, 'a PlanOptions object or undefined', u);
  const list = (key: keyof PlanOptions, allowed: readonly unknown[]): (() => Problem) => () =>
    optional(u[key], () => needArray(`${field}.${key}`, u[key], (x, f) => needOneOf(f, x, allowed), 0, 64));
  return firstProblem(
    list('mu', MU_VALUES),
    list('ttiSymbols', TTI_CHOICES.map((c) => c.ttiSymbols)),
    list('mcsTables', MCS_TABLE_NAMES),
    () => optional(u['mcsRange'], () => needArray(`${field}.mcsRange`, u['mcsRange'], (x, f) => needInt(f, x, 0, 31), 2, 2)),
    list('maxTransmissions', [1, 2, 3, 4]),
    list('repetitions', REPETITION_VALUES),
    list('grants', GRANTS),
    () => optional(u['relaxations'], () => needOneOf(`${field}.relaxations`, u['relaxations'], [true, false])),
  );
}

/**
 * Structural check of a `PhyClass` (types and basic ranges only: whether the class is allowed on the
 * link, e.g. a reserved MCS or too many PRBs, is `verify`'s question, answered with `pass: false`).
 */
export function checkPhyClass(u: unknown, field = 'phyClass'): Problem {
  if (!isRecord(u)) return invalidInput(field, 'a PhyClass object (e.g. from plan)', u);
  const int = (key: keyof PhyClass, min: number, max: number): (() => Problem) => () => needInt(`${field}.${key}`, u[key], min, max);
  return firstProblem(
    () => needString(`${field}.id`, u['id']),
    () => needOneOf(`${field}.direction`, u['direction'], ['DL', 'UL']),
    () => needOneOf(`${field}.mu`, u['mu'], MU_VALUES),
    () => needOneOf(`${field}.mappingType`, u['mappingType'], ['A', 'B']),
    int('ttiSymbols', 1, 14),
    () => needOneOf(`${field}.mcsTable`, u['mcsTable'], MCS_TABLE_NAMES),
    int('mcs', 0, 31),
    int('qm', 1, 10),
    () => needAbove(`${field}.rateX1024`, u['rateX1024'], 0, 1024),
    int('maxTransmissions', 1, 64),
    () => needOneOf(`${field}.combining`, u['combining'], ['chase', 'ir']),
    () => needOneOf(`${field}.repetitions`, u['repetitions'], REPETITION_VALUES),
    () => needOneOf(`${field}.grant`, u['grant'], GRANTS),
    int('nPrb', 1, 1_000_000),
    int('tbsBits', 1, 2 ** 31 - 1),
    () => (u['fiveQi'] === null || u['fiveQi'] === undefined ? null : needInt(`${field}.fiveQi`, u['fiveQi'], 1, 255)),
    int('nLayers', 1, 8),
    int('nRePerPrb', 1, 1_000),
    () => optional(u['nDmrsRePerPrb'], int('nDmrsRePerPrb', 0, 1_000)),
    () => optional(u['nOverheadRePerPrb'], int('nOverheadRePerPrb', 0, 1_000)),
  );
}

/** Re-export for the entry module: the structural types these checks guarantee. */
export type { LinkContext, PhyClass, PlannableService, PlanOptions };
