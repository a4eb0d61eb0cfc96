/**
 * Single-service agreement of the simulator with `verify` (issue 6 §7): every catalogue service
 * that `plan(service, defaultLink)` serves is simulated ALONE on the default carrier (one UE,
 * exactly its planned class given explicitly, EDF), and the measured miss ratio (late + dropped +
 * expired) with its Wilson 95 % interval is compared with verify's achieved epsilon. The planner
 * promises with worst-case alignment and upper bounds, so the simulator may be better; it must
 * not be worse beyond the interval (Wilson lower bound <= verify epsilon).
 *
 * Used by test/scheduler/verify-agreement.test.ts (a subset) and, run directly, prints the table
 * of spec/scheduler.md §8.1:  npx tsx test/scheduler/verify-agreement.ts [maxSlots] [seed] [snrOffsetDb]
 * (snrOffsetDb lowers the mean SNR of both verify and the simulation below the planned link, where
 * the miss ratio is large enough to measure).
 */
import * as E from 'fp-ts/lib/Either.js';
import { services } from '../../src/services/catalogue.js';
import type { ServiceProfile } from '../../src/services/catalogue.js';
import { plan, verify } from '../../src/classes/index.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import type { PhyClass } from '../../src/classes/index.js';
import { simulate } from '../../src/scheduler/index.js';

export interface AgreementRow {
  readonly serviceId: string;
  readonly classId: string;
  readonly verifyEpsilon: number;
  readonly target: number;
  readonly missRatio: number;
  readonly lower: number;
  readonly upper: number;
  readonly decided: number;
  readonly slots: number;
  readonly drops: string;
  readonly agrees: boolean;
}

/**
 * The link of this table: the default link with the pre-issue-14 channel assumptions (independent
 * HARQ fading, no control errors), which the push-back and segment checks here were written for;
 * correlated fading and control errors are checked by test/scheduler/walking-agreement.test.ts.
 */
export const AGREEMENT_LINK_PATCH = { harqFading: 'independent', controlErrors: { pdcchMissProb: 0, harqAckErrorProb: 0, srMissProb: 0 } } as const;
const agreementLink = { ...defaultLink, ...AGREEMENT_LINK_PATCH };

/** The planned class of a catalogue service on the agreement link (null if infeasible). */
export function plannedClass(s: ServiceProfile): PhyClass | null {
  const r = plan(s, agreementLink, { relaxations: false });
  return E.isRight(r) ? r.right : null;
}

/** Simulate `s` alone with class `c` for `slots` slots (seed) and compare with verify. */
export function agreementRow(s: ServiceProfile, c: PhyClass, slots: number, seed: number, snrOffsetDb = 0): AgreementRow {
  const link = { ...agreementLink, snrDb: defaultLink.snrDb + snrOffsetDb };
  const eps = verify(c, s, link).epsilonAchieved;
  const r = simulate(
    { name: `alone:${s.id}`, policy: 'edf', link: { band: 'none', duplex: 'FDD', snrDb: link.snrDb, ...AGREEMENT_LINK_PATCH }, classes: [c], services: [{ service: s.id, ueCount: 1, class: c.id }] },
    { slots, seed },
  );
  if (E.isLeft(r)) throw new Error(`${s.id}: ${r.left.message}`);
  const g = r.right.services[0]!;
  const drops = Object.entries(g.dropped)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v}`)
    .concat(g.deliveredLate > 0 ? [`late ${g.deliveredLate}`] : [])
    .concat(g.expiredPending > 0 ? [`expired ${g.expiredPending}`] : [])
    .join(', ');
  return {
    serviceId: s.id,
    classId: c.id,
    verifyEpsilon: eps,
    target: s.epsilon,
    missRatio: g.missRatio,
    lower: g.missCi.lower,
    upper: g.missCi.upper,
    decided: g.decided,
    slots,
    drops,
    agrees: g.missCi.lower <= eps,
  };
}

const fmt = (x: number): string => (x === 0 ? '0' : x.toExponential(2));

/** Slots for a service: enough for ~`packets` packets, within [minSlots, maxSlots]. */
export function slotsFor(s: ServiceProfile, c: PhyClass, packets: number, minSlots: number, maxSlots: number): number {
  const slotMs = Math.pow(2, -c.mu);
  return Math.max(minSlots, Math.min(maxSlots, Math.ceil((packets * s.periodMs) / slotMs)));
}

if (process.argv[1] !== undefined && process.argv[1].endsWith('verify-agreement.ts')) {
  const maxSlots = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  const offset = Number(process.argv[4] ?? 0);
  process.stdout.write(`| service | class | target | verify epsilon | sim miss ratio [Wilson 95 %] | decided | slots | misses by cause | agrees |\n|---|---|---|---|---|---|---|---|---|\n`);
  for (const s of services) {
    const t0 = performance.now();
    const c = plannedClass(s);
    if (c === null) {
      process.stdout.write(`| ${s.id} | (infeasible on the default link) | ${s.epsilon} | | | | | | |\n`);
      continue;
    }
    const row = agreementRow(s, c, slotsFor(s, c, 100_000, 20_000, maxSlots), seed, offset);
    process.stdout.write(
      `| ${row.serviceId} | ${row.classId} | ${row.target} | ${fmt(row.verifyEpsilon)} | ${fmt(row.missRatio)} [${fmt(row.lower)}, ${fmt(row.upper)}] | ${row.decided} | ${row.slots} | ${row.drops || '-'} | ${row.agrees ? 'yes' : '**no**'} |\n`,
    );
    process.stderr.write(`${s.id}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}
