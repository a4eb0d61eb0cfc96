/**
 * Every example runs and passes its own checks (each example asserts its key result and throws
 * otherwise). Run in-process through the same `main()` that `npm run example -- <name>` calls.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExampleMain } from '../../examples/check.js';

const dir = new URL('../../examples/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'check.ts')
  .map((f) => f.slice(0, -3))
  .sort();

describe('examples', () => {
  it('has the eight documented examples', () => {
    expect(names).toEqual(['figure1-pipeline', 'infeasible-8k', 'paper-table1', 'radio-stack-hook', 'simulation-campaign', 'teleoperation', 'uav-swarm', 'v2x-cooperative-perception']);
  });
  for (const name of names) {
    it(`${name} runs and its checks pass`, async () => {
      const mod = (await import(`../../examples/${name}.ts`)) as { main: ExampleMain };
      const lines: string[] = [];
      const result = await mod.main((l) => lines.push(l));
      expect(lines.join('\n').length).toBeGreaterThan(0);
      expect(Object.keys(result).length).toBeGreaterThan(0);
    }, 180_000);
  }
});
