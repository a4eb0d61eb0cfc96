/**
 * Walking-speed agreement of the simulator with `verify` (issue 14 acceptance): every catalogue
 * service given walking-speed mobility (3 km/h, TR 38.901 pedestrian UT) is planned on the default
 * link (correlated HARQ fading, control errors at their defaults) or on the free FDD carrier
 * (`freeFddLink`, same physics, no band restriction); each served class is simulated alone (one UE,
 * its per-UE Jakes fading process, control errors drawn) and the simulated miss ratio's Wilson lower
 * bound (99.9 % by default, as in test/scheduler/agreement.test.ts: many comparisons are made) must
 * not exceed verify's epsilon (no confident contradiction). `snrOffsetDb` lowers the mean SNR of both
 * below the planned link, where misses are measurable.
 *
 *   npx tsx test/scheduler/walking-agreement.ts [slots] [seed] [snrOffsetDb] [fdd]
 */
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink, plan, verify, type LinkContext, type PhyClass } from '../../src/classes/index.js';
import { freeFddLink } from '../../src/classes/link.js';
import { simulate } from '../../src/scheduler/index.js';
import { services, type ServiceProfile } from '../../src/services/catalogue.js';

/** Walking speed (TR 38.901 Table 7.2-1 indoor/pedestrian UT speed). */
export const WALKING = Object.freeze({ speedKmh: 3, scenario: 'TR 38.901 pedestrian 3 km/h' });

/** The catalogue at walking speed. */
export const walkingServices: readonly ServiceProfile[] = services.map((s) => ({ ...s, mobility: WALKING }));

/** The links the agreement is run on: the default (band n78, TDD DDDSU) and the free FDD carrier. */
export const WALKING_LINKS: Readonly<Record<'default' | 'freeFdd', LinkContext>> = Object.freeze({ default: defaultLink, freeFdd: freeFddLink });

/** Planned class of `s` on `link` (default: the default link), or null. */
export function walkingClass(s: ServiceProfile, link: LinkContext = defaultLink): PhyClass | null {
  const r = plan(s, link, { relaxations: false });
  return E.isRight(r) ? r.right : null;
}

export interface WalkingRow {
  readonly serviceId: string;
  readonly classId: string;
  readonly verifyEpsilon: number;
  readonly missRatio: number;
  readonly lower: number;
  readonly upper: number;
  readonly decided: number;
  /** Packets the scheduler dropped as 'unschedulable' (a class it cannot map, not a link error). */
  readonly unschedulable: number;
  readonly agrees: boolean;
}

/** z of a two-sided 99.9 % interval (test/scheduler/agreement.test.ts uses the same). */
export const Z_999 = 3.2905;

/** Wilson interval of k misses in n at the two-sided confidence of `z`. */
function wilson(k: number, n: number, z: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, (c - h) / d), Math.min(1, (c + h) / d)];
}

/**
 * Simulate `s` alone with class `c` at the link SNR + offset for each seed (independent fading
 * processes: a walking UE's fade lasts ~40 ms, so one run holds few independent fades and its
 * misses cluster) and compare the pooled miss ratio with verify there.
 */
export function walkingRow(
  s: ServiceProfile,
  c: PhyClass,
  slots: number,
  seeds: readonly number[],
  snrOffsetDb: number,
  link: LinkContext = defaultLink,
  z: number = Z_999,
): WalkingRow {
  const snrDb = link.snrDb + snrOffsetDb;
  const eps = verify(c, s, { ...link, snrDb }).epsilonAchieved;
  let misses = 0;
  let decided = 0;
  let unschedulable = 0;
  for (const seed of seeds) {
    const r = simulate({ name: `walk:${s.id}`, policy: 'edf', link: { band: link.band, duplex: link.duplex, snrDb }, classes: [c], services: [{ service: s, ueCount: 1, class: c.id }] }, { slots, seed });
    if (E.isLeft(r)) throw new Error(`${s.id}: ${r.left.message}`);
    const g = r.right.services[0]!;
    misses += Math.round(g.missRatio * g.decided);
    decided += g.decided;
    unschedulable += g.dropped.unschedulable ?? 0;
  }
  const [lower, upper] = wilson(misses, decided, z);
  return { serviceId: s.id, classId: c.id, verifyEpsilon: eps, missRatio: decided > 0 ? misses / decided : 0, lower, upper, decided, unschedulable, agrees: lower <= eps };
}

if (process.argv[1] !== undefined && process.argv[1].endsWith('walking-agreement.ts')) {
  const slots = Number(process.argv[2] ?? 20000);
  const seed = Number(process.argv[3] ?? 1);
  const off = Number(process.argv[4] ?? 0);
  const link = process.argv[5] === 'fdd' ? freeFddLink : defaultLink;
  for (const s of walkingServices) {
    const c = walkingClass(s, link);
    if (c === null) {
      console.log(`${s.id.padEnd(40)} infeasible`);
      continue;
    }
    const t0 = process.cpuUsage().user;
    const row = walkingRow(s, c, slots, [seed, seed + 1, seed + 2, seed + 3], off, link);
    const ms = (process.cpuUsage().user - t0) / 1000;
    console.log(`${s.id.padEnd(40)} ${c.id.padEnd(42)} verify ${row.verifyEpsilon.toExponential(2)} sim ${row.missRatio.toExponential(2)} [${row.lower.toExponential(2)}, ${row.upper.toExponential(2)}] n=${row.decided} ${row.agrees ? 'ok' : 'CONTRADICTION'} ${ms.toFixed(0)} ms`);
  }
}
