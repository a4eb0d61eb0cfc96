/**
 * Walking-speed agreement of the simulator with `verify` (issue 14 acceptance): every catalogue
 * service given walking-speed mobility (3 km/h, TR 38.901 pedestrian UT) is planned on the default
 * link (correlated HARQ fading, control errors at their defaults); each served class is simulated
 * alone (one UE, its per-UE Jakes fading process, control errors drawn) and the simulated miss ratio's
 * Wilson 95 % lower bound must not exceed verify's epsilon (no confident contradiction).
 * `snrOffsetDb` lowers the mean SNR of both below the planned link, where misses are measurable.
 *
 *   npx tsx test/scheduler/walking-agreement.ts [slots] [seed] [snrOffsetDb]
 */
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink, plan, verify, type PhyClass } from '../../src/classes/index.js';
import { simulate } from '../../src/scheduler/index.js';
import { services, type ServiceProfile } from '../../src/services/catalogue.js';

/** Walking speed (TR 38.901 Table 7.2-1 indoor/pedestrian UT speed). */
export const WALKING = Object.freeze({ speedKmh: 3, scenario: 'TR 38.901 pedestrian 3 km/h' });

/** The catalogue at walking speed. */
export const walkingServices: readonly ServiceProfile[] = services.map((s) => ({ ...s, mobility: WALKING }));

/** Planned class of `s` on the default link, or null. */
export function walkingClass(s: ServiceProfile): PhyClass | null {
  const r = plan(s, defaultLink, { relaxations: false });
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

/** Wilson 95 % interval of k misses in n. */
function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
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
export function walkingRow(s: ServiceProfile, c: PhyClass, slots: number, seeds: readonly number[], snrOffsetDb: number): WalkingRow {
  const snrDb = defaultLink.snrDb + snrOffsetDb;
  const eps = verify(c, s, { ...defaultLink, snrDb }).epsilonAchieved;
  let misses = 0;
  let decided = 0;
  let unschedulable = 0;
  for (const seed of seeds) {
    const r = simulate({ name: `walk:${s.id}`, policy: 'edf', link: { snrDb }, classes: [c], services: [{ service: s, ueCount: 1, class: c.id }] }, { slots, seed });
    if (E.isLeft(r)) throw new Error(`${s.id}: ${r.left.message}`);
    const g = r.right.services[0]!;
    misses += Math.round(g.missRatio * g.decided);
    decided += g.decided;
    unschedulable += g.dropped.unschedulable ?? 0;
  }
  const [lower, upper] = wilson(misses, decided);
  return { serviceId: s.id, classId: c.id, verifyEpsilon: eps, missRatio: decided > 0 ? misses / decided : 0, lower, upper, decided, unschedulable, agrees: lower <= eps };
}

if (process.argv[1] !== undefined && process.argv[1].endsWith('walking-agreement.ts')) {
  const slots = Number(process.argv[2] ?? 20000);
  const seed = Number(process.argv[3] ?? 1);
  const off = Number(process.argv[4] ?? 0);
  for (const s of walkingServices) {
    const c = walkingClass(s);
    if (c === null) {
      console.log(`${s.id.padEnd(40)} infeasible`);
      continue;
    }
    const t0 = process.cpuUsage().user;
    const row = walkingRow(s, c, slots, [seed, seed + 1, seed + 2, seed + 3], off);
    const ms = (process.cpuUsage().user - t0) / 1000;
    console.log(`${s.id.padEnd(40)} ${c.id.padEnd(42)} verify ${row.verifyEpsilon.toExponential(2)} sim ${row.missRatio.toExponential(2)} [${row.lower.toExponential(2)}, ${row.upper.toExponential(2)}] n=${row.decided} ${row.agrees ? 'ok' : 'CONTRADICTION'} ${ms.toFixed(0)} ms`);
  }
}
