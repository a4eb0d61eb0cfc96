/**
 * Issue 17 item 7: `campaign` draws a progress bar on stderr when it is a terminal (advancing
 * within runs, slot by slot) and stays quiet otherwise; the helpers are reusable (countProgress).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { countProgress } from '../../src/cli/progress.js';
import { memoryIo } from './io.js';

const tty = (stdin = '') => {
  const m = memoryIo(stdin);
  let t = 0;
  return { ...m, io: { ...m.io, stderrIsTTY: true, stderrColumns: 100, nowMs: () => (t += 150) } };
};

describe('progress on stderr', () => {
  it('campaign: a bar when stderr is a TTY (cleared before the results), nothing otherwise; same stdout', async () => {
    const args = ['campaign', 'examples/scenarios/mixed.json', '--seeds', '1..2', '--slots', '20000', '--json'];
    const a = tty();
    const b = memoryIo();
    const [ca, cb] = [await runCli(args, a.io), await runCli(args, b.io)];
    expect(ca).toBe(cb);
    expect(a.out()).toBe(b.out());
    expect(b.err()).toBe('');
    const draws = a.err().split('\r').filter((s) => s.startsWith('campaign ['));
    expect(draws.length).toBeGreaterThan(2);
    // Within-run progress: some redraw shows a fraction of the first run.
    expect(draws.some((d) => /\] [1-4]\d% 0\/2 runs/.test(d))).toBe(true);
    expect(a.err().endsWith('\r\x1b[2K')).toBe(true);
  }, 60_000);
  it('countProgress counts items and is silent off a terminal', () => {
    const a = tty();
    const p = countProgress(a.io, 'classes', 'services', 3);
    p.tick();
    p.tick(2);
    p.finish();
    expect(a.err()).toMatch(/classes \[#+\] 100% 3\/3 services/);
    const b = memoryIo();
    const q = countProgress(b.io, 'classes', 'services', 3);
    q.tick();
    q.finish();
    expect(b.err()).toBe('');
  });
});
