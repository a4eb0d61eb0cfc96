/**
 * Links that cannot exist (classes/link `inconsistentLink`): an FDD link with a TDD pattern, an FDD
 * link on FR2-1, a TDD pattern without a DL or an UL symbol. One function refuses them, and every
 * entry point — `decodeLinkContext`, the CLI link options (`linkFromOptions`, so `--link` files and
 * flags), `plan`, `verify`, the scheduler's `buildSimulation` and `compileGrid` — answers with the
 * same one-line message.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeLinkContext, defaultLink, freeFddLink, inconsistentLink, type LinkContext } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import { verify } from '../../src/classes/verify.js';
import { buildSimulation } from '../../src/scheduler/scenario.js';
import { compileGrid } from '../../src/scheduler/grid.js';
import { linkFromOptions } from '../../src/cli/context.js';
import type { CliIo } from '../../src/cli/io.js';
import { UL_CLASS, UL_SERVICE } from './verify.cases.js';

const BAD: ReadonlyArray<{ name: string; input: Record<string, unknown>; message: string }> = [
  {
    name: 'FDD with a TDD pattern',
    input: { duplex: 'FDD', tddPattern: 'DDDSU' },
    message: 'link.tddPattern: expected absent unless duplex is "TDD" (an FDD link has no slot pattern), got "DDDSU"',
  },
  {
    name: 'FR2-1 with FDD',
    input: { fr: 'FR2-1', duplex: 'FDD' },
    message: 'link.duplex: expected "TDD" on FR2-1 (every FR2-1 band is TDD, TS 38.101-2 Table 5.2-1), got "FDD"',
  },
  {
    name: 'TDD without an UL symbol',
    input: { duplex: 'TDD', tddPattern: 'DDDDD' },
    message: 'link.tddPattern: expected a TDD pattern with at least one DL and one UL symbol, got "DDDDD"',
  },
  {
    name: 'TDD without a DL symbol',
    input: { duplex: 'TDD', tddPattern: 'UUUU' },
    message: 'link.tddPattern: expected a TDD pattern with at least one DL and one UL symbol, got "UUUU"',
  },
];

/** A CliIo that serves `files` and nothing else. */
const fakeIo = (files: Record<string, string>): CliIo =>
  ({
    readTextFile: async (p: string) => {
      const t = files[p];
      if (t === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return t;
    },
    readStdin: async () => '',
  }) as unknown as CliIo;

const leftMessage = (r: E.Either<{ message: string }, unknown>): string => (E.isLeft(r) ? r.left.message : 'accepted');

describe('inconsistent links: one decoder, one message everywhere', () => {
  for (const k of BAD) {
    describe(k.name, () => {
      const raw = { ...freeFddLink, ...k.input } as LinkContext; // a free carrier: the band checks have their own tests
      it('inconsistentLink', () => expect(inconsistentLink(raw)?.message).toBe(k.message));
      it('decodeLinkContext', () => expect(leftMessage(decodeLinkContext(k.input))).toBe(k.message));
      it('the CLI link options (a --link file)', async () => {
        const io = fakeIo({ 'l.json': JSON.stringify(k.input) });
        await expect(linkFromOptions(io, { link: 'l.json' })).rejects.toThrow(k.message);
      });
      it('plan (library), given the LinkContext object', () => {
        const r = plan(UL_SERVICE as Parameters<typeof plan>[0], raw);
        expect(E.isLeft(r) && r.left.binding).toBe('input');
        expect(leftMessage(r)).toBe(k.message);
      });
      it('verify', () => {
        const v = verify(UL_CLASS, UL_SERVICE, raw);
        expect(v.pass).toBe(false);
        expect(v.reasons).toEqual([`link: ${k.message}`]);
      });
      it('buildSimulation (scenario link)', () => {
        expect(leftMessage(buildSimulation({ policy: 'edf', services: [{ service: 'uav.telemetry_ul', ueCount: 1 }], link: k.input }))).toBe(k.message);
      });
    });
  }

  it('the CLI flags --duplex FDD --tdd DDDSU', async () => {
    await expect(linkFromOptions(fakeIo({}), { duplex: 'FDD', tdd: 'DDDSU' })).rejects.toThrow(BAD[0]!.message);
  });

  it('buildSimulation: an FDD carrier with a pattern under a consistent link', () => {
    const r = buildSimulation({ policy: 'edf', services: [{ service: 'uav.telemetry_ul', ueCount: 1 }], carrier: { duplex: 'FDD', tddPattern: 'DDDSU', controlSymbols: 2 } });
    expect(leftMessage(r)).toBe(BAD[0]!.message);
  });

  it('buildSimulation: a TDD carrier without UL under an FDD link', () => {
    const r = buildSimulation({ policy: 'edf', services: [{ service: 'uav.telemetry_ul', ueCount: 1 }], carrier: { duplex: 'TDD', tddPattern: 'DDDDD', controlSymbols: 2 } });
    expect(leftMessage(r)).toBe(BAD[2]!.message);
  });

  it('compileGrid: an FDD carrier with a pattern', () => {
    const r = compileGrid({ duplex: 'FDD', tddPattern: 'DDDSU', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 10 }] });
    expect(leftMessage(r)).toBe(BAD[0]!.message);
  });

  it('consistent links pass: FR2-1 without a duplex decodes as TDD DDDSU; TDD patterns with both directions', () => {
    const fr2 = decodeLinkContext({ band: 'none', fr: 'FR2-1', bandwidthMHz: 100 });
    expect(E.isRight(fr2) && [fr2.right.duplex, fr2.right.tddPattern]).toEqual(['TDD', 'DDDSU']);
    const n257 = decodeLinkContext({ band: 'n257' });
    expect(E.isRight(n257) && [n257.right.fr, n257.right.duplex, n257.right.tddPattern, n257.right.bandwidthMHz]).toEqual(['FR2-1', 'TDD', 'DDDSU', 400]);
    for (const p of ['DDDSU', 'DSUUU', 'S', 'DU']) expect(inconsistentLink({ fr: 'FR1', duplex: 'TDD', tddPattern: p })).toBeNull();
    expect(inconsistentLink(defaultLink)).toBeNull();
  });
});

