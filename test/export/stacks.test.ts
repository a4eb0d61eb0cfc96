/**
 * Stack export (issue 16 §1): for each target, every emitted block parses back into the fields of
 * its class (the class id rebuilt from the stack keys equals the class id, the proved epsilon in the
 * comment equals the verdict's), and a class the target cannot express is listed with its reasons
 * and the nearest expressible class with that class's verify result — never emitted. Three of the
 * seven (target, link) cases run here (one TDD link per target), the other four in stacks.slow.test.ts
 * (slow tier).
 */
import { describe, expect, it } from 'vitest';
import type { PhyClass } from '../../src/index.js';
import { STACK_TARGETS, stackLimits } from '../../src/export/stacks.js';
import { CASES, catalogueOn, checkStackCase, linkOf } from './stacks-support.js';

describe('phyclass export --target srsran|oai|lena', () => {
  // the other cases (srsran on 40 MHz FDD, oai and lena on the free FDD carrier, oai on DDDSU) in stacks.slow.test.ts (slow tier)
  for (const { target, link: l } of CASES.filter((c) => c.slow !== true)) {
    it(`${target} ${JSON.stringify(l)}: emitted blocks reproduce their classes; the rest are listed, never emitted`, () => checkStackCase(target, l), 120_000);
  }

  it('states what each target cannot express', () => {
    const link = linkOf({});
    const mini: PhyClass = { ...(catalogueOn(link).classes.find((c) => c.mappingType === 'B') as PhyClass) };
    for (const t of STACK_TARGETS) expect(stackLimits(t, mini, link).join(' ')).toMatch(/mini-slot/);
    const lowSe: PhyClass = { ...mini, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64LowSE' };
    for (const t of STACK_TARGETS) expect(stackLimits(t, lowSe, link).join(' ')).toMatch(/MCS table qam64LowSE/);
    expect(stackLimits('lena', { ...lowSe, mcsTable: 'qam64', maxTransmissions: 2, grant: 'sr' }, link).join(' ')).toMatch(/HARQ transmissions 2/);
    expect(stackLimits('srsran', { ...lowSe, mcsTable: 'qam64', mu: 2, grant: 'sr' }, link).join(' ')).toMatch(/numerology mu 2/);
  });
});
