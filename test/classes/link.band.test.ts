/**
 * Bands, not free numbers (issue 14 item 1): the default link is a real n78 TDD carrier; a band fixes
 * duplex and FR and the channel bandwidths per SCS (TS 38.101-1/-2 Tables 5.2-1, 5.3.5-1); links that
 * cannot exist are refused with one line by the decoder, inconsistentLink, plan and verify.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { allowedMuFor, decodeLinkContext, defaultLink, freeFddLink, inconsistentLink, linkChannelBandwidthsMHz } from '../../src/classes/link.js';
import { nrBands } from '../../src/nr/bands.js';
import { maxPrb } from '../../src/nr/carrier.js';
import { plan } from '../../src/classes/planner.js';
import { verify } from '../../src/classes/verify.js';
import { UL_CLASS, UL_SERVICE } from './verify.cases.js';

const msg = (u: unknown): string => {
  const r = decodeLinkContext(u);
  return E.isLeft(r) ? r.left.message : 'accepted';
};

describe('the default link is a real band', () => {
  it('n78, TDD DDDSU (S 10D:2G:2U), 100 MHz, 30 kHz only, 3.55 GHz', () => {
    expect(decodeLinkContext({})).toEqual(E.right(defaultLink));
    expect([defaultLink.band, defaultLink.duplex, defaultLink.tddPattern, defaultLink.fr, defaultLink.bandwidthMHz, defaultLink.carrierFrequencyGHz]).toEqual(['n78', 'TDD', 'DDDSU', 'FR1', 100, 3.55]);
    expect(allowedMuFor(defaultLink)).toEqual([1]);
    expect(inconsistentLink(defaultLink)).toBeNull();
    expect(maxPrb(defaultLink.bandwidthMHz, 30)).toEqual(E.right(273));
  });
  it('60 kHz on n78 is an explicit opt-in (allowedMu [1, 2]); 15 kHz has no 100 MHz channel', () => {
    const r = decodeLinkContext({ allowedMu: [1, 2] });
    expect(E.isRight(r) && allowedMuFor(r.right)).toEqual([1, 2]);
    expect(msg({ allowedMu: [0] })).toMatch(/^link\.bandwidthMHz: expected a channel bandwidth band n78 allows at 15 kHz/);
    expect(msg({ allowedMu: [3] })).toMatch(/^link\.allowedMu: expected numerologies whose SCS band n78 has channels/);
  });
  it('FDD presets: a paired band gives its duplex and its widest channel at 30 kHz (Rel-15.7 table)', () => {
    const got = (band: string): unknown => {
      const r = decodeLinkContext({ band });
      return E.isRight(r) ? [r.right.band, r.right.duplex, r.right.bandwidthMHz, r.right.tddPattern, allowedMuFor(r.right)] : r.left.message;
    };
    expect(got('n1')).toEqual(['n1', 'FDD', 20, undefined, [0, 1]]);
    expect(got('n3')).toEqual(['n3', 'FDD', 30, undefined, [0, 1]]);
    expect(got('n28')).toEqual(['n28', 'FDD', 20, undefined, [0, 1]]);
    expect(got('n66')).toEqual(['n66', 'FDD', 40, undefined, [0, 1]]);
    expect(got('N41')).toEqual(['n41', 'TDD', 100, 'DDDSU', [1]]);
    expect(got('n257')).toEqual(['n257', 'TDD', 400, 'DDDSU', [3]]);
  });
});

describe('impossible combinations: one line', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['FR2 with FDD', { fr: 'FR2-1', duplex: 'FDD' }, /^link\.duplex: expected "TDD" on FR2-1/],
    ['a bandwidth the band does not allow', { band: 'n3', bandwidthMHz: 100 }, /^link\.bandwidthMHz: expected a channel bandwidth band n3 allows .*got 100$/],
    ['a bandwidth the band does not allow at the SCS', { band: 'n78', bandwidthMHz: 100, allowedMu: [0] }, /^link\.bandwidthMHz: .*band n78 allows at 15 kHz/],
    ['FDD with a TDD pattern', { band: 'n3', tddPattern: 'DDDSU' }, /^link\.tddPattern: expected absent unless duplex is "TDD"/],
    ['TDD on an FDD band', { band: 'n3', duplex: 'TDD' }, /^link\.duplex: expected "FDD" on band n3 \(paired/],
    ['FDD on a TDD band (the default n78)', { duplex: 'FDD' }, /^link\.duplex: expected "TDD" on band n78 \(unpaired.*for FDD name a paired band/],
    ['FR2-1 on an FR1 band', { fr: 'FR2-1' }, /^link\.fr: expected "FR1" on band n78/],
    ['"20 Hz"', { bandwidthMHz: '20 Hz' }, /^link\.bandwidthMHz: expected a channel bandwidth band n78 allows/],
    ['"17 MHz" on a free carrier', { band: 'none', bandwidthMHz: '17 MHz' }, /^link\.bandwidthMHz: expected an NR channel bandwidth of FR1 \(TS 38\.101-1 Table 5\.3\.2-1/],
    ['"20 Hz" on a free carrier', { band: 'none', bandwidthMHz: '20 Hz' }, /^link\.bandwidthMHz: expected an NR channel bandwidth of FR1/],
    ['an unknown band', { band: 'n99' }, /^link\.band: expected an NR band of TS 38\.101-1\/-2 Table 5\.2-1: n1, .*'none' for a free carrier, got "n99"$/],
    ['a carrier frequency outside the band', { carrierFrequencyGHz: 2.1 }, /^link\.carrierFrequencyGHz: expected a frequency inside band n78 \(3\.3–3\.8 GHz\)/],
    ['a carrier frequency outside FR1', { band: 'none', carrierFrequencyGHz: 28 }, /^link\.carrierFrequencyGHz: expected a frequency of FR1/],
  ];
  for (const [name, input, re] of cases) {
    it(name, () => {
      const m = msg(input);
      expect(m).toMatch(re);
      expect(m).not.toContain('\n');
    });
  }
  it('plan and verify refuse a library object that contradicts its band with the same line', () => {
    const raw = { ...defaultLink, duplex: 'FDD' as const, tddPattern: undefined } as unknown as typeof defaultLink;
    delete (raw as { tddPattern?: string }).tddPattern;
    const line = inconsistentLink(raw)?.message ?? '';
    expect(line).toMatch(/^link\.duplex: expected "TDD" on band n78/);
    const p = plan(UL_SERVICE as Parameters<typeof plan>[0], raw);
    expect(E.isLeft(p) && p.left.message).toBe(line);
    expect(verify(UL_CLASS, UL_SERVICE, raw).reasons).toEqual([`link: ${line}`]);
  });
  it('the free FDD carrier of earlier versions stays reachable as band none', () => {
    expect(decodeLinkContext({ band: 'none', duplex: 'FDD' })).toEqual(E.right(freeFddLink));
    expect(inconsistentLink(freeFddLink)).toBeNull();
  });
});

describe('laws over the band table', () => {
  const bands = nrBands();
  test.prop([fc.constantFrom(...bands), fc.integer({ min: 1, max: 450 })])('a band accepts exactly the widths its table lists at some SCS of its range', (b, bw) => {
    const listed = Object.values(b.channelBandwidthsMHz).some((ws) => ws.includes(bw));
    const r = decodeLinkContext({ band: b.id, bandwidthMHz: bw });
    expect(E.isRight(r)).toBe(listed);
    if (E.isRight(r)) {
      expect([r.right.duplex, r.right.fr]).toEqual([b.duplex, b.fr]);
      // every numerology the planner may use has a channel of this width (TS 38.101 N_RB)
      for (const mu of allowedMuFor(r.right)) expect(E.isRight(maxPrb(bw, 15 * 2 ** mu, b.fr))).toBe(true);
      expect(linkChannelBandwidthsMHz(r.right)).toContain(bw);
    } else expect(r.left.message).not.toContain('\n');
  });
  test.prop([fc.constantFrom(...bands)])('a band named alone decodes to a consistent link at its centre frequency', (b) => {
    const r = decodeLinkContext({ band: b.id });
    expect(E.isRight(r)).toBe(true);
    if (E.isRight(r)) {
      expect(inconsistentLink(r.right)).toBeNull();
      expect(r.right.carrierFrequencyGHz).toBeCloseTo((b.dlLowMHz + b.dlHighMHz) / 2000, 9);
      expect(allowedMuFor(r.right).length).toBeGreaterThan(0);
    }
  });
});
