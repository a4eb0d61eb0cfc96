import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { PAPER_K, PAPER_M, packetSizeTable, payloadBytesFor, splitPayloadBytes, trySplitPayloadBytes } from '../../src/workload/split.js';

const IN224 = { height: 224, width: 224 };
const IN8K = { height: 4320, width: 7680 };

describe('workload/split payloads', () => {
  it('VGG-16 pool5 = 100,352 B at fp32, 25,088 B at int8, 50,176 B at fp16 (the paper\'s example)', () => {
    expect(splitPayloadBytes({ model: 'vgg16', layer: 'features.30', input: IN224, bitsPerValue: 32, compressionRatio: 1 })).toBe(100_352);
    expect(splitPayloadBytes({ model: 'vgg16', layer: 'pool5', input: IN224, bitsPerValue: 16, compressionRatio: 1 })).toBe(50_176);
    expect(splitPayloadBytes({ model: 'vgg16', layer: 'pool5', input: IN224, bitsPerValue: 8, compressionRatio: 1 })).toBe(25_088);
    expect(splitPayloadBytes({ model: 'vgg16', layer: 'pool5', input: IN224, bitsPerValue: 1, compressionRatio: 1 })).toBe(3_136);
  });
  it('8K at 10 %: VGG pool5 6,635,520 B fp32; AlexNet pool5 3,279,463 B (dnn-sizes.md: 6.6 MB / 3.3 MB)', () => {
    expect(splitPayloadBytes({ model: 'vgg16', layer: 'pool5', input: IN8K, bitsPerValue: 32, compressionRatio: 10 })).toBe(6_635_520);
    expect(splitPayloadBytes({ model: 'vgg16', layer: 'pool5', input: IN8K, bitsPerValue: 8, compressionRatio: 10 })).toBe(1_658_880);
    expect(splitPayloadBytes({ model: 'alexnet', layer: 'pool5', input: IN8K, bitsPerValue: 32, compressionRatio: 10 })).toBe(3_279_463);
    expect(splitPayloadBytes({ model: 'resnet50', layer: 'layer4.2', input: IN8K, bitsPerValue: 32, compressionRatio: 10 })).toBe(26_542_080);
  });
  it('batch, entropy gain and metadata', () => {
    const base = { model: 'resnet18' as const, layer: 'layer4.1', input: IN224, bitsPerValue: 8, compressionRatio: 1 };
    expect(splitPayloadBytes({ ...base, batch: 4 })).toBe(100_352);
    expect(splitPayloadBytes({ ...base, entropyGain: 2 })).toBe(12_544);
    expect(splitPayloadBytes({ ...base, metadataBytes: 32 })).toBe(25_120);
    expect(payloadBytesFor(3, 1, 1)).toBe(1); // 3 bits round up to 1 byte
  });
  it('fc layers at 8K exist with torchvision semantics (adaptive pool) for split payloads', () => {
    expect(splitPayloadBytes({ model: 'vgg16', layer: 'fc6', input: IN8K, bitsPerValue: 32, compressionRatio: 1 })).toBe(16_384);
  });
  it('invalid input: Left names the field; the plain API returns 0', () => {
    const msg = (p: Parameters<typeof trySplitPayloadBytes>[0]) => { const r = trySplitPayloadBytes(p); return E.isLeft(r) ? r.left.message : 'right'; };
    const ok = { model: 'vgg16' as const, layer: 'pool5', input: IN224, bitsPerValue: 8, compressionRatio: 1 };
    expect(msg({ ...ok, bitsPerValue: 7 })).toMatch(/^bitsPerValue: expected one of 32, 16, 8, 4, 1, got 7/);
    expect(msg({ ...ok, compressionRatio: 0.5 })).toMatch(/^compressionRatio:/);
    expect(msg({ ...ok, compressionRatio: Number.NaN })).toMatch(/^compressionRatio:/);
    expect(msg({ ...ok, batch: 0 })).toMatch(/^batch:/);
    expect(msg({ ...ok, entropyGain: 0.1 })).toMatch(/^entropyGain:/);
    expect(msg({ ...ok, layer: 'pool9' })).toMatch(/^layer: expected a layer of vgg16/);
    expect(msg({ ...ok, model: 'vgg11' as never })).toMatch(/^model:/);
    expect(msg({ ...ok, input: { height: 10, width: 224 } })).toMatch(/^input\.height:/);
    expect(splitPayloadBytes({ ...ok, layer: 'pool9' })).toBe(0);
  });
});

