/** report/sensitivity and report/assumptions (issue 14 item 7): headroom views found with verify, and the stated assumptions. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import { decodeLinkContext, defaultLink, freeFddLink } from '../../src/classes/link.js';
import { verify, verifyWith } from '../../src/classes/verify.js';
import { classSensitivity, HARQ_HEADROOM_CAP_SLOTS } from '../../src/report/sensitivity.js';
import { formatAssumptions, formatSpeeds, linkAssumptions } from '../../src/report/assumptions.js';
import * as root from '../../src/index.js';
import * as E from 'fp-ts/lib/Either.js';
import { UL_CLASS, UL_SERVICE } from '../classes/verify.cases.js';

describe('classSensitivity', () => {
  const s = classSensitivity(UL_CLASS, UL_SERVICE, freeFddLink);
  it('the SNR headroom is verify’s margin: the class passes just above it and fails just below', () => {
    expect(s.pass).toBe(true);
    expect(s.snrHeadroomDb).toBe(verify(UL_CLASS, UL_SERVICE, freeFddLink).snrMarginDb);
    const at = (snrDb: number): boolean => verifyWith(UL_CLASS, UL_SERVICE, { ...freeFddLink, snrDb }, { snrMargin: false }).pass;
    expect(at(freeFddLink.snrDb - s.snrHeadroomDb + 0.05)).toBe(true);
    expect(at(freeFddLink.snrDb - s.snrHeadroomDb - 0.05)).toBe(false);
  });
  it('the HARQ round-trip headroom k is the edge: (T-1)·k extra slots pass, (T-1)·(k+1) fail', () => {
    expect(UL_CLASS.maxTransmissions).toBeGreaterThan(1);
    const k = s.harqRoundTripHeadroomSlots as number;
    expect(k).not.toBeNull();
    const slotMs = 1 / 2 ** UL_CLASS.mu;
    const passes = (x: number): boolean => verifyWith(UL_CLASS, { ...UL_SERVICE, latencyBudgetMs: UL_SERVICE.latencyBudgetMs - (UL_CLASS.maxTransmissions - 1) * x * slotMs }, freeFddLink, { snrMargin: false }).pass;
    expect(passes(k)).toBe(true);
    if (!s.harqRoundTripAtLeast) expect(passes(k + 1)).toBe(false);
    else expect(k).toBe(HARQ_HEADROOM_CAP_SLOTS);
  });
  it('one transmission: no round trip (n/a); no control-error model on the link: n/a, said in the notes', () => {
    const one = classSensitivity({ ...UL_CLASS, maxTransmissions: 1 }, { ...UL_SERVICE, epsilon: 0.5 }, freeFddLink);
    expect(one.harqRoundTripHeadroomSlots).toBeNull();
    // the default link models control errors (link/control.ts): a headroom; a link without the model: n/a
    expect(s.controlErrorHeadroom).not.toBeNull();
    expect(s.notes.some((n) => n.startsWith('control errors: passes'))).toBe(true);
    const { controlErrors: _ce, ...noCe } = freeFddLink;
    const n = classSensitivity(UL_CLASS, UL_SERVICE, noCe as typeof freeFddLink);
    expect(n.controlErrorHeadroom).toBeNull();
    expect(n.notes.some((x) => x.startsWith('control errors: n/a'))).toBe(true);
  });
  it('a headroom at the top of the search reads "up to 0.5, the largest searched" (not "≤ ≥ 0.5")', () => {
    const top = classSensitivity(UL_CLASS, { ...UL_SERVICE, epsilon: 0.5 }, freeFddLink);
    expect([top.controlErrorHeadroom, top.controlErrorAtLeast]).toEqual([0.5, true]);
    const note = top.notes.find((n) => n.startsWith('control errors:'))!;
    expect(note).toBe('control errors: passes with every per-event control error rate up to 0.5, the largest searched');
    expect(s.notes.find((n) => n.startsWith('control errors:'))).toMatch(/^control errors: passes with every per-event control error rate ≤ [0-9.e-]+$/);
  });
  it('a class that fails verify has no headroom and says why', () => {
    const f = classSensitivity(UL_CLASS, { ...UL_SERVICE, epsilon: 1e-12 }, freeFddLink);
    expect([f.pass, f.snrHeadroomDb, f.harqRoundTripHeadroomSlots]).toEqual([false, 0, null]);
    expect(f.notes[0]).toMatch(/fails verify/);
  });
  test.prop([fc.double({ min: 0, max: 3, noNaN: true })], { numRuns: 6, seed: 2040 })('a lower mean SNR never gives more SNR headroom (law)', (dropDb) => {
    const lower = classSensitivity(UL_CLASS, UL_SERVICE, { ...freeFddLink, snrDb: freeFddLink.snrDb - dropDb });
    expect(lower.snrHeadroomDb).toBeLessThanOrEqual(s.snrHeadroomDb + 0.011);
  });
  it('root API: validated (a bad class is a PhyError, never a throw)', () => {
    expect(root.isPhyError(root.classSensitivity({} as never, UL_SERVICE as never))).toBe(true);
    expect(root.isPhyError(root.classSensitivity(UL_CLASS, UL_SERVICE as never, { bandwidthMHz: 17 } as never))).toBe(true);
  });
});

describe('linkAssumptions', () => {
  it('states band, pattern with the special slot, SCS, SNR, fading law, control errors, DMRS, HARQ, UE capability, timing', () => {
    const a = linkAssumptions(defaultLink);
    expect([a.band, a.duplex, a.tddPattern, a.specialSlot, a.scsKHz, a.bandwidthMHz, a.carrierFrequencyGHz, a.harqFading]).toEqual(['n78', 'TDD', 'DDDSU', '10D:2G:2U', [30], 100, 3.55, 'correlated']);
    expect(a.snr.kind).toBe('fixed');
    expect(a.controlErrors).toEqual(defaultLink.controlErrors);
    const text = formatAssumptions(a).join('\n');
    for (const w of ['n78', 'DDDSU', 'S = 10D:2G:2U', '30 kHz', 'mean SNR 15 dB', 'Jakes J0', 'pdcchMissProb', 'DMRS type 1', 'control region 2 symbols', 'Chase', 'UE capability 1', 'timing:']) expect(text).toContain(w);
  });
  it('prints what other modules add to the link when present (link budget, control errors, timing, anything else)', () => {
    const extra = { ...defaultLink, linkBudget: { uePowerDbm: 23 }, controlErrors: { pdcchMissProb: 1e-3, harqAckErrorProb: 1e-3, srMissProb: 1e-3 }, timing: { k1Slots: 2 }, harqFading: 'correlated', futureField: 7 } as unknown as typeof defaultLink;
    const a = linkAssumptions(extra);
    expect(a.snr.kind).toBe('linkBudget');
    expect(a.controlErrors).toEqual({ pdcchMissProb: 1e-3, harqAckErrorProb: 1e-3, srMissProb: 1e-3 });
    expect(a.other).toEqual({ futureField: 7 });
    const text = formatAssumptions(a).join('\n');
    for (const w of ['uePowerDbm 23', 'pdcchMissProb 0.001', 'k1Slots 2', 'Jakes J0', 'futureField 7']) expect(text).toContain(w);
  });
  it('the flat SNR says how wide a UL allocation a median-position UE can fill at it (the P_max knee), and only without a budget', () => {
    // 23 dBm − 10·log10(12) − 110 dB − (−174 + 10·log10(30 kHz) + 5 dB) = 26.4 dB over 1 PRB → 15 dB up to 13 PRB
    expect(linkAssumptions(defaultLink).snr.text).toMatch(/at most 13 PRB at 30 kHz/);
    expect(linkAssumptions({ ...defaultLink, snrDb: 20 }).snr.text).toMatch(/at most 4 PRB at 30 kHz/);
    expect(linkAssumptions({ ...defaultLink, linkBudget: { position: 'median' } }).snr.text).not.toMatch(/at most/);
  });
  it('a free carrier says so; the root API validates the link', () => {
    expect(linkAssumptions(freeFddLink).bandText).toMatch(/^none \(a free FR1 FDD carrier/);
    const r = decodeLinkContext({ band: 'n3' });
    expect(E.isRight(r) && linkAssumptions(r.right).bandText).toMatch(/^n3 \(FDD, FR1, UL 1710–1785 \/ DL 1805–1880 MHz/);
    expect(root.isPhyError(root.linkAssumptions({ duplex: 'FDD' } as never))).toBe(true);
  });
});

describe('formatSpeeds (spec/assumptions.md §6)', () => {
  it('with HARQ fading correlated in time: one line naming each served service and the speed its verdict assumes', () => {
    const a = linkAssumptions(defaultLink);
    expect(a.harqFading).toBe('correlated');
    const lines = formatSpeeds(a, [{ id: 'x.fast', mobility: { speedKmh: 140 } }, { id: 'x.default' }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}speeds: x\.fast 140 km\/h, x\.default 3 km\/h; each verdict assumes its UEs move at least that fast/);
  });
  it('no line when nothing is served or the fading across HARQ is not time-correlated', () => {
    expect(formatSpeeds(linkAssumptions(defaultLink), [])).toEqual([]);
    expect(formatSpeeds(linkAssumptions({ ...defaultLink, harqFading: 'independent' }), [{ id: 'x' }])).toEqual([]);
  });
});
