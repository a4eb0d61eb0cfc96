import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import type { DnnModel } from '../../src/workload/dnn.js';
import { DNN_MODELS, layerShapes, minInputSide, tryLayerShapes } from '../../src/workload/dnn.js';
import { payloadBytesFor, splitPayloadBytes } from '../../src/workload/split.js';
import { pipelineTraffic } from '../../src/workload/pipeline.js';

const model = fc.constantFrom(...DNN_MODELS);
const side = fc.integer({ min: 1, max: 3000 });

describe('workload laws', () => {
  test.prop([model, side, side], { numRuns: 60 })('element counts never increase through a pooling layer; elements = c*h*w', (m, h, w) => {
    const rows = layerShapes(m, { height: h, width: w });
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      expect(r.elements).toBe(r.c * r.h * r.w);
      expect(r.index).toBe(i);
      if (r.kind === 'maxpool' && i > 0) expect(r.elements).toBeLessThanOrEqual(rows[i - 1]!.elements);
      if (['relu', 'bn', 'lrn', 'dropout'].includes(r.kind) && i > 0) expect(r.elements).toBe(rows[i - 1]!.elements);
      expect(r.c >= 1 && r.h >= 1 && r.w >= 1).toBe(true);
    }
    // empty exactly when a side is below the model's minimum
    expect(rows.length === 0).toBe(h < minInputSide(m) || w < minInputSide(m));
  });

  test.prop([model, side, side, side], { numRuns: 40 })('feature-map sides are monotone in the input side', (m, h, w1, dw) => {
    const a = layerShapes(m, { height: h, width: w1 });
    const b = layerShapes(m, { height: h, width: w1 + dw });
    if (a.length === 0 || b.length === 0) return;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      expect(b[i]!.name).toBe(a[i]!.name);
      if (a[i]!.head !== true && b[i]!.head !== true) expect(b[i]!.w).toBeGreaterThanOrEqual(a[i]!.w);
    }
  });

  test.prop([fc.integer({ min: 1, max: 1e9 }), fc.constantFrom(1, 4, 8, 16, 32), fc.double({ min: 1, max: 1000, noNaN: true })])(
    'payload is linear in bits per value and inverse in the compression ratio (up to the 1-byte ceiling)', (elements, bits, cr) => {
      const p = payloadBytesFor(elements, bits, cr);
      const exact = (elements * bits) / 8 / cr;
      expect(p).toBeGreaterThanOrEqual(exact);
      expect(p - exact).toBeLessThan(1);
      // doubling bits doubles the payload; doubling the ratio halves it (within the rounding)
      expect(Math.abs(payloadBytesFor(elements, bits * 2, cr) - 2 * exact)).toBeLessThan(1);
      expect(Math.abs(payloadBytesFor(elements, bits, cr * 2) - exact / 2)).toBeLessThan(1);
    });

  test.prop([fc.constantFrom<DnnModel>('vgg16', 'resnet18', 'mobilenetv2'), fc.constantFrom(32, 16, 8, 4, 1), fc.integer({ min: 1, max: 8 })])(
    'splitPayloadBytes scales with the batch', (m, bits, batch) => {
      const layer = m === 'vgg16' ? 'pool5' : m === 'resnet18' ? 'layer4.1' : 'features.18';
      const one = splitPayloadBytes({ model: m, layer, input: { height: 224, width: 224 }, bitsPerValue: bits, compressionRatio: 1 });
      const many = splitPayloadBytes({ model: m, layer, input: { height: 224, width: 224 }, bitsPerValue: bits, compressionRatio: 1, batch });
      expect(many).toBe(one * batch);
    });

  test.prop([fc.string(), fc.anything()])('tryLayerShapes never throws and never returns [] as Right', (m, input) => {
    const r = tryLayerShapes(m, input);
    if (E.isRight(r)) expect(r.right.length).toBeGreaterThan(0);
  });

  test.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.1, max: 240, noNaN: true })], { numRuns: 60 })(
    'pipeline: offered load = N x rate x (1 - pExit) x burst; distributions sum to 1', (pe, n, f) => {
      const r = pipelineTraffic({ split: { model: 'resnet18', layer: 'layer4.1', input: { height: 224, width: 224 }, bitsPerValue: 8, compressionRatio: 1 }, frameRateHz: f, exitProbability: pe, terminals: n });
      expect(E.isRight(r)).toBe(true);
      if (E.isLeft(r)) return;
      const ul = r.right.uplink;
      expect(ul.offeredLoadMbps).toBeCloseTo((n * f * (1 - pe) * 25_088 * 8) / 1e6, 6);
      expect(ul.perTerminal.reduce((a, s) => a + s.probability, 0)).toBeCloseTo(1, 12);
      expect(ul.aggregateP99Bytes).toBeLessThanOrEqual(ul.aggregateMaxBytes);
      expect(Number.isFinite(ul.offeredLoadIpMbps)).toBe(true);
    });
});
