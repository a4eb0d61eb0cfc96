/**
 * io-ts codecs for a class plan read back from JSON (`phyclass classes --json` prints one under
 * `plan`): `ClassPlanCodec`, its classes decoded by the one `PhyClassCodec` of codecs/phyClass.ts. Used by `phyclass export --plan file.json` and by
 * `phyclass serve`. The codecs check form and ranges (TS 38.214 index ranges, 1..275 PRBs); they do
 * not re-derive the class id from the fields — `verify` is the check of what a class achieves.
 */
import type * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { PhyError } from '../core/errors.js';
import type { ClassPlan } from '../classes/types.js';
import { decodeWith } from './decode.js';
import { PhyClassCodec } from './phyClass.js';



const finiteNonNeg = new t.Type<number, number, unknown>(
  'FiniteNonNegative',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c, 'a finite number >= 0')),
  (a) => a,
);

const idString = new t.Type<string, string, unknown>(
  'Id',
  (u): u is string => typeof u === 'string' && u.length >= 1 && u.length <= 200 && !u.includes('\0'),
  (u, c) => (typeof u === 'string' && u.length >= 1 && u.length <= 200 && !u.includes('\0') ? t.success(u) : t.failure(u, c, 'a non-empty string of at most 200 characters without NUL')),
  (a) => a,
);

const AssignmentCodec = t.type({
  serviceId: idString,
  classId: idString,
  ownRePerSecond: finiteNonNeg,
  sharedRePerSecond: finiteNonNeg,
  sharingPenaltyRePerSecond: finiteNonNeg,
  sharesWith: t.readonlyArray(t.string),
});

/** A class plan (`deriveClasses`' answer) as JSON. */
export const ClassPlanCodec: t.Type<ClassPlan, ClassPlan, unknown> = t.type({
  classes: t.readonlyArray(PhyClassCodec), // the one class codec (codecs/phyClass.ts)
  assignments: t.readonlyArray(AssignmentCodec),
  unserved: t.readonlyArray(t.type({ serviceId: idString, reason: t.string })),
  totalRePerSecond: finiteNonNeg,
  loadByDirection: t.type({ DL: finiteNonNeg, UL: finiteNonNeg }),
  exact: t.boolean,
  method: t.string,
  maxBytesByService: t.record(t.string, finiteNonNeg),
}) as unknown as t.Type<ClassPlan, ClassPlan, unknown>;

/**
 * Decode a class plan: either a bare ClassPlan or the whole `phyclass classes --json` answer
 * (whose `plan` field is the ClassPlan).
 */
export function decodeClassPlan(u: unknown): E.Either<PhyError, ClassPlan> {
  const isAnswer = typeof u === 'object' && u !== null && !Array.isArray(u) && 'plan' in u && !('classes' in u);
  return isAnswer ? decodeWith(ClassPlanCodec, (u as { plan: unknown }).plan, 'plan') : decodeWith(ClassPlanCodec, u);
}
