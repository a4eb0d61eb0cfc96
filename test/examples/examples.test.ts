/**
 * Every example runs and passes its own checks (each example asserts its key result and throws
 * otherwise). Run in-process through the same `main()` that `npm run example -- <name>` calls.
 * On top of the examples' own checks, the key figure each one returns is checked against an
 * independent computation (`KEY_FIGURES`, examples-support.ts), and every example must be listed in
 * the README's table. The two heaviest (`SLOW_EXAMPLES`) run in examples.slow.test.ts (slow tier).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { names, runExample, SLOW_EXAMPLES } from './examples-support.js';

describe('examples', () => {
  it('has the documented examples, each listed in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const n of ['paper-table1', 'radio-stack-hook', 'simulation-campaign', 'teleoperation', 'uav-swarm', 'v2x-cooperative-perception']) {
      expect(names).toContain(n);
    }
    for (const n of names) expect(readme, `README lists example ${n}`).toContain('`' + n + '`');
  });
  for (const name of names.filter((n) => !SLOW_EXAMPLES.includes(n))) {
    it(`${name} runs and its checks pass`, () => runExample(name), 180_000);
  }
  it('the slow-tier examples exist (examples.slow.test.ts runs them)', () => {
    for (const n of SLOW_EXAMPLES) expect(names).toContain(n);
  });
});
