/**
 * The two heaviest examples (`SLOW_EXAMPLES` in examples-support.ts: figure1-pipeline and
 * infeasible-8k), slow tier (`npm run test:slow`, run by CI): each runs and passes its own checks,
 * and its key figure is checked against an independent computation. examples.test.ts runs the others.
 */
import { describe, it } from 'vitest';
import { runExample, SLOW_EXAMPLES } from './examples-support.js';

describe('examples (slow tier)', () => {
  for (const name of SLOW_EXAMPLES) it(`${name} runs and its checks pass`, () => runExample(name), 180_000);
});
