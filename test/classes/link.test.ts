import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeLinkContext, defaultLink, LinkContextCodec } from '../../src/classes/index.js';

describe('LinkContext codec', () => {
  it('decodes {} / undefined to the default link', () => {
    expect(decodeLinkContext({})).toEqual(E.right(defaultLink));
    expect(decodeLinkContext(undefined)).toEqual(E.right(defaultLink));
    expect(E.isRight(LinkContextCodec.decode({ snrDb: 3 }))).toBe(true);
  });
  it('fills defaults around given fields and a TDD pattern for TDD', () => {
    const r = decodeLinkContext({ snrDb: 7, duplex: 'TDD', dmrs: { additionalPositionsTypeA: 2 } });
    expect(E.isRight(r)).toBe(true);
    if (E.isRight(r)) {
      expect(r.right.snrDb).toBe(7);
      expect(r.right.tddPattern).toBe('DDDSU');
      expect(r.right.dmrs.additionalPositionsTypeA).toBe(2);
      expect(r.right.dmrs.type).toBe(1);
      expect(r.right.bandwidthMHz).toBe(defaultLink.bandwidthMHz);
    }
  });
  it('names the field on bad input and never throws', () => {
    const bad: [unknown, string][] = [
      [{ snrDb: 'x' }, 'snrDb'],
      [{ snrDb: 99 }, 'snrDb'],
      [{ fading: { kind: 'rayleigh', diversity: 0 } }, 'diversity'],
      [{ allowedMu: [3] }, 'allowedMu'],
      [{ tddPattern: 'DXU' }, 'tddPattern'],
      [{ nLayers: 9 }, 'nLayers'],
      [{ fr: 'FR3' }, 'fr'],
    ];
    for (const [u, field] of bad) {
      const r = decodeLinkContext(u);
      expect(E.isLeft(r)).toBe(true);
      if (E.isLeft(r)) expect(r.left.message).toContain(field);
    }
    for (const u of [null, 1, 'x', [], { fading: null }]) expect(() => decodeLinkContext(u)).not.toThrow();
  });
});
