import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { pipe } from 'fp-ts/lib/function.js';
import { radioBudgetMs, serviceById, serviceFromSplit, services } from '../../src/services/catalogue.js';
import { fiveQiById } from '../../src/services/fiveqi.js';
import { ServiceProfileCodec, decodeServiceProfile, decodeServices } from '../../src/codecs/service.js';
import { splitPayloadBytes } from '../../src/workload/split.js';

describe('services/catalogue', () => {
  it('holds at least 10 profiles with unique ids covering V2X, teleoperation, UAV, XR and industrial', () => {
    expect(services.length).toBeGreaterThanOrEqual(10);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    for (const prefix of ['v2x.', 'teleop.', 'uav.', 'xr.', 'industrial.']) expect(services.some((s) => s.id.startsWith(prefix)), prefix).toBe(true);
    for (const id of ['v2x.cooperative_perception_features', 'v2x.collision_avoidance', 'v2x.platooning_control', 'v2x.remote_driving_commands',
      'teleop.uplink_features', 'teleop.haptic_feedback', 'uav.c2_stick', 'uav.video_features_ul', 'xr.split_rendering_dl', 'xr.pose_ul', 'industrial.motion_control']) {
      expect(O.isSome(serviceById(id)), id).toBe(true);
    }
    expect(O.isNone(serviceById('nope'))).toBe(true);
  });

  it('every entry is well formed and cites a 3GPP clause or the seed paper', () => {
    for (const s of services) {
      const p = s.payload;
      expect(p.sizesBytes[0], s.id).toBe(p.minBytes);
      expect(p.sizesBytes[p.sizesBytes.length - 1], s.id).toBe(p.maxBytes);
      for (let i = 1; i < p.sizesBytes.length; i++) expect(p.sizesBytes[i]!).toBeGreaterThan(p.sizesBytes[i - 1]!);
      expect(p.minBytes).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(p.maxBytes)).toBe(true);
      expect(s.periodMs).toBeGreaterThan(0);
      expect(s.latencyBudgetMs).toBeGreaterThan(0);
      expect(s.epsilon > 0 && s.epsilon < 0.5).toBe(true);
      expect(s.source, s.id).toMatch(/TS 2\d\.\d{3}|TR \d\d\.\d{3}|[Ss]eed paper/);
      if (s.fiveQi !== null) expect(O.isSome(fiveQiById(s.fiveQi)), s.id).toBe(true);
    }
  });

  it('radio budgets follow (min(E2E, PDB) - CN share) / legs', () => {
    for (const s of services) {
      expect(s.latency, s.id).toBeDefined();
      if (s.latency === undefined) continue;
      const q = s.fiveQi === null ? undefined : fiveQiById(s.fiveQi);
      const pdb = q !== undefined && O.isSome(q) ? q.value.pdbMs : Infinity;
      expect(s.latencyBudgetMs, s.id).toBeCloseTo((Math.min(s.latency.e2eLatencyMs, pdb) - s.latency.coreNetworkMs) / s.latency.radioLegs, 9);
      expect(s.latencyBudgetMs).toBeLessThanOrEqual(s.latency.e2eLatencyMs);
      // a standardized 5QI's own CN share is what gets subtracted
      if (q !== undefined && O.isSome(q) && s.latency.coreNetworkMs > 0) expect(s.latency.coreNetworkMs, s.id).toBe(q.value.cnPdbMs);
    }
    expect(radioBudgetMs({ e2eLatencyMs: 10, coreNetworkMs: 1, radioLegs: 2 }, null)).toBe(4.5);
    expect(radioBudgetMs({ e2eLatencyMs: 10, coreNetworkMs: 1, radioLegs: 1 }, 86)).toBe(4);
  });

  it('feature payloads come from the workload model', () => {
    const withFeatures = services.filter((s) => s.feature !== undefined);
    expect(withFeatures.length).toBeGreaterThanOrEqual(4);
    for (const s of withFeatures) {
      const f = s.feature!;
      const sizes = f.entropyGains.map((g) => splitPayloadBytes({ model: f.model, layer: f.layer, input: f.input, bitsPerValue: f.bitsPerValue, compressionRatio: f.compressionRatio, ...(f.batch !== undefined ? { batch: f.batch } : {}), entropyGain: g }));
      expect(Math.max(...sizes), s.id).toBe(s.payload.maxBytes);
      expect(Math.min(...sizes), s.id).toBe(s.payload.minBytes);
    }
    expect(pipe(serviceById('v2x.cooperative_perception_features'), O.map((s) => s.payload.maxBytes))).toEqual(O.some(25_088));
    expect(pipe(serviceById('teleop.uplink_features'), O.map((s) => s.payload.maxBytes))).toEqual(O.some(100_352));
    expect(pipe(serviceById('v2x.8k_perception_features'), O.map((s) => s.payload.maxBytes))).toEqual(O.some(6_635_520));
  });

  it('spans easy and hard cases', () => {
    expect(services.some((s) => s.periodMs <= 1 && s.latencyBudgetMs <= 1 && s.payload.maxBytes <= 64)).toBe(true);
    expect(services.some((s) => s.payload.maxBytes >= 90_000 && s.payload.maxBytes <= 120_000 && s.latencyBudgetMs >= 9 && s.latencyBudgetMs <= 20)).toBe(true);
    expect(services.some((s) => s.payload.maxBytes >= 1_000_000)).toBe(true);
    expect(services.some((s) => s.latencyBudgetMs >= 20 && s.payload.maxBytes <= 2000)).toBe(true);
  });

  it('delay-critical GBR 5QIs are only used where the burst fits the MDBV (or the tail is documented)', () => {
    for (const s of services) {
      if (s.fiveQi === null) continue;
      const q = fiveQiById(s.fiveQi);
      if (O.isNone(q) || q.value.mdbvBytes === null) continue;
      if (s.payload.maxBytes > q.value.mdbvBytes) expect(s.description, s.id).toMatch(/MDBV/);
      else expect(s.payload.maxBytes).toBeLessThanOrEqual(q.value.mdbvBytes);
    }
  });

  it('every catalogue entry decodes through its own codec and round-trips', () => {
    for (const s of services) {
      const enc = ServiceProfileCodec.encode(s);
      const back = decodeServiceProfile(JSON.parse(JSON.stringify(enc)));
      expect(E.isRight(back), s.id).toBe(true);
      if (E.isRight(back)) expect(back.right).toEqual(s);
    }
    const all = decodeServices(JSON.parse(JSON.stringify(services)));
    expect(E.isRight(all) && all.right.length).toBe(services.length);
  });

  it('serviceFromSplit builds a profile from a split and a requirement, or names the bad field', () => {
    const p = {
      id: 'my.split', name: 'ResNet-50 layer4 at 10 fps', feature: { model: 'resnet50' as const, layer: 'layer4.2', input: { height: 224, width: 224 }, bitsPerValue: 8, compressionRatio: 4, entropyGains: [1, 2] },
      frameRateHz: 10, latency: { e2eLatencyMs: 21, coreNetworkMs: 1, radioLegs: 1 as const }, epsilon: 1e-4,
    };
    const r = serviceFromSplit(p);
    expect(E.isRight(r)).toBe(true);
    if (E.isRight(r)) {
      expect(r.right.payload).toEqual({ minBytes: 12_544, maxBytes: 25_088, sizesBytes: [12_544, 25_088] });
      expect(r.right.periodMs).toBe(100);
      expect(r.right.latencyBudgetMs).toBe(20);
      expect(E.isRight(decodeServiceProfile(ServiceProfileCodec.encode(r.right)))).toBe(true);
    }
    const msg = (q: Parameters<typeof serviceFromSplit>[0]) => { const x = serviceFromSplit(q); return E.isLeft(x) ? x.left.message : 'right'; };
    expect(msg({ ...p, feature: { ...p.feature, layer: 'layer9' } })).toMatch(/^feature\.layer: expected a layer of resnet50/);
    expect(msg({ ...p, fiveQi: 81 })).toMatch(/^fiveQi:/);
    expect(msg({ ...p, epsilon: 0.9 })).toMatch(/^epsilon:/);
    expect(msg({ ...p, latency: { e2eLatencyMs: 1, coreNetworkMs: 1, radioLegs: 1 } })).toMatch(/^latency:/);
    expect(msg({ ...p, frameRateHz: 0 })).toMatch(/^frameRateHz:/);
  });
});
