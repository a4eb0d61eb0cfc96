/**
 * Compute per layer against the published per-model figures. torchvision's model documentation lists
 * a "GFLOPS" column whose values are the `_ops` field of each weights entry's metadata
 * (torchvision/models/alexnet.py, vgg.py, resnet.py, mobilenetv2.py; pytorch.org/vision/stable/models.html):
 * AlexNet 0.714, VGG-16 15.47, VGG-19 19.632, ResNet-18 1.814, ResNet-50 4.089, ResNet-152 11.514,
 * MobileNetV2 0.301 at 224x224. They count conv + linear multiply-accumulates in units of 1e9 (a MAC is
 * one "op" in that convention), printed to 3 decimals (VGG-16 to 2). The original two-tower AlexNet
 * (BVLC Caffe, 227x227, grouped conv2/4/5): 724 M MACs (Sze et al., Proc. IEEE 105(12), 2017, Table IV).
 */
import { describe, expect, it } from 'vitest';
import type { DnnModel } from '../../src/workload/dnn.js';
import { layerShapes } from '../../src/workload/dnn.js';
import { layerMacs } from '../../src/workload/macs.js';

/** [published figure, its unit (1e9 for torchvision GMACs, 1e6 for Sze et al. MMACs), decimals printed]. */
const PUBLISHED: Readonly<Record<DnnModel, readonly [number, number, number]>> = {
  alexnet: [0.714, 1e9, 3],
  'alexnet-caffe': [724, 1e6, 0],
  vgg16: [15.47, 1e9, 2],
  vgg19: [19.632, 1e9, 3],
  resnet18: [1.814, 1e9, 3],
  resnet50: [4.089, 1e9, 3],
  resnet152: [11.514, 1e9, 3],
  mobilenetv2: [0.301, 1e9, 3],
};

describe('workload conformance: MACs per model at the native input', () => {
  for (const [m, [fig, unit, dec]] of Object.entries(PUBLISHED) as [DnnModel, readonly [number, number, number]][]) {
    it(`${m}: ${fig} x ${unit} MACs within the printed rounding`, () => {
      const input = m === 'alexnet-caffe' ? { height: 227, width: 227 } : { height: 224, width: 224 };
      const r = layerMacs(m, input);
      expect(r.layers.length).toBe(layerShapes(m, input).length);
      // within half a unit of the last printed digit
      expect(Math.abs(r.totalMacs / unit - fig)).toBeLessThanOrEqual(0.5 * 10 ** -dec + 1e-12);
    });
  }
  it('exact per-layer values: VGG-16 conv1_1, fc6; AlexNet-Caffe grouped conv2; MobileNetV2 depthwise', () => {
    const vgg = layerMacs('vgg16', { height: 224, width: 224 });
    const by = (r: typeof vgg, n: string) => r.layers.find((l) => l.name === n)!;
    expect(by(vgg, 'features.0').macs).toBe(3 * 9 * 64 * 224 * 224);
    expect(by(vgg, 'classifier.0').macs).toBe(25_088 * 4096);
    expect(by(vgg, 'features.4').macs).toBe(0); // pool1: no MACs ...
    expect(by(vgg, 'features.4').otherOps).toBe(64 * 4 * 112 * 112); // ... but 2x2 window reads
    const caffe = layerMacs('alexnet-caffe', { height: 227, width: 227 });
    expect(by(caffe, 'conv2').macs).toBe(48 * 25 * 256 * 27 * 27);
    const mb = layerMacs('mobilenetv2', { height: 224, width: 224 });
    expect(by(mb, 'features.2.conv.1').macs).toBe(9 * 96 * 56 * 56); // depthwise: 1 input channel per group
    const rn = layerMacs('resnet18', { height: 224, width: 224 });
    expect(by(rn, 'layer1.0').otherOps).toBe(64 * 56 * 56); // the residual addition
    expect(by(rn, 'layer1.0').macs).toBe(0);
  });
  it('cumulative MACs end at the total and never decrease', () => {
    const r = layerMacs('resnet50', { height: 224, width: 224 });
    for (let i = 1; i < r.layers.length; i++) expect(r.layers[i]!.cumulativeMacs).toBeGreaterThanOrEqual(r.layers[i - 1]!.cumulativeMacs);
    expect(r.layers[r.layers.length - 1]!.cumulativeMacs).toBe(r.totalMacs);
  });
});
