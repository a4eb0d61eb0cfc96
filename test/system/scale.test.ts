/**
 * The system planner at scale (issue 17 last acceptance line, issue 18 target 2): copies of one
 * profile are searched as one unit and re-planned templates merge copies, so the planner's kernel
 * lookups do not grow with the copies; the answer on copies equals the answer without the speed-ups
 * where that is cheap to check; `classes` draws a progress bar on a terminal and stays quiet off one.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scaledCatalogue } from '../../bench/scale-services.js';
import { defaultPlannerCache } from '../../src/classes/cache.js';
import { deriveClasses, profileKey } from '../../src/classes/derive.js';
import { defaultLink } from '../../src/classes/link.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { serviceById } from '../../src/services/catalogue.js';
import { deriveSystem } from '../../src/system/derive.js';
import { verifySystem } from '../../src/system/verify.js';
import * as O from 'fp-ts/lib/Option.js';
import { FC_FULL } from '../support/fc-runs.js';

const lookups = (): number => {
  const st = defaultPlannerCache.stats();
  return st.errVectors.hits + st.errVectors.misses + st.serviceRows.hits + st.serviceRows.misses;
};

describe('deriveSystem at scale', () => {
  // 30 -> 300 services in the slow tier (PHYCLASS_FC_FULL=1, run by CI); 30 -> 60 in the fast tier
  // (n·log n allows 2.4x the lookups there; quadratic growth would need 4x)
  const top = FC_FULL ? 300 : 60;
  it(`kernel lookups grow at most n·log n from 30 to ${top} services (catalogue repeated, varied UE counts); the plans verify`, () => {
    const work: number[] = [];
    for (const [i, n] of [30, top].entries()) {
      const svcs = scaledCatalogue(n, 1);
      expect(svcs).toHaveLength(n);
      defaultPlannerCache.resetStats();
      const progress: number[] = [];
      const r = deriveSystem(svcs, { ...defaultLink, snrDb: defaultLink.snrDb + (i + 1) * 1e-9 }, { maxClasses: 4, onProgress: (d, t) => progress.push(d / t) });
      work.push(lookups());
      expect(r.verdict.pass).toBe(true);
      expect(verifySystem(r.plan, svcs, { ...defaultLink, snrDb: defaultLink.snrDb + (i + 1) * 1e-9 }).pass).toBe(true);
      expect(r.plan.services).toHaveLength(n);
      expect(r.admission.some((a) => a.admittedUes > 0)).toBe(true);
      // progress advances monotonically to 1
      for (let k = 1; k < progress.length; k++) expect(progress[k]!).toBeGreaterThanOrEqual(progress[k - 1]!);
      expect(progress[progress.length - 1]).toBe(1);
    }
    const bound = (top / 30) * (Math.log(top) / Math.log(30));
    expect(work[1]! / work[0]!).toBeLessThanOrEqual(bound);
  }, 240_000);

  it('the scaled input is seeded: same seed, same services; UE counts within [⌈b/2⌉, ⌊3b/2⌋]', () => {
    const a = scaledCatalogue(60, 7);
    expect(scaledCatalogue(60, 7)).toEqual(a);
    for (const s of a) {
      const base = a.find((x) => x.id === s.id.split('~')[0])!.ueCount ?? 1;
      expect(s.ueCount ?? 1).toBeGreaterThanOrEqual(Math.ceil(base / 2));
      expect(s.ueCount ?? 1).toBeLessThanOrEqual(Math.max(Math.ceil(base / 2), Math.floor((3 * base) / 2)));
    }
  });
});

describe('copies in deriveClasses', () => {
  const copy = (id: string, k: number, ueCount: number) => {
    const s = serviceById(id);
    if (O.isNone(s)) throw new Error(id);
    return Array.from({ length: k }, (_, i) => ({ ...s.value, id: `${id}.${i + 1}`, ueCount }));
  };

  it('profileKey ignores the id (and the UE count unless asked), not the content', () => {
    const [a, b] = copy('uav.c2_stick', 2, 1);
    expect(profileKey(a!, true)).toBe(profileKey(b!, true));
    expect(profileKey({ ...a!, ueCount: 3 }, false)).toBe(profileKey(b!, false));
    expect(profileKey({ ...a!, ueCount: 3 }, true)).not.toBe(profileKey(b!, true));
    expect(profileKey({ ...a!, epsilon: a!.epsilon / 10 }, false)).not.toBe(profileKey(b!, false));
  });

  it('40 copies beyond 31 services: every copy is assigned and shares its template with all the others (32-bit masks are per unit)', () => {
    const svcs = copy('uav.c2_stick', 40, 1);
    const cp = deriveClasses(svcs, defaultLink, { maxClasses: 2 });
    expect(cp.unserved).toEqual([]);
    expect(cp.assignments).toHaveLength(40);
    expect(new Set(cp.assignments.map((a) => a.classId)).size).toBe(1);
    for (const a of cp.assignments) expect([...a.sharesWith].sort()).toEqual(svcs.map((s) => s.id).sort());
    expect(cp.method).toContain('copies of one profile searched as one unit');
  });

  it('mixed copies give the same templates as one service of each profile', () => {
    const ids = ['uav.c2_stick', 'teleop.haptic_feedback', 'xr.pose_ul', 'uav.telemetry_ul', 'v2x.remote_driving_commands', 'xr.split_rendering_dl', 'teleop.uplink_features'];
    const one = ids.flatMap((id) => copy(id, 1, 1));
    const many = ids.flatMap((id) => copy(id, 5, 1));
    const a = deriveClasses(one, defaultLink, { maxClasses: 4, exactUpTo: 2 });
    const b = deriveClasses(many, defaultLink, { maxClasses: 4, exactUpTo: 2 });
    expect(b.classes.map((c) => c.id).sort()).toEqual(a.classes.map((c) => c.id).sort());
    for (const x of b.assignments) expect(x.classId).toBe(a.assignments.find((y) => x.serviceId.startsWith(`${y.serviceId.replace(/\.1$/, '')}.`))!.classId);
  }, 120_000);
});

describe('classes progress bar', () => {
  const io = (tty: boolean, out: { stdout: string; stderr: string }): CliIo => {
    let t = 0;
    return {
      stdout: (x) => {
        out.stdout += x;
      },
      stderr: (x) => {
        out.stderr += x;
      },
      stdoutIsTTY: false,
      stderrIsTTY: tty,
      stderrColumns: 100,
      readStdin: () => Promise.resolve(''),
      readTextFile: (p) => readFile(p, 'utf8'),
      writeTextFile: () => Promise.resolve(),
      makeDir: () => Promise.resolve(),
      nowMs: () => (t += 250), // every draw passes the 10-per-second throttle
    };
  };
  const args = ['classes', '--only', 'uav.c2_stick,teleop.haptic_feedback,xr.pose_ul', '--json'];

  it('draws on a terminal (stderr), clears the line, and leaves stdout as without a terminal', async () => {
    const tty = { stdout: '', stderr: '' };
    const pipe = { stdout: '', stderr: '' };
    expect(await runCli(args, io(true, tty))).toBe(0);
    expect(await runCli(args, io(false, pipe))).toBe(0);
    expect(tty.stderr).toMatch(/classes \[#*-*\] \d+% \d+\/6 steps/);
    expect(tty.stderr).toContain('100% 6/6 steps');
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(pipe.stderr).toBe('');
    expect(tty.stdout).toBe(pipe.stdout);
  }, 120_000);
});
