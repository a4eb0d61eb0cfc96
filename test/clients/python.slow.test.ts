/**
 * The Python client (clients/python/phyclass_client.py, standard library only) drives a real
 * `phyclass serve` with the system `python3`: every verb returns the dict the CLI prints with
 * `--json`, a bad request raises PhyclassError naming the field, and the example simulation loop
 * runs. Skipped, with a message, when `python3` is absent. Slow tier only (`npm run test:slow`, run by
 * CI): it starts the real executable under a Python process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planAnswer } from '../../src/cli/commands/plan.js';
import { tbsAnswer } from '../../src/cli/commands/tbs.js';
import { defaultLink, serviceById } from '../../src/index.js';
import { ENTRY, ROOT } from '../cli/run-bin.js';

const PY = ['python3', 'python'].find((p) => {
  const r = spawnSync(p, ['-c', 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)'], { stdio: 'ignore' });
  return r.status === 0;
});
if (PY === undefined) console.warn('test/clients/python.slow.test.ts: no python3 (>= 3.8) found: the Python client tests are skipped');

const SERVE = [process.execPath, ...ENTRY, 'serve'].map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ');

const SCRIPT = `
import json, sys
sys.path.insert(0, ${JSON.stringify(join(ROOT, 'clients', 'python'))})
from phyclass_client import Phyclass, PhyclassError
out = {}
with Phyclass() as pc:
    out["tbs"] = pc.tbs(mcs=27, nPrb=273, mcsTable="qam256")
    out["bler"] = pc.bler(mcs=10, tbsBits=4000, snrDb=7)
    out["latency"] = pc.latency(direction="UL", grant="configured", mu=1, ttiSymbols=2)
    out["plan"] = pc.plan("uav.c2_stick")
    out["classify"] = pc.classify("uav.c2_stick", 24)
    out["classify_unmet"] = [pc.classify("uav.c2_stick", "25 kB")["status"], pc.last_unmet]
    out["methods"] = [m["name"] for m in pc.describe()["methods"]]
    try:
        pc.tbs(mcs=27, nPrb=999)
        out["error"] = None
    except PhyclassError as e:
        out["error"] = [e.code, e.field]
    out["after_error"] = pc.tbs(mcs=5, nPrb=10)["tbsBits"]
    out["header"] = pc.export("c")[:40]
print(json.dumps(out))
`;

describe.skipIf(PY === undefined)('Python client over phyclass serve', () => {
  it('every verb returns the CLI --json dict; errors raise PhyclassError with the field; the server survives them', () => {
    const r = spawnSync(PY as string, ['-c', SCRIPT], { cwd: ROOT, env: { ...process.env, PHYCLASS_SERVE: SERVE }, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const tbs = tbsAnswer({ mcsTable: 'qam256', mcs: 27, nPrb: 273, nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 });
    expect(out['tbs']).toEqual(tbs._tag === 'Right' ? tbs.right : null);
    const s = serviceById('uav.c2_stick'); // served on the default n78 TDD link (haptic is not, spec/assumptions.md §3)
    if (s._tag === 'None') throw new Error('catalogue');
    expect(out['plan']).toEqual(JSON.parse(JSON.stringify(planAnswer(s.value, defaultLink))));
    expect(out['classify']).toMatchObject({ status: 'ok', serviceId: 'uav.c2_stick', sizeBytes: 24 });
    expect(out['classify_unmet']).toEqual(['beyond-profile', true]);
    expect(out['methods']).toEqual(expect.arrayContaining(['plan', 'verify', 'classes', 'classify', 'tbs', 'bler', 'latency', 'simulate']));
    expect(out['error']).toEqual(['invalid-params', 'params.nPrb']);
    expect(out['after_error']).toBeGreaterThan(0);
    expect(out['header']).toMatch(/^\/\*\n \* phyclass_classes\.h/);
  }, 150_000);

  it('examples/python/sim_loop.py runs a plan/bler loop', () => {
    const r = spawnSync(PY as string, [join(ROOT, 'examples', 'python', 'sim_loop.py'), '--steps', '300'], { cwd: ROOT, env: { ...process.env, PHYCLASS_SERVE: SERVE }, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^300 steps, \d+ plans, \d+ block errors; \d+ calls in [\d.]+ s/);
  }, 150_000);
});
