import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { DnnModel } from '../../src/workload/dnn.js';
import { DNN_MODELS, findLayer, layerShapes, makeDivisible, minInputSide, splitCandidates, tryLayerShapes, windowOut } from '../../src/workload/dnn.js';

const IN224 = { height: 224, width: 224 };
const IN8K = { height: 4320, width: 7680 };
const count = (m: DnnModel, kind: string, input = IN224) => layerShapes(m, input).filter((r) => r.kind === kind).length;
const convLike = (m: DnnModel) => layerShapes(m, IN224).filter((r) => ['conv', 'expand_pw', 'depthwise', 'project_pw'].includes(r.kind)).length;

describe('workload/dnn shape engine', () => {
  it('window arithmetic: floor vs ceil mode (PyTorch/Caffe rule)', () => {
    expect(windowOut(224, 11, 4, 2, false)).toBe(55);
    expect(windowOut(55, 3, 2, 0, false)).toBe(27);
    expect(windowOut(54, 3, 2, 0, false)).toBe(26);
    expect(windowOut(54, 3, 2, 0, true)).toBe(27);
    expect(windowOut(13, 3, 2, 0, true)).toBe(6);
    expect(windowOut(2, 3, 2, 0, false)).toBe(0);
    // ceil mode: the last window may not start inside the right padding
    expect(windowOut(5, 2, 2, 1, true)).toBe(3);
  });

  it('torchvision _make_divisible', () => {
    expect(makeDivisible(32)).toBe(32);
    expect(makeDivisible(1280)).toBe(1280);
    expect(makeDivisible(32 * 0.75)).toBe(24);
    expect(makeDivisible(16 * 0.35)).toBe(8);
    expect(makeDivisible(96 * 0.35)).toBe(32);
  });

  it('layer counts match the architectures (convs incl. downsample, pools, FCs, blocks)', () => {
    expect(count('vgg16', 'conv')).toBe(13);
    expect(count('vgg16', 'maxpool')).toBe(5);
    expect(count('vgg16', 'linear')).toBe(3);
    expect(count('vgg19', 'conv')).toBe(16);
    expect(count('alexnet', 'conv')).toBe(5);
    expect(count('alexnet-caffe', 'lrn')).toBe(2);
    expect(count('resnet18', 'conv')).toBe(1 + 16 + 3);
    expect(count('resnet50', 'conv')).toBe(1 + 48 + 4);
    expect(count('resnet152', 'conv')).toBe(1 + 150 + 4);
    expect(count('resnet18', 'block')).toBe(8);
    expect(count('resnet50', 'block')).toBe(16);
    expect(count('resnet152', 'block')).toBe(50);
    expect(count('mobilenetv2', 'block')).toBe(17);
    expect(convLike('mobilenetv2')).toBe(52);
  });

  it('torchvision module paths as names', () => {
    const vgg = layerShapes('vgg16', IN224);
    expect(vgg[30]?.name).toBe('features.30');
    expect(vgg[30]?.alias).toBe('pool5');
    expect(findLayer(vgg, 'pool5')?.name).toBe('features.30');
    expect(findLayer(layerShapes('vgg19', IN224), 'pool5')?.name).toBe('features.36');
    const r50 = layerShapes('resnet50', IN224);
    expect(findLayer(r50, 'layer3.1')?.kind).toBe('block');
    expect(findLayer(r50, 'layer4.0.conv2')?.kind).toBe('conv');
    expect(findLayer(r50, 'layer4.0.downsample.0')?.kind).toBe('conv');
    expect(findLayer(r50, 'layer4.1.downsample.0')).toBeUndefined();
    expect(findLayer(layerShapes('resnet18', IN224), 'layer1.0.downsample.0')).toBeUndefined();
    expect(findLayer(layerShapes('resnet18', IN224), 'layer2.0.downsample.0')?.c).toBe(128);
    const mb = layerShapes('mobilenetv2', IN224);
    expect(findLayer(mb, 'features.1.conv.0')?.kind).toBe('depthwise');
    expect(findLayer(mb, 'features.2.conv.0')?.kind).toBe('expand_pw');
    expect(findLayer(mb, 'features.2.conv.0')?.c).toBe(96);
    expect(findLayer(mb, 'features.2.conv.1')?.kind).toBe('depthwise');
    expect(findLayer(mb, 'features.2.conv.2')?.kind).toBe('project_pw');
    expect(findLayer(mb, 'features.17.conv.0')?.c).toBe(960);
    expect(mb.map((r) => r.index)).toEqual(mb.map((_, i) => i));
  });

  it('known shapes: VGG-16 pool5, ResNet-50 layer4, Caffe AlexNet pool5 at 227, MobileNetV2 last map', () => {
    const p5 = findLayer(layerShapes('vgg16', IN224), 'features.30');
    expect([p5?.c, p5?.h, p5?.w, p5?.elements]).toEqual([512, 7, 7, 25_088]);
    const l4 = findLayer(layerShapes('resnet50', IN224), 'layer4.2');
    expect([l4?.c, l4?.h, l4?.w]).toEqual([2048, 7, 7]);
    const a5 = findLayer(layerShapes('alexnet-caffe', { height: 227, width: 227 }), 'pool5');
    expect([a5?.c, a5?.h, a5?.w]).toEqual([256, 6, 6]);
    const m18 = findLayer(layerShapes('mobilenetv2', IN224), 'features.18');
    expect([m18?.c, m18?.h, m18?.w]).toEqual([1280, 7, 7]);
  });

  it('head rule: classifier at the native input only (unless head: always)', () => {
    for (const m of DNN_MODELS) {
      const native = m === 'alexnet-caffe' ? { height: 227, width: 227 } : IN224;
      expect(layerShapes(m, native).some((r) => r.kind === 'linear'), m).toBe(true);
      expect(layerShapes(m, IN8K).some((r) => r.head === true || r.kind === 'linear' || r.kind === 'avgpool'), m).toBe(false);
      expect(layerShapes(m, native, { head: 'never' }).some((r) => r.kind === 'linear'), m).toBe(false);
    }
    const always = layerShapes('vgg16', IN8K, { head: 'always' });
    expect(findLayer(always, 'avgpool')?.elements).toBe(25_088);
    expect(findLayer(always, 'fc8')?.elements).toBe(1000);
    // Caffe fc6 has fixed in-features: no head at 8K even with head: always
    expect(layerShapes('alexnet-caffe', IN8K, { head: 'always' }).some((r) => r.kind === 'linear')).toBe(false);
    // AlexNet fc6 input = 9,216 = pool5
    const a = layerShapes('alexnet', IN224);
    expect(findLayer(a, 'flatten')?.elements).toBe(findLayer(a, 'pool5')?.elements);
  });

  it('every model has a non-empty table at 224 and 8K; [] when the input is too small', () => {
    for (const m of DNN_MODELS) {
      expect(layerShapes(m, IN8K).length, m).toBeGreaterThan(10);
      const min = minInputSide(m);
      expect(layerShapes(m, { height: min, width: min }).length, m).toBeGreaterThan(0);
      if (min > 1) expect(layerShapes(m, { height: min - 1, width: 500 }), m).toEqual([]);
    }
    expect(minInputSide('vgg16')).toBe(32);
    expect(layerShapes('vgg16', { height: 0, width: 224 })).toEqual([]);
    expect(layerShapes('vgg16', { height: 22.5, width: 224 })).toEqual([]);
    expect(layerShapes('nope' as DnnModel, IN224)).toEqual([]);
  });

  it('tryLayerShapes names the field', () => {
    const bad = (m: string, input: unknown) => {
      const r = tryLayerShapes(m, input);
      return E.isLeft(r) ? r.left.message : 'right';
    };
    expect(bad('vgg17', IN224)).toMatch(/^model: expected one of "alexnet"/);
    expect(bad('vgg16', { height: 20, width: 224 })).toMatch(/^input\.height: expected an integer in 32\.\.100000/);
    expect(bad('vgg16', { height: 224, width: 224.5 })).toMatch(/^input\.width:/);
    expect(bad('vgg16', { height: 224 })).toMatch(/^input\.width:/);
    expect(bad('vgg16', null)).toMatch(/^input\.height:/);
    const ok = tryLayerShapes('resnet18', IN224);
    expect(E.isRight(ok) && ok.right.length).toBe(layerShapes('resnet18', IN224).length);
  });

  it('split candidates drop activations and convs inside residual blocks', () => {
    const c = splitCandidates('resnet50', layerShapes('resnet50', IN224));
    expect(c.some((r) => r.name.includes('.conv'))).toBe(false);
    expect(c.filter((r) => r.kind === 'block').length).toBe(16);
    expect(splitCandidates('vgg16', layerShapes('vgg16', IN224)).some((r) => r.kind === 'relu')).toBe(false);
  });
});
