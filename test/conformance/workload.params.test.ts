/**
 * Independent check of every layer table: the learnable-parameter count implied by the table's
 * channels, kernels, groups, biases and BatchNorms must equal the published count of the reference
 * model. torchvision documents `num_params` in each weights entry's metadata (AlexNet_Weights,
 * VGG16_Weights, ResNet50_Weights, MobileNet_V2_Weights ...); the BVLC Caffe AlexNet (grouped conv2/4/5)
 * has 60,965,224 parameters. A single wrong width, kernel or stride-free 1x1 would break these.
 */
import { describe, expect, it } from 'vitest';
import type { DnnModel } from '../../src/workload/dnn.js';
import { modelParameterCount, layerShapes, findLayer } from '../../src/workload/dnn.js';

const PUBLISHED: Readonly<Record<DnnModel, number>> = {
  alexnet: 61_100_840,
  'alexnet-caffe': 60_965_224,
  vgg16: 138_357_544,
  vgg19: 143_667_240,
  resnet18: 11_689_512,
  resnet50: 25_557_032,
  resnet152: 60_192_808,
  mobilenetv2: 3_504_872,
};

describe('workload conformance: parameter counts of the layer tables', () => {
  for (const [m, n] of Object.entries(PUBLISHED) as [DnnModel, number][]) {
    it(`${m}: ${n.toLocaleString('en-US')} parameters`, () => {
      expect(modelParameterCount(m)).toBe(n);
    });
  }
  it('per-layer parameters: VGG-16 fc6 = 25,088 x 4,096 + 4,096; MobileNetV2 depthwise 3x3 is grouped', () => {
    const vgg = layerShapes('vgg16', { height: 224, width: 224 });
    expect(findLayer(vgg, 'fc6')?.params).toBe(25_088 * 4096 + 4096);
    expect(findLayer(vgg, 'conv1_1')?.params).toBe(3 * 9 * 64 + 64);
    const mb = layerShapes('mobilenetv2', { height: 224, width: 224 });
    expect(findLayer(mb, 'features.2.conv.1')?.params).toBe(96 * 9 + 2 * 96);
  });
});
