/**
 * Stack export, slow tier (`npm run test:slow`, run by CI): the (target, link) cases of
 * test/export/stacks-support.ts marked slow — srsran on a 40 MHz FDD carrier, oai and lena on the
 * free FDD carrier, oai on DDDSU;
 * stacks.test.ts runs the others.
 */
import { describe, it } from 'vitest';
import { CASES, checkStackCase } from './stacks-support.js';

describe('phyclass export --target srsran|oai|lena (slow-tier cases)', () => {
  for (const { target, link: l } of CASES.filter((c) => c.slow === true)) {
    it(`${target} ${JSON.stringify(l)}: emitted blocks reproduce their classes; the rest are listed, never emitted`, () => checkStackCase(target, l), 240_000);
  }
});
