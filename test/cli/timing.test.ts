/**
 * `--timing` and `--stack` (issue 16 §2) through the CLI: a bad profile name is exit 2 with one line
 * listing the allowed names; `plan --timing` equals the library's plan/verify under that timing;
 * `plan --stack srsran` takes the stack's default timing (srsran-default) unless --timing is given and
 * searches only what srsRAN runs; `classes --stack srsran --json` lists only classes srsRAN expresses.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import { decodeLinkContext } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import { verify } from '../../src/classes/verify.js';
import type { PhyClass } from '../../src/classes/types.js';
import { serviceById } from '../../src/services/catalogue.js';
import { stackLimits, stackPlanOptions } from '../../src/export/stacks.js';
import { oneErrorLine, runBin } from './run-bin.js';

describe('--timing / --stack (CLI)', () => {
  it('bad names: exit 2, one line with the allowed names', async () => {
    for (const args of [
      ['plan', 'uav.c2_stick', '--timing', 'srsran-fast'],
      ['verify', 'uav.c2_stick', '--timing', '{"k1MinSlots": 2}'],
      ['latency', '--timing', 'nope'],
      ['classes', '--stack', 'ericsson'],
    ]) {
      const r = await runBin(args);
      expect(r.code, args.join(' ')).toBe(2);
      const line = oneErrorLine(r);
      expect(line).toMatch(args[1] === '--stack' ? /--stack: expected one of srsran, oai, lena/ : /--timing/);
      if (args.includes('srsran-fast')) expect(line).toContain('spec-min, srsran-default, srsran-low-latency, oai-default');
    }
  });

  it('plan --timing equals the library under that timing; --stack srsran sets srsran-default and the stack search space', async () => {
    const s = serviceById('uav.c2_stick');
    if (O.isNone(s)) throw new Error('no service');
    const [low, stack] = await Promise.all([
      runBin(['plan', 'uav.c2_stick', '--timing', 'srsran-low-latency', '--json']),
      runBin(['plan', 'uav.c2_stick', '--stack', 'srsran', '--json']),
    ]);
    const lowLink = decodeLinkContext({ timing: 'srsran-low-latency' });
    if (E.isLeft(lowLink)) throw new Error(lowLink.left.message);
    const r = plan(s.value, lowLink.right);
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(low.code).toBe(0);
    const j = JSON.parse(low.stdout) as { link: { timing?: unknown }; phyClass: PhyClass; verdict: { pass: boolean } };
    expect(j.link.timing).toBe('srsran-low-latency');
    expect(j.phyClass).toEqual(JSON.parse(JSON.stringify(r.right)));
    expect(j.verdict).toEqual(JSON.parse(JSON.stringify(verify(r.right, s.value, lowLink.right))));
    const js = JSON.parse(stack.stdout) as { link: { timing?: unknown }; phyClass: PhyClass | null; verdict: { pass: boolean } | null };
    expect(js.link.timing).toBe('srsran-default');
    const sl = decodeLinkContext({ timing: 'srsran-default' });
    if (E.isLeft(sl)) throw new Error(sl.left.message);
    const rs = plan(s.value, sl.right, stackPlanOptions('srsran', 'DL', sl.right));
    expect(js.phyClass?.id ?? null).toBe(E.isRight(rs) ? rs.right.id : null);
    if (js.phyClass !== null) {
      expect(stackLimits('srsran', js.phyClass, sl.right)).toEqual([]);
      expect(js.verdict?.pass).toBe(true);
    }
  });

  it('classes --stack srsran --timing srsran-low-latency: every class is one srsRAN expresses, verified', async () => {
    // three served services (teleop.uplink_features, refused here, cost seconds of relaxation search for no class)
    const r = await runBin(['classes', '--stack', 'srsran', '--timing', 'srsran-low-latency', '--only', 'uav.c2_stick,uav.telemetry_ul,xr.pose_ul', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { link: { timing?: unknown }; plan: { classes: PhyClass[] }; allVerified: boolean };
    expect(j.link.timing).toBe('srsran-low-latency');
    const link = decodeLinkContext(j.link);
    if (E.isLeft(link)) throw new Error(link.left.message);
    expect(j.plan.classes.length).toBeGreaterThanOrEqual(2);
    for (const c of j.plan.classes) expect(stackLimits('srsran', c, link.right), c.id).toEqual([]);
    expect(j.allVerified).toBe(true);
  });
});