describe('the special-slot format is a link field the planner, verify and the scheduler read', () => {
  const tdd = (specialSlot?: { dl: number; guard: number; ul: number }): LinkContext =>
    ({ ...freeFddLink, duplex: 'TDD', tddPattern: 'DDDSU', ...(specialSlot === undefined ? {} : { specialSlot }) }) as LinkContext;

  it('decodeLinkContext takes "6D:4G:4U" or { dl, guard, ul }; FDD with a special slot is refused by the one check', () => {
    const a = decodeLinkContext({ duplex: 'TDD', specialSlot: '6D:4G:4U' });
    const b = decodeLinkContext({ duplex: 'TDD', specialSlot: { dl: 6, guard: 4, ul: 4 } });
    expect(E.isRight(a) && a.right.specialSlot).toEqual({ dl: 6, guard: 4, ul: 4 });
    expect(a).toEqual(b);
    expect(leftMessage(decodeLinkContext({ band: 'n3', specialSlot: '6D:4G:4U' }))).toBe('link.specialSlot: expected absent unless duplex is "TDD" (an FDD link has no special slot), got {"dl":6,"guard":4,"ul":4}');
    expect(leftMessage(decodeLinkContext({ duplex: 'TDD', specialSlot: '6D:4G:5U' }))).toMatch(/^link\.specialSlot: expected '<n>D:<n>G:<n>U' or \{ dl, guard, ul \}/);
    // the default written out decodes to the same link as no special slot at all, apart from the field
    const d = decodeLinkContext({ duplex: 'TDD', specialSlot: '10D:2G:2U' });
    expect(E.isRight(d) && { ...d.right, specialSlot: undefined }).toEqual({ ...defaultLink, specialSlot: undefined });
  });

  it('the CLI --special flag (implies TDD)', async () => {
    const l = await linkFromOptions(fakeIo({}), { special: '6d:4g:4u' });
    expect([l.duplex, l.tddPattern, l.specialSlot]).toEqual(['TDD', 'DDDSU', { dl: 6, guard: 4, ul: 4 }]);
  });

  it('a pattern whose only UL symbols are in S is refused when S has none', () => {
    expect(inconsistentLink({ duplex: 'TDD', tddPattern: 'DDDS', specialSlot: { dl: 12, guard: 2, ul: 0 } })?.message).toBe(BAD[2]!.message.replace('"DDDDD"', '"DDDS"'));
    expect(inconsistentLink({ duplex: 'TDD', tddPattern: 'DDDS' })).toBeNull();
  });

  it('verify: more UL symbols in S, less UL load; the same class passes on both formats', () => {
    const dflt = verify(UL_CLASS, UL_SERVICE, tdd());
    const ulHeavy = verify(UL_CLASS, UL_SERVICE, tdd({ dl: 2, guard: 2, ul: 10 }));
    expect(dflt.pass && ulHeavy.pass).toBe(true);
    expect(ulHeavy.load).toBeLessThan(dflt.load);
    // 1 U + 10/14 S of 5 slots against 1 U + 2/14 S: the capacity ratio is exact
    expect(dflt.load / ulHeavy.load).toBeCloseTo((1 + 10 / 14) / (1 + 2 / 14), 12);
    // explicitly writing the default is the default
    expect(verify(UL_CLASS, UL_SERVICE, tdd({ dl: 10, guard: 2, ul: 2 }))).toEqual(dflt);
  });

  it('plan: the planner reads the link special slot and its class passes verify on that link', () => {
    const link = tdd({ dl: 2, guard: 2, ul: 10 });
    const r = plan(UL_SERVICE as Parameters<typeof plan>[0], link, { mu: [1], relaxations: false });
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    expect(verify(r.right, UL_SERVICE, link).pass).toBe(true);
  });

  it('buildSimulation: the carrier special slot is the planning link’s when the link leaves it open', () => {
    const r = buildSimulation({
      policy: 'edf',
      services: [{ service: 'uav.telemetry_ul', ueCount: 1 }],
      link: { duplex: 'TDD', tddPattern: 'DDSUU' },
      carrier: { duplex: 'TDD', specialSlot: { dl: 8, guard: 2, ul: 4 }, controlSymbols: 2 },
    });
    expect(E.isRight(r) && r.right.link.specialSlot).toEqual({ dl: 8, guard: 2, ul: 4 });
  });
});
