/**
 * classes/cache (issue 12 item 3), slow tier (`npm run test:slow`, run by CI): the catalogue planned
 * in fresh processes (scripts/plan-snapshot.ts), forward and in reverse order, gives the same bytes —
 * no answer depends on what a process planned before; and the in-process no-history law
 * (cache-support.ts) on the whole catalogue (cache.test.ts runs it on five of its services).
 * deriveClasses with a small evicting cache over the catalogue is in cache.test.ts, which runs in this
 * tier too (every third service in `npm test`). The other in-process cache laws are in cache.test.ts.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { services } from '../../src/services/index.js';
import { checkNoHistoryDependence } from './cache-support.js';

function snapshotInChild(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'scripts/plan-snapshot.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`plan-snapshot exited ${String(code)}: ${err}`))));
  });
}

describe('no history dependence', () => {
  it('the catalogue planned in fresh processes, forward and reverse, gives the same bytes', { timeout: 300_000 }, async () => {
    const args = ['--links=default,harqSame', '--no-derive'];
    const [fwd, rev] = await Promise.all([snapshotInChild(args), snapshotInChild([...args, '--reverse'])]);
    expect(fwd.length).toBeGreaterThan(10_000);
    expect(rev).toBe(fwd);
  });

  it('clearing the cache between plans, a tiny evicting cache and a fresh cache per plan change no answer (the catalogue)', { timeout: 300_000 }, () => {
    checkNoHistoryDependence(services);
  });
});