describe('workload/split packetSizeTable (seed paper Table 1)', () => {
  const t = packetSizeTable();
  const row = (id: string) => { const r = t.find((x) => x.id === id); if (r === undefined) throw new Error(id); return r; };
  const cell = (id: string, layer: string) => row(id).cells.find((c) => c.layer === layer || c.alias === layer);

  it('has rows for every paper cell and model', () => {
    expect(t.filter((r) => r.scenario === '224')).toHaveLength(7);
    expect(t.filter((r) => r.scenario === '8k')).toHaveLength(14);
    expect(t.filter((r) => r.scenario === 'future')).toHaveLength(14);
    expect(new Set(t.map((r) => r.id)).size).toBe(t.length);
    expect(packetSizeTable()).toBe(t);
  });
  it('every verdict and range is consistent with its cells', () => {
    for (const r of t) {
      const vals = r.cells.map((c) => c.value);
      expect(r.computedMin).toBe(Math.min(...vals));
      expect(r.computedMax).toBe(Math.max(...vals));
      for (const c of r.cells) expect(c.inRange).toBe(c.value >= r.paperMin && c.value <= r.paperMax);
      const n = r.cells.filter((c) => c.inRange).length;
      expect(r.verdict).toBe(n === r.cells.length ? 'holds' : n === 0 ? 'fails' : 'partial');
      expect(r.note.length).toBeGreaterThan(20);
    }
  });
  it('AlexNet 1~50K holds from pool2 on except conv3 (64,896)', () => {
    expect(row('224.alexnet').verdict).toBe('partial');
    expect(cell('224.alexnet', 'pool2')?.inRange).toBe(true);
    expect(cell('224.alexnet', 'conv3')?.value).toBe(64_896);
    expect(cell('224.alexnet', 'conv3')?.inRange).toBe(false);
    expect(cell('224.alexnet', 'conv1')?.inRange).toBe(false);
    expect(row('224.alexnet').holdsFrom).toBe('conv4 (features.8)');
    expect(cell('224.alexnet-caffe', 'pool1')?.value).toBe(69_984);
    expect(cell('224.alexnet-caffe', 'pool1')?.inRange).toBe(false);
    expect(cell('224.alexnet-caffe', 'pool2')?.inRange).toBe(true);
  });
  it('VGG 1~100K holds from pool4 (100,352) on', () => {
    expect(row('224.vgg16').holdsFrom).toBe('pool4 (features.23)');
    expect(cell('224.vgg16', 'pool5')?.value).toBe(25_088);
    expect(cell('224.vgg16', 'pool3')?.inRange).toBe(false);
  });
  it('ResNet 1~50K fits ResNet-18 from layer3 on, not the bottleneck ResNets\' block outputs', () => {
    expect(row('224.resnet18').holdsFrom).toBe('layer3.0');
    expect(cell('224.resnet18', 'layer3.1')?.value).toBe(50_176);
    expect(row('224.resnet50').holdsFrom).toBe('avgpool');
    expect(cell('224.resnet50', 'layer4.2')?.value).toBe(100_352);
    expect(cell('224.resnet50', 'layer4.2')?.inRange).toBe(false);
    expect(row('224.resnet152').holdsFrom).toBe('avgpool');
  });
  it('8K at 10 %: fp32 reaches the range only at deep split points; bottleneck ResNets never', () => {
    expect(cell('8k.vgg16.fp32', 'pool5')?.value).toBe(6_635_520);
    expect(cell('8k.vgg16.fp32', 'pool5')?.inRange).toBe(true);
    expect(cell('8k.vgg16.fp32', 'pool4')?.inRange).toBe(false);
    expect(row('8k.resnet50.fp32').verdict).toBe('fails');
    expect(row('8k.vgg16.int8').holdsFrom).toBe('pool4 (features.23)');
    expect(row('8k.vgg16.fp32').computedMin).toBeGreaterThan(100 * PAPER_K);
  });
  it('future inputs (10x, 100x the 8K pixels): range 1 MB~1000 MB', () => {
    expect(row('future.x10.alexnet').verdict).toBe('holds');
    expect(row('future.x100.vgg16').holdsFrom).toBe('pool5 (features.30)');
    expect(cell('future.x100.vgg16', 'pool5')?.value).toBe(663_552_000);
    expect(row('future.x100.resnet50').verdict).toBe('fails');
    expect(row('future.x10.vgg16').paperMax).toBe(1000 * PAPER_M);
  });
});
