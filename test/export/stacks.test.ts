/**
 * Stack export (issue 16 §1): for each target, every emitted block parses back into the fields of
 * its class (the class id rebuilt from the stack keys equals the class id, the proved epsilon in the
 * comment equals the verdict's), and a class the target cannot express is listed with its reasons
 * and the nearest expressible class with that class's verify result — never emitted.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeLinkContext, deriveClasses, plan, serviceById, services, verify, type ClassPlan, type LinkContext, type PhyClass, type ServiceProfile } from '../../src/index.js';
import { STACK_TARGETS, exportStack, parseStackExport, stackLimits, stackPlanOptions, type StackTarget } from '../../src/export/stacks.js';

const linkOf = (u: unknown): LinkContext => {
  const r = decodeLinkContext(u);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const svc = (id: string): ServiceProfile => {
  const s = serviceById(id);
  if (s._tag === 'None') throw new Error(id);
  return s.value;
};

/** The catalogue plan on a link (maxClasses 4), derived once per link for this file (cases share links). */
const derived = new Map<string, ClassPlan>();
function catalogueOn(link: LinkContext): ClassPlan {
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
function mixedPlan(target: StackTarget, link: LinkContext, ids: readonly string[]): { cp: ClassPlan; eps: Record<string, number>; expressible: PhyClass[] } {
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

const CASES: readonly { target: StackTarget; link: unknown }[] = [
  { target: 'srsran', link: { band: 'none', duplex: 'FDD', allowedMu: [0, 1], bandwidthMHz: 40 } },
  { target: 'srsran', link: { allowedMu: [0, 1], bandwidthMHz: 40, duplex: 'TDD', tddPattern: 'DDDSU', snrDb: 20 } },
  { target: 'oai', link: { band: 'none', duplex: 'FDD' } },
  { target: 'oai', link: {} },
  { target: 'oai', link: { duplex: 'TDD', tddPattern: 'DDDSU' } },
  { target: 'lena', link: { band: 'none', duplex: 'FDD' } },
  { target: 'lena', link: { duplex: 'TDD', tddPattern: 'DDDSUU', snrDb: 18 } },
];
const IDS = ['v2x.remote_driving_commands', 'uav.c2_stick', 'xr.split_rendering_dl', 'uav.telemetry_ul', 'v2x.sensor_sharing_lower', 'teleop.uplink_features', 'xr.pose_ul'];

describe('phyclass export --target srsran|oai|lena', () => {
  for (const { target, link: l } of CASES) {
    it(`${target} ${JSON.stringify(l)}: emitted blocks reproduce their classes; the rest are listed, never emitted`, () => {
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
    }, 120_000);
  }

  it('states what each target cannot express', () => {
    const link = linkOf({});
    const mini: PhyClass = { ...(catalogueOn(link).classes.find((c) => c.mappingType === 'B') as PhyClass) };
    for (const t of STACK_TARGETS) expect(stackLimits(t, mini, link).join(' ')).toMatch(/mini-slot/);
    const lowSe: PhyClass = { ...mini, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64LowSE' };
    for (const t of STACK_TARGETS) expect(stackLimits(t, lowSe, link).join(' ')).toMatch(/MCS table qam64LowSE/);
    expect(stackLimits('lena', { ...lowSe, mcsTable: 'qam64', maxTransmissions: 2, grant: 'sr' }, link).join(' ')).toMatch(/HARQ transmissions 2/);
    expect(stackLimits('srsran', { ...lowSe, mcsTable: 'qam64', mu: 2, grant: 'sr' }, link).join(' ')).toMatch(/numerology mu 2/);
  });
});
