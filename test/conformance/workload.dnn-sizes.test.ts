/**
 * Conformance vectors: intermediate-feature shapes published in the reference note
 * /work/shared/reference/dnn-sizes.md ("Key split points" table and self-checks), which were
 * derived from torchvision alexnet.py / vgg.py / resnet.py / mobilenetv2.py and the BVLC Caffe
 * AlexNet deploy.prototxt. Each vector: model, layer (module path), shape at 224 (227 for Caffe
 * AlexNet) and at 8K (4320x7680).
 */
import { describe, expect, it } from 'vitest';
import type { DnnModel } from '../../src/workload/dnn.js';
import { findLayer, layerShapes } from '../../src/workload/dnn.js';

type Shape = readonly [number, number, number];
const V: readonly { model: DnnModel; layer: string; at224: Shape | null; at8k: Shape | null }[] = [
  { model: 'alexnet', layer: 'features.2', at224: [64, 27, 27], at8k: [64, 539, 959] },
  { model: 'alexnet', layer: 'features.5', at224: [192, 13, 13], at8k: [192, 269, 479] },
  { model: 'alexnet', layer: 'features.6', at224: [384, 13, 13], at8k: [384, 269, 479] },
  { model: 'alexnet', layer: 'features.8', at224: [256, 13, 13], at8k: null },
  { model: 'alexnet', layer: 'features.12', at224: [256, 6, 6], at8k: [256, 134, 239] },
  { model: 'alexnet', layer: 'features.0', at224: [64, 55, 55], at8k: null },
  { model: 'alexnet', layer: 'features.3', at224: [192, 27, 27], at8k: null },
  { model: 'alexnet', layer: 'classifier.1', at224: [4096, 1, 1], at8k: null },
  { model: 'alexnet', layer: 'classifier.6', at224: [1000, 1, 1], at8k: null },
  { model: 'alexnet-caffe', layer: 'conv1', at224: [96, 55, 55], at8k: [96, 1078, 1918] },
  { model: 'alexnet-caffe', layer: 'pool1', at224: [96, 27, 27], at8k: null },
  { model: 'alexnet-caffe', layer: 'pool2', at224: [256, 13, 13], at8k: [256, 269, 479] },
  { model: 'alexnet-caffe', layer: 'conv2', at224: [256, 27, 27], at8k: null },
  { model: 'alexnet-caffe', layer: 'conv4', at224: [384, 13, 13], at8k: null },
  { model: 'alexnet-caffe', layer: 'pool5', at224: [256, 6, 6], at8k: null },
  { model: 'alexnet-caffe', layer: 'fc6', at224: [4096, 1, 1], at8k: null },
  { model: 'vgg16', layer: 'features.2', at224: [64, 224, 224], at8k: [64, 4320, 7680] },
  { model: 'vgg16', layer: 'features.16', at224: [256, 28, 28], at8k: [256, 540, 960] },
  { model: 'vgg16', layer: 'features.23', at224: [512, 14, 14], at8k: [512, 270, 480] },
  { model: 'vgg16', layer: 'features.30', at224: [512, 7, 7], at8k: [512, 135, 240] },
  { model: 'vgg19', layer: 'features.36', at224: [512, 7, 7], at8k: [512, 135, 240] },
  { model: 'resnet18', layer: 'layer3.1', at224: [256, 14, 14], at8k: [256, 270, 480] },
  { model: 'resnet18', layer: 'layer4.1', at224: [512, 7, 7], at8k: [512, 135, 240] },
  { model: 'resnet18', layer: 'avgpool', at224: [512, 1, 1], at8k: null },
  { model: 'resnet50', layer: 'layer3.5', at224: [1024, 14, 14], at8k: [1024, 270, 480] },
  { model: 'resnet50', layer: 'layer4.2', at224: [2048, 7, 7], at8k: [2048, 135, 240] },
  { model: 'resnet50', layer: 'layer4.0.conv2', at224: [512, 7, 7], at8k: [512, 135, 240] },
  { model: 'resnet50', layer: 'layer4.0.downsample.0', at224: [2048, 7, 7], at8k: null },
  { model: 'resnet50', layer: 'layer3.0.conv1', at224: [256, 28, 28], at8k: null },
  { model: 'resnet50', layer: 'layer3.1.conv1', at224: [256, 14, 14], at8k: null },
  { model: 'resnet50', layer: 'avgpool', at224: [2048, 1, 1], at8k: null },
  { model: 'resnet152', layer: 'layer3.35', at224: [1024, 14, 14], at8k: [1024, 270, 480] },
  { model: 'resnet152', layer: 'layer4.2', at224: [2048, 7, 7], at8k: [2048, 135, 240] },
  { model: 'mobilenetv2', layer: 'features.6', at224: [32, 28, 28], at8k: [32, 540, 960] },
  { model: 'mobilenetv2', layer: 'features.13', at224: [96, 14, 14], at8k: [96, 270, 480] },
  { model: 'mobilenetv2', layer: 'features.17', at224: [320, 7, 7], at8k: [320, 135, 240] },
  { model: 'mobilenetv2', layer: 'features.18', at224: [1280, 7, 7], at8k: [1280, 135, 240] },
];

