/**
 * The stack-export check of test/export/stacks.test.ts (fast tier: one TDD link per target — the
 * default n78 carrier for oai) and stacks.slow.test.ts (slow tier: the other cases, among them every
 * FDD carrier): for a (target, link) case,
 * every emitted block parses back into the fields of its class and a class the target cannot express
 * is listed with its reasons and the nearest expressible class with that class's verify result.
 */
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { decodeLinkContext, deriveClasses, plan, serviceById, services, verify, type ClassPlan, type LinkContext, type PhyClass, type ServiceProfile } from '../../src/index.js';
import { exportStack, parseStackExport, stackLimits, stackPlanOptions, type StackTarget } from '../../src/export/stacks.js';

export const linkOf = (u: unknown): LinkContext => {
  const r = decodeLinkContext(u);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
export const svc = (id: string): ServiceProfile => {
  const s = serviceById(id);
  if (s._tag === 'None') throw new Error(id);
  return s.value;
};

/** The catalogue plan on a link (maxClasses 4), derived once per link for this file (cases share links). */
const derived = new Map<string, ClassPlan>();
export function catalogueOn(link: LinkContext): ClassPlan {
  const key = JSON.stringify(link);
  let cp = derived.get(key);
  if (cp === undefined) {
    cp = deriveClasses(services, link, { maxClasses: 4 });
    derived.set(key, cp);
  }
  return cp;
}

/** `plan` under a target's restrictions, once per (target, link, service) for this file. */
const stackPlans = new Map<string, ReturnType<typeof plan>>();
function stackPlan(target: StackTarget, s: ServiceProfile, link: LinkContext): ReturnType<typeof plan> {
  const key = `${target} ${s.id} ${JSON.stringify(link)}`;
  let r = stackPlans.get(key);
  if (r === undefined) {
    r = plan(s, link, stackPlanOptions(target, s.direction, link));
    stackPlans.set(key, r);
  }
  return r;
}

/** A plan of classes the target can express (planned under its restrictions) plus the catalogue plan's classes. */
export function mixedPlan(target: StackTarget, link: LinkContext, ids: readonly string[]): { cp: ClassPlan; eps: Record<string, number>; expressible: PhyClass[] } {
  const base = catalogueOn(link);
  const extra: { s: ServiceProfile; c: PhyClass }[] = [];
  for (const id of ids) {
    const s = svc(id);
    const r = stackPlan(target, s, link);
    if (E.isRight(r) && !extra.some((x) => x.c.id === r.right.id) && !base.classes.some((c) => c.id === r.right.id)) extra.push({ s, c: r.right });
  }
  const eps: Record<string, number> = {};
  for (const { s, c } of extra) eps[c.id] = verify(c, s, link).epsilonAchieved;
  const cp: ClassPlan = {
    ...base,
    classes: [...extra.map((x) => x.c), ...base.classes],
    assignments: [
      ...extra.map(({ s, c }) => ({ serviceId: `${s.id}#${target}`, classId: c.id, ownRePerSecond: 0, sharedRePerSecond: 0, sharingPenaltyRePerSecond: 0, sharesWith: [] })),
      ...base.assignments,
    ],
  };
  return { cp, eps, expressible: extra.map((x) => x.c) };
}

/** The (target, link) cases; `slow`: run in stacks.slow.test.ts (slow tier) only. */
export const CASES: readonly { target: StackTarget; link: unknown; slow?: true }[] = [
  { target: 'srsran', link: { band: 'none', duplex: 'FDD', allowedMu: [0, 1], bandwidthMHz: 40 }, slow: true },
  { target: 'srsran', link: { allowedMu: [0, 1], bandwidthMHz: 40, duplex: 'TDD', tddPattern: 'DDDSU', snrDb: 20 } },
  { target: 'oai', link: { band: 'none', duplex: 'FDD' }, slow: true },
  { target: 'oai', link: {} },
  { target: 'oai', link: { duplex: 'TDD', tddPattern: 'DDDSU' }, slow: true },
  { target: 'lena', link: { band: 'none', duplex: 'FDD' }, slow: true },
  { target: 'lena', link: { duplex: 'TDD', tddPattern: 'DDDSUU', snrDb: 18 } },
];
export const IDS = ['v2x.remote_driving_commands', 'uav.c2_stick', 'xr.split_rendering_dl', 'uav.telemetry_ul', 'v2x.sensor_sharing_lower', 'teleop.uplink_features', 'xr.pose_ul'];

/** The check of one case (see the header). */
export function checkStackCase(target: StackTarget, l: unknown): void {
  const link = linkOf(l);
  const { cp, eps, expressible } = mixedPlan(target, link, IDS);
  expect(expressible.length).toBeGreaterThanOrEqual(2);
  expect(expressible.some((c) => c.direction === 'DL') && expressible.some((c) => c.direction === 'UL')).toBe(true);
  const out = exportStack(target, { plan: cp, link, services, epsilonByClass: eps });
  // partition: a class is emitted iff the target has no limit for it
  for (const c of cp.classes) {
    const lim = stackLimits(target, c, link);
    expect(out.emitted.includes(c.id), `${c.id}: ${lim.join('; ')}`).toBe(lim.length === 0);
    expect(out.unrepresentable.some((u) => u.classId === c.id)).toBe(lim.length > 0);
  }
  for (const c of expressible) expect(out.emitted).toContain(c.id);
  expect(out.unrepresentable.length).toBeGreaterThan(0);
  if (link.duplex === 'TDD') expect(out.text).toMatch({ srsran: /dl_ul_tx_period: 5\n/, oai: /dl_UL_TransmissionPeriodicity = 5;/, lena: /"ns3::NrGnbPhy::Pattern", StringValue\("DL\|DL\|DL\|F\|UL\|UL\|"\)/ }[target]);
  // round trip
  const blocks = parseStackExport(target, out.text);
  expect(blocks.map((b) => b.classId)).toEqual(out.emitted);
  for (const b of blocks) {
    const c = cp.classes.find((x) => x.id === b.classId) as PhyClass;
    expect(b.rebuiltId).toBe(c.id);
    expect(b.fields).toEqual({ direction: c.direction, mu: c.mu, mappingType: c.mappingType, ttiSymbols: c.ttiSymbols, mcsTable: c.mcsTable, mcs: c.mcs, maxTransmissions: c.maxTransmissions, combining: c.combining, repetitions: c.repetitions, grant: c.grant, nPrb: c.nPrb });
    if (eps[c.id] !== undefined) expect(b.epsilon).toBe(Number((eps[c.id] as number).toExponential(2)));
  }
  // an unrepresentable class: listed with reasons and its services' nearest expressible class + verify, not emitted
  for (const u of out.unrepresentable) {
    expect(u.reasons.length).toBeGreaterThan(0);
    expect(out.text).not.toMatch(new RegExp(`phyclass class ${u.classId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(out.text).toContain(`- ${u.classId}`);
    for (const n of u.nearest) {
      if (n.classId === null) {
        expect(n.reason).not.toBeNull();
        continue;
      }
      const nc = stackPlan(target, svc(n.serviceId), link);
      expect(E.isRight(nc) && nc.right.id).toBe(n.classId);
      if (E.isRight(nc)) {
        expect(stackLimits(target, nc.right, link)).toEqual([]);
        const v = verify(nc.right, svc(n.serviceId), link);
        expect([n.pass, n.epsilonAchieved]).toEqual([v.pass, v.epsilonAchieved]);
      }
      expect(out.text).toContain(`${n.serviceId}: nearest expressible class ${n.classId}: verify ${n.pass === true ? 'PASS' : 'FAIL'}`);
    }
  }
}
