/** Codecs of the co-design input: compute profiles (preset id or object) and the pipeline file. */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCodesignInput, decodeComputeProfile } from '../../src/codecs/codesign.js';
import { COMPUTE_PRESETS } from '../../src/workload/macs.js';

describe('ComputeProfileCodec', () => {
  it('a preset id decodes to the preset; an object to a user profile with defaults', () => {
    expect(decodeComputeProfile('jetson-agx-orin')).toEqual(E.right(COMPUTE_PRESETS['jetson-agx-orin']));
    const r = decodeComputeProfile({ macsPerSecond: 5e12, overheadMs: '2 ms', layerTimesMs: { conv1: 0.4 } });
    expect(r).toEqual(E.right({ id: 'user', name: 'user', macsPerSecond: 5e12, overheadMs: 2, layerTimesMs: { conv1: 0.4 }, source: 'user' }));
  });
  it('bad profiles name the field', () => {
    const a = decodeComputeProfile('tpu');
    expect(E.isLeft(a) && a.left.message).toMatch(/^profile: expected a preset id \("phone-npu-a16"/);
    const b = decodeComputeProfile({ macsPerSecond: -1, overheadMs: 0 });
    expect(E.isLeft(b) && b.left.message).toMatch(/^profile\.macsPerSecond: expected > 0|^profile\.macsPerSecond: expected a finite number > 0/);
    const c = decodeComputeProfile({ macsPerSecond: 1e12, overheadMs: 0, layerTimesMs: { conv1: -2 } });
    expect(E.isLeft(c) && c.left.message).toMatch(/^profile\.layerTimesMs\.conv1: expected a finite number >= 0/);
  });
});

describe('CodesignInputCodec', () => {
  it('decodes the example pipeline file (units, percent reliability, presets, grid)', () => {
    const u: unknown = JSON.parse(readFileSync(new URL('../../examples/pipelines/figure1.json', import.meta.url), 'utf8'));
    const r = decodeCodesignInput(u);
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    expect(r.right.pipeline.e2eLatencyMs).toBe(20);
    expect(r.right.pipeline.epsilon).toBeCloseTo(1e-4, 15);
    expect(r.right.pipeline.device).toBe(COMPUTE_PRESETS['jetson-orin-nano']);
    expect(r.right.options.grid?.splits).toEqual(['layer2.1', 'layer3.1', 'layer4.1', 'avgpool']);
  });
  it('every problem with its path', () => {
    const r = decodeCodesignInput({ model: 'vgg16', input: { height: 224, width: 224 }, frameRateHz: 10, e2eLatencyMs: '-5 ms', epsilon: 1e-4, device: 'x', edge: 'edge-gpu-l4', grid: { bitsPerValue: [3] } });
    expect(E.isLeft(r)).toBe(true);
    if (E.isRight(r)) return;
    const m = r.left.message;
    expect(m).toMatch(/e2eLatencyMs: expected/);
    expect(m).toMatch(/device: expected a preset id/);
    expect(m).toMatch(/grid\.bitsPerValue\[0\]: expected one of 32, 16, 8, 4, 1, got 3/);
  });
  it('system: a boolean or { arrivals, maxClasses, maxChecks }; bad values name the field', () => {
    const base = { model: 'vgg16', input: { height: 224, width: 224 }, frameRateHz: 10, e2eLatencyMs: 20, epsilon: 1e-4, device: 'jetson-agx-orin', edge: 'edge-gpu-l4' };
    const off = decodeCodesignInput({ ...base, system: false });
    expect(E.isRight(off) && off.right.options.system).toBe(false);
    const on = decodeCodesignInput({ ...base, system: { arrivals: 'independent', maxChecks: 2 } });
    expect(E.isRight(on) && on.right.options.system).toEqual({ arrivals: 'independent', maxChecks: 2 });
    expect(E.isRight(decodeCodesignInput(base)) && (decodeCodesignInput(base) as E.Right<{ options: object }>).right.options).not.toHaveProperty('system');
    const bad = decodeCodesignInput({ ...base, system: { arrivals: 'sometimes' } });
    expect(E.isLeft(bad) && bad.left.message).toMatch(/system\.arrivals: expected one of "synchronous"/);
    const bad2 = decodeCodesignInput({ ...base, system: 'yes' });
    expect(E.isLeft(bad2) && bad2.left.message).toMatch(/system: expected true, false or/);
  });
});