/** Element counts quoted in the note's prose (values per image). */
const ELEMENTS: readonly { model: DnnModel; layer: string; big: boolean; elements: number }[] = [
  { model: 'alexnet', layer: 'features.0', big: false, elements: 193_600 },
  { model: 'alexnet', layer: 'features.3', big: false, elements: 139_968 },
  { model: 'alexnet', layer: 'features.8', big: false, elements: 43_264 },
  { model: 'alexnet', layer: 'features.12', big: true, elements: 8_198_656 },
  { model: 'alexnet', layer: 'features.2', big: true, elements: 33_081_664 },
  { model: 'alexnet', layer: 'features.5', big: true, elements: 24_739_392 },
  { model: 'alexnet', layer: 'features.6', big: true, elements: 49_478_784 },
  { model: 'alexnet-caffe', layer: 'conv1', big: false, elements: 290_400 },
  { model: 'alexnet-caffe', layer: 'pool1', big: false, elements: 69_984 },
  { model: 'alexnet-caffe', layer: 'conv2', big: false, elements: 186_624 },
  { model: 'alexnet-caffe', layer: 'conv4', big: false, elements: 64_896 },
  { model: 'vgg16', layer: 'features.2', big: true, elements: 2_123_366_400 },
  { model: 'vgg16', layer: 'features.30', big: true, elements: 16_588_800 },
  { model: 'vgg16', layer: 'features.23', big: true, elements: 66_355_200 },
  { model: 'resnet50', layer: 'layer3.5', big: true, elements: 132_710_400 },
  { model: 'mobilenetv2', layer: 'features.18', big: true, elements: 41_472_000 },
];

const IN224 = (m: DnnModel) => (m === 'alexnet-caffe' ? { height: 227, width: 227 } : { height: 224, width: 224 });
const IN8K = { height: 4320, width: 7680 };

describe('workload conformance: dnn-sizes.md vectors', () => {
  for (const v of V) {
    it(`${v.model} ${v.layer}`, () => {
      for (const [shape, input] of [[v.at224, IN224(v.model)], [v.at8k, IN8K]] as const) {
        if (shape === null) continue;
        const row = findLayer(layerShapes(v.model, input), v.layer);
        expect(row, `${v.layer} at ${input.height}x${input.width}`).toBeDefined();
        expect([row?.c, row?.h, row?.w]).toEqual([...shape]);
        expect(row?.elements).toBe(shape[0] * shape[1] * shape[2]);
      }
    });
  }
  it('element counts quoted in the note', () => {
    for (const e of ELEMENTS) {
      const row = findLayer(layerShapes(e.model, e.big ? IN8K : IN224(e.model)), e.layer);
      expect(row?.elements, `${e.model} ${e.layer}`).toBe(e.elements);
    }
  });
  it('Caffe AlexNet at 224 still reaches a 6x6 pool5 with ceil-mode pooling (conv1 96x54x54)', () => {
    const rows = layerShapes('alexnet-caffe', { height: 224, width: 224 });
    expect(findLayer(rows, 'conv1')?.elements).toBe(279_936);
    expect([findLayer(rows, 'pool5')?.h, findLayer(rows, 'pool5')?.w]).toEqual([6, 6]);
  });
  it('8K / 224 element ratios (661.2 for VGG pool5, 889.6 for AlexNet pool5)', () => {
    const r = (m: DnnModel, l: string) => (findLayer(layerShapes(m, IN8K), l)?.elements ?? 0) / (findLayer(layerShapes(m, IN224(m)), l)?.elements ?? 1);
    expect(r('vgg16', 'features.30')).toBeCloseTo(661.2, 1);
    expect(r('alexnet', 'features.12')).toBeCloseTo(889.6, 1);
  });
});
