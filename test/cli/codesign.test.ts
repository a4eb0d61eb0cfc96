/**
 * `phyclass codesign` and the application-side relaxations of `phyclass plan` through the real binary:
 * --json equal to the library's `codesign` on the decoded file, table output, exit 1 when
 * infeasible with the diagnosis, exit 2 with one stderr line for bad input.
 */
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLink, freeFddLink } from '../../src/classes/link.js';
import { decodeCodesignInput } from '../../src/codecs/codesign.js';
import { codesign } from '../../src/codesign/codesign.js';
import { payloadProfile, services } from '../../src/services/catalogue.js';
import type { SystemPlan } from '../../src/system/types.js';
import { verifySystem } from '../../src/system/verify.js';
import type { PhyClass } from '../../src/classes/types.js';
import { oneErrorLine, runBin } from './run-bin.js';

const FILE = 'examples/pipelines/figure1.json';

describe('phyclass codesign (spawned binary)', () => {
  it('--json equals codesign() of the decoded file; the table lists the same front', async () => {
    // mechanism (JSON = library, table, system check, --simulate) on the free FDD carrier (band none), where the 4-terminal set
    // is admitted; on the n78 TDD default the same pipeline is feasible per terminal but the set is refused (below)
    const FDD = ['--band', 'none', '--duplex', 'FDD'];
    const [json, text, dflt] = await Promise.all([
      runBin(['codesign', FILE, '--json', ...FDD]), runBin(['codesign', FILE, '--simulate', '--slots', '2000', ...FDD]), runBin(['codesign', FILE]),
    ]);
    const d = decodeCodesignInput(JSON.parse(readFileSync(FILE, 'utf8')));
    if (E.isLeft(d)) throw new Error(d.left.message);
    const r = codesign(d.right.pipeline, freeFddLink, d.right.options);
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(json.code).toBe(0);
    const j = JSON.parse(json.stdout) as { front: { key: string; radioRePerSecond: number }[]; feasible: boolean };
    expect(j.feasible).toBe(true);
    expect(j.front.map((x) => x.key)).toEqual(r.right.front.map((x) => x.key));
    expect(j.front.map((x) => x.radioRePerSecond)).toEqual(r.right.front.map((x) => x.radioRePerSecond));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Pareto front of figure1.v2x-perception');
    expect(text.stdout).toContain('best radio cost:');
    expect(text.stdout).toContain(r.right.best.radioCost!.ul.phyClass.id);
    // the system level: the best radio-cost set of 4 terminals is admitted and verified; --simulate runs its plan
    const js = JSON.parse(json.stdout) as { system: { bestVerified: boolean; verified: number }; best: { radioCost: { system: { pass: boolean; ul: { admittedUes: number } } } } };
    expect(js.system.bestVerified).toBe(true);
    expect(js.best.radioCost.system.ul.admittedUes).toBe(4);
    expect(text.stdout).toMatch(/best radio cost: .* \[system-verified: UL 4\/4, DL 4\/4 UEs\]/);
    expect(text.stdout).toMatch(/simulated 2000 slots \(seed 1\) on the system plan of .*\n  figure1\.v2x-perception\.ul: miss /);
    // the default link (n78 TDD DDDSU, correlated HARQ fading, control errors): a point per terminal, but the 4 terminals
    // do not fit the UL BWP together, so the set is refused with the binding constraint (exit 1), as the library says
    const rd = codesign(d.right.pipeline, defaultLink, d.right.options);
    if (E.isLeft(rd)) throw new Error(rd.left.message);
    expect(rd.right.feasible).toBe(true);
    expect(rd.right.system!.bestVerified).toBe(false);
    expect(dflt.code).toBe(1);
    expect(dflt.stdout).toMatch(/best radio cost: .* \[refused on the shared carrier: UL [0-3]\/4, DL \d\/4 UEs; bwp-mu1 UL: 4 UEs × \d+ PRB .* > 273 PRB/);
  }, 180_000);

  it('infeasible: exit 1 with the diagnosis; bad input: exit 2, one line naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-codesign-'));
    const hard = join(dir, 'hard.json');
    writeFileSync(hard, JSON.stringify({ model: 'vgg16', input: { height: 4320, width: 7680 }, frameRateHz: 10, e2eLatencyMs: 10, epsilon: 1e-4, device: 'phone-npu-a16', edge: 'edge-gpu-l4', grid: { splits: ['features.30'], bitsPerValue: [8], compressionRatios: [10] } }));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ model: 'vgg16', input: { height: 224, width: 224 }, frameRateHz: 10, e2eLatencyMs: 10, epsilon: 1e-4, device: 'phone-npu-a16', edge: 'nope' }));
    const crowd = join(dir, 'crowd.json');
    writeFileSync(crowd, JSON.stringify({ ...JSON.parse(readFileSync(FILE, 'utf8')), terminals: 400, grid: { splits: ['avgpool'], bitsPerValue: [4], compressionRatios: [4] } }));
    // mechanism link for the 400-terminal refusal: free FDD, independent HARQ fading, no control errors, where each leg alone
    // still has a class at 1e-4/(2·400) per terminal (on the default no UL class reaches 1.25e-7, so the set check is never reached)
    const mech = join(dir, 'mechanism-link.json');
    writeFileSync(mech, JSON.stringify({ band: 'none', duplex: 'FDD', harqFading: 'independent', controlErrors: { pdcchMissProb: 0, harqAckErrorProb: 0, srMissProb: 0 } }));
    const [h, b, u, c, cOff, ar] = await Promise.all([
      runBin(['codesign', hard]), runBin(['codesign', bad]), runBin(['codesign', 'uav.c2_stick']),
      runBin(['codesign', crowd, '--link', mech]), runBin(['codesign', crowd, '--link', mech, '--no-system']), runBin(['codesign', crowd, '--arrivals', 'sometimes']),
    ]);
    // 400 terminals: each leg alone has a class, the set is refused on the carrier (exit 1, the binding constraint printed)
    expect(c.code).toBe(1);
    expect(c.stdout).toMatch(/\[refused on the shared carrier: UL \d+\/400, DL \d+\/400 UEs; bwp-mu\d (UL|DL): 400 UEs × \d+ PRB/);
    expect(cOff.code).toBe(0);
    expect(cOff.stdout).toContain('system level: not checked (--no-system)');
    expect(ar.code).toBe(2);
    expect(oneErrorLine(ar)).toMatch(/--arrivals: expected one of synchronous/);
    expect(h.code).toBe(1);
    expect(h.stdout).toContain('infeasible: compute alone does not fit');
    expect(b.code).toBe(2);
    expect(oneErrorLine(b)).toMatch(/edge: expected a preset id/);
    expect(u.code).toBe(2);
    expect(oneErrorLine(u)).toMatch(/no feature source/);
  }, 120_000);

  it('plan v2x.8k_perception_features: infeasible, with application-side relaxations that plan confirms', async () => {
    const [json, text] = await Promise.all([runBin(['plan', 'v2x.8k_perception_features', '--json']), runBin(['plan', 'v2x.8k_perception_features'])]);
    expect(json.code).toBe(1);
    const j = JSON.parse(json.stdout) as { feasible: boolean; applicationRelaxations: { classId: string; kind: string }[] };
    expect(j.feasible).toBe(false);
    expect(j.applicationRelaxations.length).toBeGreaterThanOrEqual(1);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('would work with (application):');
    expect(text.stdout).toContain(j.applicationRelaxations[0]!.classId);
  }, 120_000);

  it('classes: infeasible and not-admitted feature services list application-side relaxations, each re-verified on the shared carrier (text and --json)', async () => {
    const only = 'v2x.8k_perception_features,v2x.cooperative_perception_features,uav.c2_stick';
    const args = ['classes', '--only', only, '--max-classes', '2'];
    const [json, text] = await Promise.all([runBin([...args, '--json']), runBin(args)]);
    expect(json.code).toBe(0);
    type Rel = { kind: string; description: string; classId: string; sizesBytes: number[]; feature: unknown; scope: string; system: { pass: boolean; ueCount: number; admittedUes: number; bwpId: string; phyClass: PhyClass } };
    type Entry = { serviceId: string; classId: string | null; ueCount: number; admittedUes: number; applicationRelaxations?: Rel[] };
    const j = JSON.parse(json.stdout) as { entries: Entry[]; system: { plan: SystemPlan } };
    const list = only.split(',').map((id) => services.find((s) => s.id === id)!);
    const planList = j.system.plan.services.map((sp) => list.find((s) => s.id === sp.serviceId)!);
    const by = (id: string): Entry => j.entries.find((e) => e.serviceId === id)!;
    // the 8K service has no class; cooperative perception is not fully admitted; the C2 stick (no feature source) gets none
    expect(by('v2x.8k_perception_features').classId).toBeNull();
    expect(by('v2x.cooperative_perception_features').admittedUes).toBeLessThan(10);
    expect(by('uav.c2_stick').applicationRelaxations).toBeUndefined();
    for (const id of ['v2x.8k_perception_features', 'v2x.cooperative_perception_features']) {
      const rels = by(id).applicationRelaxations ?? [];
      expect(rels.length).toBeGreaterThanOrEqual(1);
      const i = planList.findIndex((s) => s.id === id);
      for (const r of rels) {
        expect(r.scope).toBe('system');
        expect(r.system.admittedUes).toBe(r.system.ueCount);
        expect(text.stdout).toContain(`would work with (application): ${r.description} (class ${r.classId};`);
        // independently: substitute the changed service on the class the answer names and re-run verifySystem
        const orig = planList[i]!;
        const changed = { ...orig, payload: payloadProfile(r.sizesBytes) };
        const plan = j.system.plan;
        const c = r.system.phyClass;
        expect(c.id).toBe(r.classId);
        const p2: SystemPlan = {
          ...plan,
          classes: plan.classes.some((x) => x.id === c.id) ? plan.classes : [...plan.classes, c],
          services: plan.services.map((sp, k) => (k === i ? { serviceId: id, classId: c.id, bwpId: r.system.bwpId, ueCount: orig.ueCount ?? 1, admittedUes: orig.ueCount ?? 1 } : sp)),
        };
        expect(verifySystem(p2, planList.map((s, k) => (k === i ? changed : s)), defaultLink).pass).toBe(true);
      }
    }
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(/uav\.c2_stick[^\n]*\n\s+- would work/);
  }, 120_000);
});
