/**
 * io-ts codecs for a class plan read back from JSON (`phyclass classes --json` prints one under
 * `plan`): `PhyClassCodec` and `ClassPlanCodec`. Used by `phyclass export --plan file.json` and by
 * `phyclass serve`. The codecs check form and ranges (TS 38.214 index ranges, 1..275 PRBs); they do
 * not re-derive the class id from the fields — `verify` is the check of what a class achieves.
 */
import type * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { PhyError } from '../core/errors.js';
import type { ClassPlan, PhyClass } from '../classes/types.js';
import { decode } from './decode.js';

function literal<L extends string | number>(name: string, values: readonly L[]): t.Type<L, L, unknown> {
  const msg = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return new t.Type<L, L, unknown>(
    name,
    (u): u is L => (values as readonly unknown[]).includes(u),
    (u, c) => ((values as readonly unknown[]).includes(u) ? t.success(u as L) : t.failure(u, c, msg)),
    (a) => a,
  );
}

function intIn(name: string, min: number, max: number): t.Type<number, number, unknown> {
  const ok = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max;
  return new t.Type<number, number, unknown>(name, ok, (u, c) => (ok(u) ? t.success(u) : t.failure(u, c, `an integer in ${min}..${max}`)), (a) => a);
}

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

/** One PHY class as printed by `plan --json` (`phyClass`) or `classes --json` (`plan.classes[i]`). */
export const PhyClassCodec: t.Type<PhyClass, PhyClass, unknown> = t.type({
  id: idString,
  direction: literal('Direction', ['DL', 'UL'] as const),
  mu: literal('Mu', [0, 1, 2, 3, 4, 5, 6] as const),
  mappingType: literal('MappingType', ['A', 'B'] as const),
  ttiSymbols: intIn('ttiSymbols', 1, 14),
  mcsTable: literal('McsTable', ['qam64', 'qam256', 'qam64LowSE', 'qam1024'] as const),
  mcs: intIn('mcs', 0, 31),
  qm: intIn('qm', 1, 10),
  rateX1024: finiteNonNeg,
  maxTransmissions: intIn('maxTransmissions', 1, 4),
  combining: literal('Combining', ['chase', 'ir'] as const),
  repetitions: literal('Repetitions', [1, 2, 4, 8] as const),
  grant: literal('Grant', ['dynamic', 'configured', 'sr'] as const),
  nPrb: intIn('nPrb', 1, 275),
  tbsBits: intIn('tbsBits', 0, 2 ** 31 - 1),
  fiveQi: t.union([t.null, intIn('fiveQi', 1, 255)]),
  nLayers: intIn('nLayers', 1, 8),
  nRePerPrb: intIn('nRePerPrb', 1, 168),
  nDmrsRePerPrb: intIn('nDmrsRePerPrb', 0, 168),
  nOverheadRePerPrb: intIn('nOverheadRePerPrb', 0, 168),
}) as unknown as t.Type<PhyClass, PhyClass, unknown>;

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
  classes: t.readonlyArray(PhyClassCodec),
  assignments: t.readonlyArray(AssignmentCodec),
  unserved: t.readonlyArray(t.type({ serviceId: idString, reason: t.string })),
  totalRePerSecond: finiteNonNeg,
  loadByDirection: t.type({ DL: finiteNonNeg, UL: finiteNonNeg }),
  exact: t.boolean,
  method: t.string,
  maxBytesByService: t.record(t.string, finiteNonNeg),
}) as unknown as t.Type<ClassPlan, ClassPlan, unknown>;

/** Decode a PhyClass (field paths under `root`). */
export function decodePhyClass(u: unknown, root = ''): E.Either<PhyError, PhyClass> {
  return decode(PhyClassCodec, u, root);
}

/**
 * Decode a class plan: either a bare ClassPlan or the whole `phyclass classes --json` answer
 * (whose `plan` field is the ClassPlan).
 */
export function decodeClassPlan(u: unknown): E.Either<PhyError, ClassPlan> {
  const isAnswer = typeof u === 'object' && u !== null && !Array.isArray(u) && 'plan' in u && !('classes' in u);
  return isAnswer ? decode(ClassPlanCodec, (u as { plan: unknown }).plan, 'plan') : decode(ClassPlanCodec, u);
}
