/**
 * The validated root entry points (src/api/entry.ts) give exactly the module functions' answers for
 * valid input (they only check, then delegate), and documented answers for invalid input.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as root from '../../src/index.js';
import { plan as modulePlan } from '../../src/classes/planner.js';
import { verify as moduleVerify } from '../../src/classes/verify.js';
import { deriveClasses as moduleDerive } from '../../src/classes/derive.js';
import { decodeLinkContext as moduleDecodeLink, defaultLink } from '../../src/classes/link.js';
import { numerology as moduleNumerology } from '../../src/nr/numerology.js';
import { layerShapes as moduleLayerShapes } from '../../src/workload/dnn.js';
import { assertUserPlaneLatency } from '../../src/link/latency.js';
import { harqResidualError as moduleHarq } from '../../src/link/harq.js';
import { blerModel as moduleBlerModel } from '../../src/link/bler.js';
import { services } from '../../src/services/catalogue.js';

const tdd = E.getOrElseW(() => defaultLink)(moduleDecodeLink({ duplex: 'TDD', tddPattern: 'DDDSU', bandwidthMHz: 40, snrDb: 12 }));

describe('root entry points = module functions on valid input', () => {
  it('plan over the catalogue (default link and a TDD link) and verify (default link): identical JSON', () => {
    const opts = { relaxations: false } as const; // (relaxations re-plan many times: slow, and not what is compared)
    for (const link of [defaultLink, tdd]) {
      for (const s of services) {
        const a = root.plan(s, link, opts);
        const b = modulePlan(s, link, opts);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        if (E.isRight(b) && link === defaultLink) expect(JSON.stringify(root.verify(b.right, s, link))).toBe(JSON.stringify(moduleVerify(b.right, s, link)));
      }
    }
    // relaxations too, for one infeasible service
    const hard = services.find((s) => s.id === 'v2x.8k_perception_features');
    if (hard !== undefined) expect(JSON.stringify(root.plan(hard, defaultLink))).toBe(JSON.stringify(modulePlan(hard, defaultLink)));
  }, 120_000);

  it('deriveClasses over the catalogue: identical JSON', () => {
    expect(JSON.stringify(root.deriveClasses(services, defaultLink, { maxClasses: 4 }))).toBe(JSON.stringify(moduleDerive(services, defaultLink, { maxClasses: 4 })));
  });

  it('plain-valued functions: same objects', () => {
    for (const mu of [0, 1, 2, 3, 4, 5, 6] as const) expect(root.numerology(mu)).toEqual(moduleNumerology(mu));
    expect(root.layerShapes('resnet50', { height: 224, width: 224 })).toEqual(moduleLayerShapes('resnet50', { height: 224, width: 224 }));
    const p = { direction: 'UL', duplex: 'TDD', tddPattern: 'DDDSU', mu: 1, ttiSymbols: 4, ueCapability: 2, grant: 'configured', transmissions: 2 } as const;
    expect(root.userPlaneLatency(p)).toBe(assertUserPlaneLatency(p));
    const q = { model: moduleBlerModel('nr-ldpc'), mcsTable: 'qam64', mcs: 9, tbsBits: 4000, snrDb: 4, transmissions: 3, combining: 'chase', fading: { kind: 'rayleigh', diversity: 2 } } as const;
    expect(root.harqResidualError(q)).toBe(moduleHarq(q));
    expect(root.blerModel('fbl-qam')).toBe(moduleBlerModel('fbl-qam'));
  });
});

describe('root entry points on invalid input: documented answers', () => {
  it('plan: Left(Infeasible) with binding input, naming the field', () => {
    const svc = services[0] as root.ServiceProfile;
    const r = root.plan({ ...svc, epsilon: 2 }, defaultLink);
    expect(E.isLeft(r) && r.left.binding === 'input' && r.left.message).toBe('service.epsilon: expected a number in (0, 1), got 2');
    const l = root.plan(svc, { snrDb: 'loud' } as unknown as root.LinkContext);
    expect(E.isLeft(l) && l.left.binding).toBe('input');
    const o = root.plan(svc, defaultLink, { mu: [9] });
    expect(E.isLeft(o) && o.left.message).toMatch(/^opts\.mu\[0\]: expected one of 0, 1, 2, 3, 4, 5, 6, got 9/);
  });

  it('verify: a failing Verdict whose reason names the problem', () => {
    const v = root.verify({} as root.PhyClass, services[0] as root.ServiceProfile);
    expect(v.pass).toBe(false);
    expect(v.reasons).toEqual(['invalid input: phyClass.id: expected a non-empty string, got undefined']);
    expect(v.epsilonAchieved).toBe(1);
  });

  it('deriveClasses: no class, one unserved reason', () => {
    const cp = root.deriveClasses([{ id: 'x' }] as unknown as root.ServiceProfile[]);
    expect(cp.classes).toEqual([]);
    expect(cp.method).toBe('invalid input');
    expect(cp.unserved[0]?.reason).toMatch(/^invalid input: services\[0\]\.direction: expected one of "DL", "UL"/);
  });

  it('plain-valued functions answer the PhyError; userPlaneLatency keeps its message', () => {
    const n = root.numerology(7 as root.Mu);
    expect(root.isPhyError(n) && n.message).toBe('mu: expected one of 0, 1, 2, 3, 4, 5, 6, got 7');
    const u = root.userPlaneLatency({ direction: 'DL', duplex: 'FDD', mu: 4, ttiSymbols: 7, ueCapability: 1, grant: 'dynamic', transmissions: 1 });
    expect(root.isPhyError(u) && u.message).toMatch(/^mu: TS 38\.214/);
    expect(root.isPhyError(root.ldpcSegmentation(10, 500))).toBe(true);
    expect(root.isPhyError(root.qfunc('x'))).toBe(true);
    expect(root.qfunc(Number.NaN)).toBe(1); // documented: NaN counts as the conservative error probability
    expect(root.isPhyError(root.layerShapes('vgg17' as root.DnnModel, { height: 224, width: 224 }))).toBe(true);
    expect(root.isPhyError({ _tag: 'Left', left: 1 })).toBe(false);
  });
});
