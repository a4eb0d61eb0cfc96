/**
 * The planning commands through the real binary: `plan`, `verify`, `classify`, `classes` and
 * `report` — exit codes, --json equal to the library's plan/verify/derive results, CSV shape,
 * bad input (unknown service, negative deadline, malformed JSON, "5 parsecs") as exit 2 with one
 * stderr line, and the report's SVGs well-formed with the expected marks.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileClassifier } from '../../src/classes/classifier.js';
import { deriveClasses } from '../../src/classes/derive.js';
import { defaultLink, decodeLinkContext, freeFddLink } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import type { ClassPlan, PhyClass } from '../../src/classes/types.js';
import { verify } from '../../src/classes/verify.js';
import { parseCsv } from '../../src/report/table.js';
import { serviceById } from '../../src/services/catalogue.js';
import { checkWellFormedXml } from '../report/xml.js';
import { oneErrorLine, runBin } from './run-bin.js';

const SMALL = 'uav.c2_stick,teleop.haptic_feedback,v2x.collision_avoidance';

describe('phyclass planning commands (spawned binary)', () => {
  it('plan --json equals plan() and verify() of the library; table mode prints the verified class', async () => {
    const [json, text] = await Promise.all([runBin(['plan', 'uav.c2_stick', '--json']), runBin(['plan', 'uav.c2_stick'])]);
    const s = serviceById('uav.c2_stick');
    expect(O.isSome(s)).toBe(true);
    if (O.isNone(s)) return;
    const r = plan(s.value, defaultLink);
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    expect(json.code).toBe(0);
    const j = JSON.parse(json.stdout) as { feasible: boolean; phyClass: unknown; verdict: unknown };
    expect(j.feasible).toBe(true);
    expect(j.phyClass).toEqual(JSON.parse(JSON.stringify(r.right)));
    expect(j.verdict).toEqual(JSON.parse(JSON.stringify(verify(r.right, s.value, defaultLink))));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(r.right.id);
    expect(text.stdout).toMatch(/verified\s+pass/);
  });

  it('plan with link flags and a profile file with units; verify prints per-size rows', async () => {
    const [p, hi, v] = await Promise.all([
      runBin(['plan', 'examples/services/robot-arm-features.json', '--band', 'none', '--duplex', 'FDD', '--bandwidth', '40 MHz', '--snr', '12 dB', '--json']),
      runBin(['plan', 'examples/services/robot-arm-features.json', '--band', 'none', '--duplex', 'FDD', '--bandwidth', '40 MHz', '--snr', '30 dB', '--json']),
      runBin(['verify', 'teleop.haptic_feedback', '--band', 'none', '--duplex', 'FDD', '--csv']),
    ]);
    // Under correlated HARQ fading and control errors (the link defaults since issue 14) 16 kB in 10 ms at
    // 1e-4 is infeasible at 40 MHz / 12 dB: exit 1, latency binding, "mean SNR ≥ 27 dB" among the relaxations
    // (22 dB before the segments' fades were taken as possibly dependent, link/segments anyDependence)
    expect(p.code).toBe(1);
    const j = JSON.parse(p.stdout) as {
      feasible: boolean;
      link: unknown;
      service: { latencyBudgetMs: number; epsilon: number; payload: { sizesBytes: number[] } };
      infeasible: { binding: string; relaxations: { kind: string; value: number }[] };
    };
    expect(j.feasible).toBe(false);
    expect(j.infeasible.binding).toBe('latency');
    const snrRelax = j.infeasible.relaxations.find((r) => r.kind === 'snr');
    expect(snrRelax?.value).toBeGreaterThan(12);
    expect(snrRelax?.value).toBeLessThanOrEqual(30);
    const link = decodeLinkContext({ band: 'none', duplex: 'FDD', bandwidthMHz: 40, snrDb: 12 });
    expect(E.isRight(link) && j.link).toEqual(E.isRight(link) ? JSON.parse(JSON.stringify(link.right)) : null);
    expect(j.service.latencyBudgetMs).toBe(10);
    expect(j.service.epsilon).toBeCloseTo(1e-4, 15);
    expect(j.service.payload.sizesBytes).toEqual([8000, 12000, 16000]);
    // above that SNR (the relaxation's answer) the same profile is feasible: exit 0 and a verified class
    expect(hi.code).toBe(0);
    const h = JSON.parse(hi.stdout) as { feasible: boolean; link: unknown; verdict: { pass: boolean } };
    expect(h.feasible).toBe(true);
    expect(h.verdict.pass).toBe(true);
    const link30 = decodeLinkContext({ band: 'none', duplex: 'FDD', bandwidthMHz: 40, snrDb: 30 });
    expect(E.isRight(link30) && h.link).toEqual(E.isRight(link30) ? JSON.parse(JSON.stringify(link30.right)) : null);
    expect(v.code).toBe(0);
    const rec = parseCsv(v.stdout);
    const s = serviceById('teleop.haptic_feedback');
    expect(rec.length - 1).toBe(O.isSome(s) ? s.value.payload.sizesBytes.length : -1);
    expect(rec[0]).toContain('epsilonAchieved');
  });

  it('plan of an infeasible service exits 1 with the reason; bad input exits 2 with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-cli-'));
    writeFileSync(join(dir, 'broken.json'), '{"id": "x", "direction": "UL", ');
    const cases: [string[], RegExp][] = [
      [['plan', 'no.such.service'], /unknown service "no\.such\.service"/],
      [['plan', 'examples/services/bad-negative-deadline.json'], /latencyBudgetMs: expected > 0, got -5/],
      [['plan', join(dir, 'broken.json')], /malformed JSON/],
      [['plan', join(dir, 'missing.json')], /cannot read \(no such file\)/],
      [['classify', 'uav.c2_stick', '5 parsecs', '--only', 'uav.c2_stick'], /<size>: expected a whole number of bytes/],
      [['classes', '--bandwidth', '-20 MHz'], /--bandwidth: expected a bandwidth > 0/],
      [['classes', '--fading', 'foggy'], /--fading: expected awgn/],
    ];
    const [inf, ...results] = await Promise.all([
      runBin(['plan', 'v2x.8k_perception_features', '--no-relaxations', '--json'], { timeoutMs: 120_000 }),
      ...cases.map(([a]) => runBin(a)),
    ]);
    expect(inf?.code).toBe(1);
    const j = JSON.parse(inf?.stdout ?? '{}') as { feasible: boolean; infeasible: { binding: string; message: string } };
    expect(j.feasible).toBe(false);
    expect(j.infeasible.message).toMatch(/needs .*bit\/s/);
    results.forEach((r, i) => {
      expect(r.code, cases[i]?.[0].join(' ')).toBe(2);
      expect(oneErrorLine(r)).toMatch(cases[i]?.[1] ?? /./);
    });
  });

  it('classes --json carries the templates (deriveClasses, one UE per service), the system plan as a ClassPlan and the verdict; classify follows the system plan; the table lists every service', async () => {
    const [json, text, cls] = await Promise.all([
      runBin(['classes', '--only', SMALL, '--max-classes', '2', '--band', 'none', '--duplex', 'FDD', '--json']),
      runBin(['classes', '--only', SMALL, '--max-classes', '2', '--band', 'none', '--duplex', 'FDD']),
      runBin(['classify', 'v2x.collision_avoidance', '2 kB', '--only', SMALL, '--max-classes', '2', '--band', 'none', '--duplex', 'FDD', '--json']),
    ]);
    const cls2 = await runBin(['classify', 'uav.c2_stick', '24 B', '--only', SMALL, '--max-classes', '2', '--band', 'none', '--duplex', 'FDD', '--json']);
    const list = SMALL.split(',').map((id) => {
      const s = serviceById(id);
      if (O.isNone(s)) throw new Error(id);
      return s.value;
    });
    // haptic and collision avoidance are infeasible on the default n78 TDD, hence the free FDD carrier.
    // With the requested UE counts (10 collision-avoidance UEs) the derivation leaves collision avoidance
    // without a class though it has one for one UE, so the system planner derives the templates for one UE
    // per service (spec/system.md §4 step 1); `templates` is that derivation, `system.plan` may re-plan a
    // template, and `plan` is the system plan as a ClassPlan (what export and the classifier consume)
    const asRequested = deriveClasses(list, freeFddLink, { maxClasses: 2 });
    expect(asRequested.unserved.map((u) => u.serviceId)).toContain('v2x.collision_avoidance');
    const cp = deriveClasses(list.map((s) => ({ ...s, ueCount: 1 })), freeFddLink, { maxClasses: 2 });
    expect(json.code).toBe(0);
    const j = JSON.parse(json.stdout) as { plan: ClassPlan; templates: unknown; allVerified: boolean; entries: { serviceId: string; classId: string | null }[] };
    expect(j.templates).toEqual(JSON.parse(JSON.stringify(cp)));
    // the system plan: templates it kept are deriveClasses' own; one it re-planned (PRB cap / no CG) has a
    // template's direction and numerology, and every service admitted on it verifies (one UE) on it
    const sp = (JSON.parse(json.stdout) as { system: { plan: { classes: PhyClass[]; services: { serviceId: string; classId: string | null; admittedUes: number }[] } } }).system.plan;
    const tplIds = new Set(cp.classes.map((c) => c.id));
    expect(sp.classes.some((c) => tplIds.has(c.id))).toBe(true);
    for (const c of sp.classes) {
      if (tplIds.has(c.id)) {
        expect(c).toEqual(JSON.parse(JSON.stringify(cp.classes.find((x) => x.id === c.id))));
        continue;
      }
      expect(cp.classes.some((x) => x.direction === c.direction && x.mu === c.mu)).toBe(true);
      const on = sp.services.filter((x) => x.classId === c.id && x.admittedUes > 0);
      expect(on.length).toBeGreaterThan(0);
      for (const x of on) {
        const svc = list.find((s) => s.id === x.serviceId);
        expect(svc !== undefined && verify(c, { ...svc, ueCount: 1 }, freeFddLink).pass, `${x.serviceId} on ${c.id}`).toBe(true);
      }
    }
    expect(j.allVerified).toBe(true);
    expect(j.entries.map((e) => e.serviceId)).toEqual(list.map((s) => s.id));
    expect(text.code).toBe(0);
    for (const s of list) expect(text.stdout).toContain(s.id);
    // "verified" is the system check: every admitted UE on the shared carrier (spec/system.md)
    const sys = (JSON.parse(json.stdout) as { system: { verdict: { pass: boolean; services: { id: string; pass: boolean; admittedUes: number }[] } } }).system;
    expect(sys.verdict.pass).toBe(true);
    const admitted = sys.verdict.services.filter((x) => x.admittedUes > 0);
    expect(admitted.every((x) => x.pass)).toBe(true);
    expect(text.stdout).toMatch(new RegExp(`All ${admitted.length} admitted services verified on the shared carrier`));
    expect(text.stdout).toMatch(/Bandwidth parts:/);
    // `plan` is the system plan: its classes, every admitted service on its system class, the others unserved
    expect(j.plan.classes.map((c) => c.id)).toEqual(sp.classes.map((c) => c.id));
    for (const x of sp.services) {
      const a = j.plan.assignments.find((y) => y.serviceId === x.serviceId);
      if (x.admittedUes > 0) expect(a?.classId, x.serviceId).toBe(x.classId);
      else expect(j.plan.unserved.map((u) => u.serviceId), x.serviceId).toContain(x.serviceId);
    }
    // `classify` compiles the system plan's classifier: collision avoidance, admitted on the shared carrier
    // for one UE per service's template, is classified onto its system class (it had no class for the
    // requested 10 UEs at once, so the old template classifier answered 'unserved')
    const lib = compileClassifier(j.plan)('v2x.collision_avoidance', 2000);
    const a = JSON.parse(cls.stdout) as { status: string; classId: string | null; nPrb: number; nTti: number; tbsBits: number };
    expect(a).toEqual({ ...JSON.parse(JSON.stringify(lib)), serviceId: 'v2x.collision_avoidance', sizeBytes: 2000 });
    const caAdmitted = (sp.services.find((x) => x.serviceId === 'v2x.collision_avoidance')?.admittedUes ?? 0) > 0;
    expect(a.status).toBe(caAdmitted ? 'ok' : 'unserved');
    expect(cls.code).toBe(caAdmitted ? 0 : 1);
    if (caAdmitted) expect(a.classId).toBe(sp.services.find((x) => x.serviceId === 'v2x.collision_avoidance')?.classId);
    // a served one agrees with its class in the system plan
    expect(cls2.code).toBe(0);
    const b = JSON.parse(cls2.stdout) as { status: string; classId: string; nTti: number; tbsBits: number };
    expect(b.status).toBe('ok');
    expect(b.classId).toBe(sp.services.find((x) => x.serviceId === 'uav.c2_stick')?.classId);
    expect(b.nTti * b.tbsBits).toBeGreaterThanOrEqual(24 * 8);
  });

  it('bands (issue 14): the default runs on n78 with the assumptions header; impossible combinations exit 2 with one line', async () => {
    const [cls, ...bad] = await Promise.all([
      runBin(['classes', '--only', 'uav.c2_stick', '--max-classes', '1', '--sensitivity', '--json']),
      runBin(['classes', '--fr', 'FR2-1', '--duplex', 'FDD']),
      runBin(['classes', '--band', 'n3', '--bandwidth', '100 MHz']),
      runBin(['plan', 'uav.c2_stick', '--duplex', 'FDD', '--tdd', 'DDDSU']),
      runBin(['verify', 'uav.c2_stick', '--band', 'n3', '--duplex', 'TDD']),
      runBin(['classes', '--bandwidth', '20 Hz']),
      runBin(['classes', '--band', 'none', '--bandwidth', '17 MHz']),
    ]);
    expect(cls.code).toBe(0);
    const j = JSON.parse(cls.stdout) as { link: { band: string }; assumptions: { band: string; tddPattern: string; specialSlot: string; scsKHz: number[] }; sensitivity: { serviceId: string; snrHeadroomDb: number }[] };
    expect([j.link.band, j.assumptions.band, j.assumptions.tddPattern, j.assumptions.specialSlot, j.assumptions.scsKHz]).toEqual(['n78', 'n78', 'DDDSU', '10D:2G:2U', [30]]);
    expect(j.sensitivity.map((x) => x.serviceId)).toEqual(['uav.c2_stick']);
    expect(j.sensitivity[0]!.snrHeadroomDb).toBeGreaterThan(0);
    for (const b of bad) {
      expect(b.code).toBe(2);
      expect(b.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(bad.map((b) => b.stderr.replace(/^phyclass: /, '').split(':')[0])).toEqual(['link.duplex', 'link.bandwidthMHz', 'link.tddPattern', 'link.duplex', 'link.bandwidthMHz', 'link.bandwidthMHz']);
  });

  it('report writes index.html and five well-formed SVG plots with their marks', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'phyclass-report-')), 'r');
    const r = await runBin(['report', '--out', out, '--only', 'uav.c2_stick,teleop.haptic_feedback', '--slots', '2000', '--json'], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { plots: string[] };
    expect(j.plots).toEqual(['bler', 'latency', 'table1', 'cdf', 'classmap']);
    const role: Record<string, string> = { bler: 'line mark', latency: 'bar', table1: 'tick', cdf: 'line mark', classmap: 'point' };
    for (const id of j.plots) {
      const svg = readFileSync(join(out, `${id}.svg`), 'utf8');
      expect(checkWellFormedXml(svg)[0]).toBe('svg');
      const drawn = (svg.match(new RegExp(`aria-roledescription="${role[id] ?? ''}"[^>]*? d="M`, 'g')) ?? []).length;
      expect(drawn, `${id}: drawn ${role[id] ?? ''} marks`).toBeGreaterThan(0);
    }
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect((html.match(/<figure class="plot"/g) ?? []).length).toBe(5);
    expect(parseCsv(readFileSync(join(out, 'classes.csv'), 'utf8'))).toHaveLength(3);
  });
});
