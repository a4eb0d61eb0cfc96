/**
 * `phyclass export` through the real binary: the C header from derived options equals the one from
 * the `classes --json` file of the same options; every stack target prints its blocks or its list;
 * a bad target or a bad plan file is exit 2 with one stderr line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oneErrorLine, runBin } from './run-bin.js';

const dir = mkdtempSync(join(tmpdir(), 'phyclass-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('phyclass export (spawned binary)', () => {
  it('--target c: derived from options = read from the classes --json plan', async () => {
    const opts = ['--only', 'teleop.haptic_feedback,uav.c2_stick,xr.pose_ul', '--snr', '18 dB'];
    const cls = await runBin(['classes', '--json', ...opts]);
    expect(cls.code).toBe(0);
    const file = join(dir, 'plan.json');
    writeFileSync(file, cls.stdout);
    const [a, b] = await Promise.all([runBin(['export', '--target', 'c', ...opts]), runBin(['export', '--target', 'c', '--plan', file])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/#ifndef PHYCLASS_CLASSES_H/);
    expect(a.stdout).toMatch(/proved epsilon/);
    expect(b.stdout).toBe(a.stdout);
  }, 120_000);

  it('--target srsran|oai|lena print a header, blocks or the NOT EXPRESSIBLE list', async () => {
    const rs = await Promise.all(['srsran', 'oai', 'lena'].map((t) => runBin(['export', '--target', t, '--only', 'uav.c2_stick,xr.pose_ul'])));
    for (const r of rs) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/NOT EXPRESSIBLE in (srsran|oai|lena)/);
    }
  }, 120_000);

  it('bad input: unknown target, malformed plan file -> exit 2, one line', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"plan": {"classes": 5}}');
    const [t, p] = await Promise.all([runBin(['export', '--target', 'vhdl']), runBin(['export', '--target', 'c', '--plan', bad])]);
    expect(t.code).toBe(2);
    expect(oneErrorLine(t)).toMatch(/--target: expected one of c, srsran, oai, lena/);
    expect(p.code).toBe(2);
    expect(oneErrorLine(p)).toMatch(/plan\.classes/);
  }, 60_000);
});
