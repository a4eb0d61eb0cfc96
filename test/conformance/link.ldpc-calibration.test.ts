/**
 * The shipped 'nr-ldpc' presets against the public link-level points of spec/data/ldpc-calibration.json
 * (AFF3CT 5G LDPC references for 'ideal', OpenAirInterface NR AWGN tables for 'conservative').
 * Bounds: the accuracy claimed in spec/bler.md §3.5 (fit and held-out points alike).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { McsTableName } from '../../src/core/types.js';
import { bisectSnr, blerModel } from '../../src/link/bler.js';

interface Point {
  source: string;
  kind: 'cb' | 'tb';
  qm?: number;
  kBits?: number;
  nSymbols?: number;
  mcsTable?: McsTableName;
  mcs?: number;
  tbsBits?: number;
  bler: number;
  snrDb: number;
  use: string;
}
const data = JSON.parse(
  readFileSync(new URL('../../spec/data/ldpc-calibration.json', import.meta.url), 'utf8'),
) as { sources: Record<string, { receiver: string }>; points: Point[] };

function modelSnr(receiver: 'ideal' | 'conservative', p: Point): number {
  const m = blerModel('nr-ldpc', { receiver });
  if (p.kind === 'cb') return bisectSnr((s) => m.blockError(p.qm ?? 1, p.kBits ?? 0, p.nSymbols ?? 0, s), p.bler);
  return bisectSnr(
    (s) => m.transportBlockErrorRate({ mcsTable: p.mcsTable ?? 'qam64', mcs: p.mcs ?? 0, tbsBits: p.tbsBits ?? 0, snrDb: s }),
    p.bler,
  );
}

describe('nr-ldpc ideal preset vs AFF3CT sum-product / min-sum decoders (BPSK, AWGN)', () => {
  const pts = data.points.filter((p) => (data.sources[p.source]?.receiver ?? '').startsWith('ideal'));
  it.each(pts.map((p) => [p.source, p.kBits, p.bler, p.use, p] as const))('%s K=%s BLER %s (%s)', (_s, _k, _b, _u, p) => {
    expect(Math.abs(modelSnr('ideal', p) - p.snrDb)).toBeLessThan(0.25);
  });
});

describe('nr-ldpc conservative preset vs OpenAirInterface AWGN BLER tables (MCS table 1)', () => {
  it('at 10 % BLER the preset is never optimistic by more than 0.5 dB (safe side)', () => {
    for (const p of data.points.filter((q) => data.sources[q.source]?.receiver === 'conservative' && q.bler === 0.1)) {
      expect(modelSnr('conservative', p) - p.snrDb).toBeGreaterThan(-0.5);
    }
  });
  const pts = data.points.filter((p) => data.sources[p.source]?.receiver === 'conservative');
  it.each(pts.map((p) => [p.mcs, p.bler, p.use, p] as const))('MCS %s BLER %s (%s)', (_m, _b, _u, p) => {
    const err = modelSnr('conservative', p) - p.snrDb;
    // 10 % points within ±1.25 dB; 1 % points within ±3 dB (OAI curves show plateaus at MCS 24/27: the
    // model is −1.8 / −2.9 dB there at 1 %; spec/bler.md §3.3). The conservative preset is fitted on the
    // 5G-LENA tables and the OAI 10 % rows (test/conformance/link.lena-crosscheck.test.ts).
    expect(Math.abs(err)).toBeLessThan(p.bler >= 0.1 ? 1.25 : 3);
  });
});
