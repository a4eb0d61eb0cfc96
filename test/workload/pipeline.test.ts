import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { PipelineParams } from '../../src/workload/pipeline.js';
import { pipelineTraffic } from '../../src/workload/pipeline.js';

const split = { model: 'vgg16' as const, layer: 'pool5', input: { height: 224, width: 224 }, bitsPerValue: 32, compressionRatio: 1 };
const run = (p: Partial<PipelineParams>) => {
  const r = pipelineTraffic({ split, frameRateHz: 30, exitProbability: 0, terminals: 1, ...p });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe('workload/pipeline (seed Figure 1)', () => {
  it('reproduces services.md §8 worked examples (UDP/IPv4, MTU 1500)', () => {
    for (const [fps, mbps, ipMbps] of [[10, 8.03, 8.18], [30, 24.1, 24.6], [60, 48.2, 49.1]] as const) {
      const p = run({ frameRateHz: fps });
      expect(p.uplink.ipPacketsPerBurst).toBe(69);
      expect(p.uplink.offeredLoadMbps).toBeCloseTo(mbps, 1);
      // exact: (payload + 69 x 28 B headers) x 8 x fps; the note's figures are rounded (24.55 is printed 24.6)
      expect(p.uplink.offeredLoadIpMbps).toBeCloseTo(((100_352 + 69 * 28) * 8 * fps) / 1e6, 9);
      expect(Math.abs(p.uplink.offeredLoadIpMbps - ipMbps)).toBeLessThan(0.06);
    }
    const r50 = run({ split: { ...split, model: 'resnet50', layer: 'layer4.2' }, frameRateHz: 10 });
    expect(r50.uplink.ipPacketsPerBurst).toBe(273);
    expect(r50.uplink.offeredLoadMbps).toBeCloseTo(32.1, 1);
    const k8 = run({ split: { ...split, input: { height: 4320, width: 7680 }, bitsPerValue: 8, compressionRatio: 10 }, frameRateHz: 10 });
    expect(k8.uplink.ipPacketsPerBurst).toBe(1127);
    expect(k8.uplink.offeredLoadMbps).toBeCloseTo(132.7, 1);
  });
  it('IP packetisation: last packet carries the remainder plus headers', () => {
    const p = run({});
    expect(p.uplink.lastIpPacketBytes).toBe(100_352 - 68 * 1472 + 28);
    const v6 = run({ ipOverheadBytes: 48 });
    expect(v6.uplink.ipPacketsPerBurst).toBe(Math.ceil(100_352 / 1452));
  });
  it('early exit thins the uplink and the served downlink; N terminals scale the load', () => {
    const base = run({ terminals: 1 });
    const p = run({ terminals: 8, exitProbability: 0.75 });
    expect(p.uplink.offeredLoadMbps).toBeCloseTo(base.uplink.offeredLoadMbps * 8 * 0.25, 9);
    expect(p.uplink.burstRateHz).toBeCloseTo(7.5, 12);
    expect(p.uplink.perTerminal.reduce((a, s) => a + s.probability, 0)).toBeCloseTo(1, 12);
    expect(p.uplink.aggregateMaxBytes).toBe(8 * 100_352);
    expect(p.uplink.aggregateMeanBytes).toBeCloseTo(2 * 100_352, 6);
    // Binomial(8, 0.25): P(K <= 5) = 0.99577 >= 0.99 > P(K <= 4) = 0.97272
    expect(p.uplink.aggregateP99Bytes).toBe(5 * 100_352);
    expect(p.downlink.burstBytes).toBe(64);
    expect(p.downlink.offeredLoadMbps).toBeCloseTo((8 * 0.25 * 64 * 8 * 30) / 1e6, 12);
    const all = run({ terminals: 8, exitProbability: 0.75, resultTo: 'all' });
    expect(all.downlink.offeredLoadMbps).toBeCloseTo((8 * 64 * 8 * 30) / 1e6, 12);
    expect(all.downlink.aggregateP99Bytes).toBe(8 * 64);
  });
  it('exit reports are sent on a local decision when configured', () => {
    const p = run({ exitProbability: 0.5, exitReportBytes: 16 });
    expect(p.uplink.perTerminal).toEqual([{ bytes: 100_352, probability: 0.5 }, { bytes: 16, probability: 0.5 }]);
    expect(p.uplink.burstRateHz).toBe(30);
  });
  it('names the bad field', () => {
    const msg = (p: Partial<PipelineParams>) => { const r = pipelineTraffic({ split, frameRateHz: 30, exitProbability: 0, terminals: 1, ...p }); return E.isLeft(r) ? r.left.message : 'right'; };
    expect(msg({ frameRateHz: 0 })).toMatch(/^frameRateHz:/);
    expect(msg({ exitProbability: 1.5 })).toMatch(/^exitProbability:/);
    expect(msg({ terminals: 2.5 })).toMatch(/^terminals:/);
    expect(msg({ mtuBytes: 20 })).toMatch(/^mtuBytes:/);
    expect(msg({ resultBytes: 0 })).toMatch(/^resultBytes:/);
    expect(msg({ split: { ...split, layer: 'nope' } })).toMatch(/^layer:/);
  });
});
