/**
 * DNN layer tables (as data) and one shape engine: the size of every intermediate feature map of
 * the split-DNN ("split point") models the seed paper discusses (Lee, Jin, Lee, Kim, "Distributed
 * Architecture and Packet Characteristics for Real-Time Distributed Learning Services", Table 1).
 *
 * Models follow the public reference implementations:
 * - torchvision `alexnet.py`, `vgg.py` (cfg 'D' = VGG-16, 'E' = VGG-19), `resnet.py` (BasicBlock
 *   [2,2,2,2]; Bottleneck [3,4,6,3] / [3,8,36,3] with the stride on the 3x3 conv, "v1.5") and
 *   `mobilenetv2.py` (t,c,n,s table with `_make_divisible`), pytorch/vision;
 * - BVLC Caffe `models/bvlc_alexnet/deploy.prototxt` (227x227, 96-256-384-384-256, LRN, ceil-mode pooling).
 *
 * Output size of a conv/pool window (PyTorch/Caffe convention):
 *   out = floor((in + 2p - d(k-1) - 1)/s) + 1          (floor mode)
 *   out = ceil ((in + 2p - d(k-1) - 1)/s) + 1          (ceil mode; minus 1 if the last window would
 *                                                       start in the right padding: (out-1)s >= in+p)
 * Head rule (documented in spec/workload.md): the adaptive pooling / classifier "head" is listed only
 * when the feature extractor ends at the map size the head was designed for (6x6 AlexNet, 7x7 VGG,
 * ResNet, MobileNetV2), i.e. at the native input class (224x224, 227x227 for Caffe AlexNet). At other
 * inputs (4K, 8K) only the feature extractor is listed, because torchvision's adaptive pool would
 * squash any map back to 6x6/7x7 and the FC sizes would then say nothing about the input. Pass
 * `{ head: 'always' }` to get torchvision's behaviour anyway (Caffe AlexNet has no adaptive pool, so
 * its fc6 exists only at a 6x6 pool5).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid, oneOf } from '../core/errors.js';

/** Models with a layer table. */
export type DnnModel = 'alexnet' | 'alexnet-caffe' | 'vgg16' | 'vgg19' | 'resnet18' | 'resnet50' | 'resnet152' | 'mobilenetv2';
/** Every model with a layer table. */
export const DNN_MODELS: readonly DnnModel[] = [
  'alexnet', 'alexnet-caffe', 'vgg16', 'vgg19', 'resnet18', 'resnet50', 'resnet152', 'mobilenetv2',
];

/** One layer's output tensor for one image (batch 1). Flat tensors (after flatten/linear) have h = w = 1. */
export interface LayerShape {
  /** Position of the row in the table (0-based). */
  readonly index: number;
  /** torchvision module path (`features.30`, `layer4.0.conv2`), or the Caffe layer name for `alexnet-caffe`. */
  readonly name: string;
  /** conv, relu, bn, lrn, maxpool, avgpool, flatten, dropout, linear, block, expand_pw, depthwise, project_pw. */
  readonly kind: string;
  /** Channels of the output tensor. */
  readonly c: number;
  /** Height of the output map, pixels (1 for flat tensors). */
  readonly h: number;
  /** Width of the output map, pixels (1 for flat tensors). */
  readonly w: number;
  /** c*h*w values per image. */
  readonly elements: number;
  /** Conventional name when one exists (`pool5`, `conv3_1`, `fc6`); AlexNet and VGG only. */
  readonly alias?: string;
  /** True for rows of the adaptive-pool/classifier head. */
  readonly head?: boolean;
  /** Learnable parameters of the module (weights + bias; a BatchNorm not listed as its own row is
   *  folded into the conv before it: ResNet block convs, MobileNetV2 conv-BN-ReLU6 units). */
  readonly params?: number;
}

/** Options of `layerShapes`. */
export interface LayerShapeOptions {
  /** 'auto' (default): head only at the native final map size; 'always': torchvision behaviour; 'never'. */
  readonly head?: 'auto' | 'always' | 'never';
}

// ---------------------------------------------------------------------------------------------
// The layer-table language
// ---------------------------------------------------------------------------------------------

/** One declarative op of a model description. */
export type DnnOp =
  | {
      /** 2-D convolution (square kernel; same stride and padding on both axes). */
      readonly op: 'conv';
      /** Module path or layer name of the row. */
      readonly name: string;
      /** Output channels. */
      readonly out: number;
      /** Kernel side, pixels. */
      readonly k: number;
      /** Stride, pixels; default 1. */
      readonly s?: number;
      /** Zero padding per side, pixels; default 0. */
      readonly p?: number;
      /** Conventional name (`conv3_1`). */
      readonly alias?: string;
      /** Row kind; default 'conv'. */
      readonly kind?: string;
      /** Grouped convolution (Caffe AlexNet conv2/4/5 use 2). */ readonly groups?: number;
      /** Conv bias (default true); false where a BatchNorm follows. */ readonly bias?: boolean;
      /** A BatchNorm follows and is folded into this row (default false). */ readonly bn?: boolean }
  | {
      /** Shape-preserving layer (activation, BatchNorm, LRN, dropout). */
      readonly op: 'same';
      /** Module path or layer name of the row. */
      readonly name: string;
      /** Row kind. */
      readonly kind: 'relu' | 'bn' | 'lrn' | 'dropout';
      /** Conventional name (`relu5`). */
      readonly alias?: string }
  | {
      /** Max pooling (square window). */
      readonly op: 'maxpool';
      /** Module path or layer name of the row. */
      readonly name: string;
      /** Window side, pixels. */
      readonly k: number;
      /** Stride, pixels. */
      readonly s: number;
      /** Zero padding per side, pixels; default 0. */
      readonly p?: number;
      /** Ceil-mode output size (Caffe); default false (floor mode). */
      readonly ceil?: boolean;
      /** Conventional name (`pool5`). */
      readonly alias?: string }
  /** Start of the head; `out` is the adaptive-pool output (h, w). */
  | {
      /** Adaptive average pooling, the first row of the head. */
      readonly op: 'adaptiveAvgPool';
      /** Module path of the row; '' lists no row (the pool is implicit). */
      readonly name: string;
      /** Output side (h = w), e.g. 6 for AlexNet, 7 for VGG, 1 for ResNet. */
      readonly out: number }
  | {
      /** Flatten to c·h·w channels with h = w = 1. */
      readonly op: 'flatten';
      /** Module path of the row. */
      readonly name: string }
  | {
      /** Fully connected layer. */
      readonly op: 'linear';
      /** Module path or layer name of the row. */
      readonly name: string;
      /** Output features. */
      readonly out: number;
      /** Conventional name (`fc6`). */
      readonly alias?: string }
  | {
      /** Dropout inside the classifier head (listed as a 'dropout' row). */
      readonly op: 'headDropout';
      /** Module path or layer name of the row. */
      readonly name: string }
  /** A ResNet stage `layerN` of `blocks` residual blocks. */
  | {
      /** ResNet stage. */
      readonly op: 'resStage';
      /** Stage name (`layer1`..`layer4`). */
      readonly name: string;
      /** Block type: 'basic' (two 3x3 convs, expansion 1) or 'bottleneck' (1x1-3x3-1x1, expansion 4). */
      readonly block: 'basic' | 'bottleneck';
      /** Width of the block's inner convs (output channels = planes x expansion). */
      readonly planes: number;
      /** Number of residual blocks. */
      readonly blocks: number;
      /** Stride of the stage's first block (1 or 2). */
      readonly stride: number }
  /** MobileNetV2 inverted-residual stages, numbered features.<first>.. */
  | {
      /** MobileNetV2 inverted-residual stages. */
      readonly op: 'invertedResiduals';
      /** Index of the first block in `features.<i>`. */
      readonly first: number;
      /** Width multiplier applied to every output channel count (rounded by `makeDivisible`). */
      readonly widthMult: number;
      /** torchvision table rows [t expansion, c channels, n repeats, s first stride]. */
      readonly settings: readonly (readonly [t: number, c: number, n: number, s: number])[] };

/** Declarative layer table of one model. */
export interface DnnTable {
  /** Model name. */
  readonly model: DnnModel;
  /** What the table describes (architecture variant, input, notable layers). */
  readonly description: string;
  /** Reference implementation the table follows (torchvision file or Caffe prototxt). */
  readonly source: string;
  /** Input the model was designed for. */
  readonly nativeInput: {
    /** Native input height, pixels. */
    readonly height: number;
    /** Native input width, pixels. */
    readonly width: number;
  };
  /** Final feature-map side the head expects (pool5 6x6, 7x7 ...). */
  readonly headExpects: number;
  /** False when the head has fixed in-features (Caffe fc6): then `head: 'always'` still needs the native map. */
  readonly adaptiveHead: boolean;
  /** The ops, in execution order, from the 3-channel input. */
  readonly ops: readonly DnnOp[];
}

/** torchvision `_make_divisible(v, 8)`: round to the nearest multiple of 8, never more than 10 % down. */
export function makeDivisible(v: number, divisor = 8, minValue = divisor): number {
  const newV = Math.max(minValue, Math.floor((v + divisor / 2) / divisor) * divisor);
  return newV < 0.9 * v ? newV + divisor : newV;
}

function vggOps(cfg: readonly (number | 'M')[]): DnnOp[] {
  const ops: DnnOp[] = [];
  let i = 0;
  let block = 1;
  let conv = 1;
  for (const v of cfg) {
    if (v === 'M') {
      ops.push({ op: 'maxpool', name: `features.${i++}`, k: 2, s: 2, alias: `pool${block}` });
      block++;
      conv = 1;
    } else {
      ops.push({ op: 'conv', name: `features.${i++}`, out: v, k: 3, p: 1, alias: `conv${block}_${conv}` });
      ops.push({ op: 'same', name: `features.${i++}`, kind: 'relu', alias: `relu${block}_${conv}` });
      conv++;
    }
  }
  ops.push(
    { op: 'adaptiveAvgPool', name: 'avgpool', out: 7 },
    { op: 'flatten', name: 'flatten' },
    { op: 'linear', name: 'classifier.0', out: 4096, alias: 'fc6' },
    { op: 'same', name: 'classifier.1', kind: 'relu', alias: 'relu6' },
    { op: 'headDropout', name: 'classifier.2' },
    { op: 'linear', name: 'classifier.3', out: 4096, alias: 'fc7' },
    { op: 'same', name: 'classifier.4', kind: 'relu', alias: 'relu7' },
    { op: 'headDropout', name: 'classifier.5' },
    { op: 'linear', name: 'classifier.6', out: 1000, alias: 'fc8' },
  );
  return ops;
}

function resnetOps(block: 'basic' | 'bottleneck', layers: readonly [number, number, number, number]): DnnOp[] {
  return [
    { op: 'conv', name: 'conv1', out: 64, k: 7, s: 2, p: 3, bias: false },
    { op: 'same', name: 'bn1', kind: 'bn' },
    { op: 'same', name: 'relu', kind: 'relu' },
    { op: 'maxpool', name: 'maxpool', k: 3, s: 2, p: 1 },
    { op: 'resStage', name: 'layer1', block, planes: 64, blocks: layers[0], stride: 1 },
    { op: 'resStage', name: 'layer2', block, planes: 128, blocks: layers[1], stride: 2 },
    { op: 'resStage', name: 'layer3', block, planes: 256, blocks: layers[2], stride: 2 },
    { op: 'resStage', name: 'layer4', block, planes: 512, blocks: layers[3], stride: 2 },
    { op: 'adaptiveAvgPool', name: 'avgpool', out: 1 },
    { op: 'flatten', name: 'flatten' },
    { op: 'linear', name: 'fc', out: 1000 },
  ];
}

const VGG16_CFG: readonly (number | 'M')[] = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'];
const VGG19_CFG: readonly (number | 'M')[] = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'];

/** The eight layer tables. Adding a model is adding an entry here. */
export const DNN_TABLES: Readonly<Record<DnnModel, DnnTable>> = {
  alexnet: {
    model: 'alexnet',
    description: 'AlexNet, torchvision variant (64-192-384-256-256, no LRN, adaptive 6x6 avgpool)',
    source: 'pytorch/vision torchvision/models/alexnet.py',
    nativeInput: { height: 224, width: 224 },
    headExpects: 6,
    adaptiveHead: true,
    ops: [
      { op: 'conv', name: 'features.0', out: 64, k: 11, s: 4, p: 2, alias: 'conv1' },
      { op: 'same', name: 'features.1', kind: 'relu', alias: 'relu1' },
      { op: 'maxpool', name: 'features.2', k: 3, s: 2, alias: 'pool1' },
      { op: 'conv', name: 'features.3', out: 192, k: 5, p: 2, alias: 'conv2' },
      { op: 'same', name: 'features.4', kind: 'relu', alias: 'relu2' },
      { op: 'maxpool', name: 'features.5', k: 3, s: 2, alias: 'pool2' },
      { op: 'conv', name: 'features.6', out: 384, k: 3, p: 1, alias: 'conv3' },
      { op: 'same', name: 'features.7', kind: 'relu', alias: 'relu3' },
      { op: 'conv', name: 'features.8', out: 256, k: 3, p: 1, alias: 'conv4' },
      { op: 'same', name: 'features.9', kind: 'relu', alias: 'relu4' },
      { op: 'conv', name: 'features.10', out: 256, k: 3, p: 1, alias: 'conv5' },
      { op: 'same', name: 'features.11', kind: 'relu', alias: 'relu5' },
      { op: 'maxpool', name: 'features.12', k: 3, s: 2, alias: 'pool5' },
      { op: 'adaptiveAvgPool', name: 'avgpool', out: 6 },
      { op: 'flatten', name: 'flatten' },
      { op: 'headDropout', name: 'classifier.0' },
      { op: 'linear', name: 'classifier.1', out: 4096, alias: 'fc6' },
      { op: 'same', name: 'classifier.2', kind: 'relu', alias: 'relu6' },
      { op: 'headDropout', name: 'classifier.3' },
      { op: 'linear', name: 'classifier.4', out: 4096, alias: 'fc7' },
      { op: 'same', name: 'classifier.5', kind: 'relu', alias: 'relu7' },
      { op: 'linear', name: 'classifier.6', out: 1000, alias: 'fc8' },
    ],
  },
  'alexnet-caffe': {
    model: 'alexnet-caffe',
    description: 'Original AlexNet (Krizhevsky 2012) as BVLC Caffe deploy: 227x227, 96-256-384-384-256, LRN, ceil-mode pooling',
    source: 'BVLC/caffe models/bvlc_alexnet/deploy.prototxt',
    nativeInput: { height: 227, width: 227 },
    headExpects: 6,
    adaptiveHead: false,
    ops: [
      { op: 'conv', name: 'conv1', out: 96, k: 11, s: 4, p: 0, alias: 'conv1' },
      { op: 'same', name: 'relu1', kind: 'relu' },
      { op: 'same', name: 'norm1', kind: 'lrn' },
      { op: 'maxpool', name: 'pool1', k: 3, s: 2, ceil: true, alias: 'pool1' },
      { op: 'conv', name: 'conv2', out: 256, k: 5, p: 2, groups: 2, alias: 'conv2' },
      { op: 'same', name: 'relu2', kind: 'relu' },
      { op: 'same', name: 'norm2', kind: 'lrn' },
      { op: 'maxpool', name: 'pool2', k: 3, s: 2, ceil: true, alias: 'pool2' },
      { op: 'conv', name: 'conv3', out: 384, k: 3, p: 1, alias: 'conv3' },
      { op: 'same', name: 'relu3', kind: 'relu' },
      { op: 'conv', name: 'conv4', out: 384, k: 3, p: 1, groups: 2, alias: 'conv4' },
      { op: 'same', name: 'relu4', kind: 'relu' },
      { op: 'conv', name: 'conv5', out: 256, k: 3, p: 1, groups: 2, alias: 'conv5' },
      { op: 'same', name: 'relu5', kind: 'relu' },
      { op: 'maxpool', name: 'pool5', k: 3, s: 2, ceil: true, alias: 'pool5' },
      // No adaptive pool in Caffe: fc6 takes exactly 256*6*6 inputs (the head starts here).
      { op: 'adaptiveAvgPool', name: '', out: 6 },
      { op: 'linear', name: 'fc6', out: 4096, alias: 'fc6' },
      { op: 'same', name: 'relu6', kind: 'relu' },
      { op: 'headDropout', name: 'drop6' },
      { op: 'linear', name: 'fc7', out: 4096, alias: 'fc7' },
      { op: 'same', name: 'relu7', kind: 'relu' },
      { op: 'headDropout', name: 'drop7' },
      { op: 'linear', name: 'fc8', out: 1000, alias: 'fc8' },
    ],
  },
  vgg16: {
    model: 'vgg16',
    description: "VGG-16 (cfg 'D'), torchvision, no batch norm",
    source: 'pytorch/vision torchvision/models/vgg.py',
    nativeInput: { height: 224, width: 224 },
    headExpects: 7,
    adaptiveHead: true,
    ops: vggOps(VGG16_CFG),
  },
  vgg19: {
    model: 'vgg19',
    description: "VGG-19 (cfg 'E'), torchvision, no batch norm",
    source: 'pytorch/vision torchvision/models/vgg.py',
    nativeInput: { height: 224, width: 224 },
    headExpects: 7,
    adaptiveHead: true,
    ops: vggOps(VGG19_CFG),
  },
  resnet18: {
    model: 'resnet18',
    description: 'ResNet-18, torchvision (BasicBlock [2,2,2,2])',
    source: 'pytorch/vision torchvision/models/resnet.py',
    nativeInput: { height: 224, width: 224 },
    headExpects: 7,
    adaptiveHead: true,
    ops: resnetOps('basic', [2, 2, 2, 2]),
  },
  resnet50: {
    model: 'resnet50',
    description: 'ResNet-50 v1.5, torchvision (Bottleneck [3,4,6,3], stride on the 3x3 conv)',
    source: 'pytorch/vision torchvision/models/resnet.py',
    nativeInput: { height: 224, width: 224 },
    headExpects: 7,
    adaptiveHead: true,
    ops: resnetOps('bottleneck', [3, 4, 6, 3]),
  },
  resnet152: {
    model: 'resnet152',
    description: 'ResNet-152 v1.5, torchvision (Bottleneck [3,8,36,3], stride on the 3x3 conv)',
    source: 'pytorch/vision torchvision/models/resnet.py',
    nativeInput: { height: 224, width: 224 },
    headExpects: 7,
    adaptiveHead: true,
    ops: resnetOps('bottleneck', [3, 8, 36, 3]),
  },
  mobilenetv2: {
    model: 'mobilenetv2',
    description: 'MobileNetV2 (width 1.0), torchvision',
    source: 'pytorch/vision torchvision/models/mobilenetv2.py',
    nativeInput: { height: 224, width: 224 },
    headExpects: 7,
    adaptiveHead: true,
    ops: [
      { op: 'conv', name: 'features.0', out: 32, k: 3, s: 2, p: 1, bias: false, bn: true },
      {
        op: 'invertedResiduals', first: 1, widthMult: 1,
        settings: [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]],
      },
      { op: 'conv', name: 'features.18', out: 1280, k: 1, bias: false, bn: true },
      // torchvision applies adaptive_avg_pool2d(x, (1, 1)) and flatten functionally in forward().
      { op: 'adaptiveAvgPool', name: 'avgpool', out: 1 },
      { op: 'flatten', name: 'flatten' },
      { op: 'headDropout', name: 'classifier.0' },
      { op: 'linear', name: 'classifier.1', out: 1000 },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// The shape engine
// ---------------------------------------------------------------------------------------------

/** Output side of a conv/pool window; 0 or less means the input is too small. */
export function windowOut(inSize: number, k: number, s: number, p: number, ceil: boolean, d = 1): number {
  const span = inSize + 2 * p - d * (k - 1) - 1;
  if (span < 0) return 0;
  if (!ceil) return Math.floor(span / s) + 1;
  let out = Math.ceil(span / s) + 1;
  if ((out - 1) * s >= inSize + p) out -= 1;
  return out;
}

interface Cursor { c: number; h: number; w: number }

class ShapeBuilder {
  readonly rows: LayerShape[] = [];
  ok = true;
  inHead = false;
  /** Per row: multiply-accumulates (conv, linear) and other arithmetic (pooling windows, residual
   *  additions), aligned with `rows` (src/workload/macs.ts reads them; rows themselves are unchanged). */
  readonly macs: number[] = [];
  readonly otherOps: number[] = [];
  pendingMacs = 0;
  pendingOther = 0;
  constructor(public cur: Cursor) {}
  push(name: string, kind: string, alias?: string, params = 0): void {
    const { c, h, w } = this.cur;
    const macs = this.pendingMacs;
    const other = this.pendingOther;
    this.pendingMacs = 0;
    this.pendingOther = 0;
    if (!(c >= 1 && h >= 1 && w >= 1)) { this.ok = false; return; }
    this.macs.push(macs);
    this.otherOps.push(other);
    const row: LayerShape = {
      index: this.rows.length, name, kind, c, h, w, elements: c * h * w,
      ...(alias !== undefined ? { alias } : {}),
      ...(this.inHead ? { head: true } : {}),
      params,
    };
    this.rows.push(row);
  }
  conv(name: string, out: number, k: number, s: number, p: number, kind = 'conv', alias?: string,
    o: { readonly groups?: number; readonly bias?: boolean; readonly bn?: boolean } = {}): void {
    const groups = o.groups ?? 1;
    const params = (this.cur.c / groups) * k * k * out + ((o.bias ?? true) ? out : 0) + ((o.bn ?? false) ? 2 * out : 0);
    const inC = this.cur.c;
    this.cur = { c: out, h: windowOut(this.cur.h, k, s, p, false), w: windowOut(this.cur.w, k, s, p, false) };
    // one MAC per weight per output pixel: (C_in/groups)·k²·C_out·H_out·W_out
    this.pendingMacs = (inC / groups) * k * k * out * Math.max(0, this.cur.h) * Math.max(0, this.cur.w);
    this.push(name, kind, alias, params);
  }
}

const CONV_BN = { bias: false, bn: true } as const;

function runResStage(b: ShapeBuilder, op: Extract<DnnOp, { op: 'resStage' }>): void {
  const expansion = op.block === 'basic' ? 1 : 4;
  for (let i = 0; i < op.blocks && b.ok; i++) {
    const stride = i === 0 ? op.stride : 1;
    const inC = b.cur.c;
    const entry = { ...b.cur };
    const prefix = `${op.name}.${i}`;
    if (op.block === 'basic') {
      b.conv(`${prefix}.conv1`, op.planes, 3, stride, 1, 'conv', undefined, CONV_BN);
      b.conv(`${prefix}.conv2`, op.planes, 3, 1, 1, 'conv', undefined, CONV_BN);
    } else {
      b.conv(`${prefix}.conv1`, op.planes, 1, 1, 0, 'conv', undefined, CONV_BN);
      b.conv(`${prefix}.conv2`, op.planes, 3, stride, 1, 'conv', undefined, CONV_BN);
      b.conv(`${prefix}.conv3`, op.planes * expansion, 1, 1, 0, 'conv', undefined, CONV_BN);
    }
    const out = { ...b.cur };
    if (stride !== 1 || inC !== op.planes * expansion) {
      b.cur = entry;
      b.conv(`${prefix}.downsample.0`, op.planes * expansion, 1, stride, 0, 'conv', undefined, CONV_BN);
      b.cur = out;
    }
    b.pendingOther = b.cur.c * b.cur.h * b.cur.w; // the residual addition
    b.push(prefix, 'block');
  }
}

function runInvertedResiduals(b: ShapeBuilder, op: Extract<DnnOp, { op: 'invertedResiduals' }>): void {
  let idx = op.first;
  for (const [t, c, n, s] of op.settings) {
    const outC = makeDivisible(c * op.widthMult, 8);
    for (let i = 0; i < n && b.ok; i++) {
      const stride = i === 0 ? s : 1;
      const inC = b.cur.c;
      const hidden = Math.round(b.cur.c * t);
      const prefix = `features.${idx}.conv`;
      let j = 0;
      if (t !== 1) b.conv(`${prefix}.${j++}`, hidden, 1, 1, 0, 'expand_pw', undefined, CONV_BN);
      b.conv(`${prefix}.${j++}`, hidden, 3, stride, 1, 'depthwise', undefined, { ...CONV_BN, groups: hidden });
      b.conv(`${prefix}.${j++}`, outC, 1, 1, 0, 'project_pw', undefined, CONV_BN);
      if (stride === 1 && inC === outC) b.pendingOther = b.cur.c * b.cur.h * b.cur.w; // use_res_connect addition
      b.push(`features.${idx}`, 'block');
      idx++;
    }
  }
}

function computeShapes(table: DnnTable, height: number, width: number, head: 'auto' | 'always' | 'never'): LayerShape[] {
  return runShapes(table, height, width, head).rows;
}

/** Rows plus the per-row arithmetic counts (macs, otherOps), for `layerMacs` (src/workload/macs.ts). */
export function layerShapesWithOps(model: DnnModel, input: { readonly height: number; readonly width: number }, head: 'auto' | 'always' | 'never' = 'auto'):
  { readonly rows: readonly LayerShape[]; readonly macs: readonly number[]; readonly otherOps: readonly number[] } {
  const table = (DNN_TABLES as Record<string, DnnTable | undefined>)[model];
  const { height, width } = input;
  if (table === undefined || !Number.isSafeInteger(height) || !Number.isSafeInteger(width) || height < 1 || width < 1) return { rows: [], macs: [], otherOps: [] };
  const b = runShapes(table, height, width, head);
  return b.ok ? { rows: b.rows, macs: b.macs, otherOps: b.otherOps } : { rows: [], macs: [], otherOps: [] };
}

function runShapes(table: DnnTable, height: number, width: number, head: 'auto' | 'always' | 'never'): { rows: LayerShape[]; macs: number[]; otherOps: number[]; ok: boolean } {
  const b = new ShapeBuilder({ c: 3, h: height, w: width });
  const done = (): { rows: LayerShape[]; macs: number[]; otherOps: number[]; ok: boolean } =>
    (b.ok ? { rows: b.rows, macs: b.macs, otherOps: b.otherOps, ok: true } : { rows: [], macs: [], otherOps: [], ok: false });
  for (const op of table.ops) {
    if (!b.ok) return done();
    switch (op.op) {
      case 'conv':
        b.conv(op.name, op.out, op.k, op.s ?? 1, op.p ?? 0, op.kind ?? 'conv', op.alias, op);
        break;
      case 'same':
        b.push(op.name, op.kind, op.alias, op.kind === 'bn' ? 2 * b.cur.c : 0);
        break;
      case 'maxpool': {
        const ceil = op.ceil ?? false;
        const p = op.p ?? 0;
        b.cur = { c: b.cur.c, h: windowOut(b.cur.h, op.k, op.s, p, ceil), w: windowOut(b.cur.w, op.k, op.s, p, ceil) };
        b.pendingOther = b.cur.c * op.k * op.k * Math.max(0, b.cur.h) * Math.max(0, b.cur.w); // window reads
        b.push(op.name, 'maxpool', op.alias);
        break;
      }
      case 'adaptiveAvgPool': {
        const atNative = b.cur.h === table.headExpects && b.cur.w === table.headExpects;
        const include = head === 'never' ? false : head === 'always' ? table.adaptiveHead || atNative : atNative;
        if (!include) return done();
        b.inHead = true;
        const summed = b.cur.c * b.cur.h * b.cur.w; // every input value is added once
        b.cur = { c: b.cur.c, h: op.out, w: op.out };
        if (op.name !== '') { b.pendingOther = summed; b.push(op.name, 'avgpool'); }
        break;
      }
      case 'flatten':
        b.cur = { c: b.cur.c * b.cur.h * b.cur.w, h: 1, w: 1 };
        b.push(op.name, 'flatten');
        break;
      case 'headDropout':
        b.push(op.name, 'dropout');
        break;
      case 'linear': {
        const inFeatures = b.cur.c * b.cur.h * b.cur.w;
        b.cur = { c: op.out, h: 1, w: 1 };
        b.pendingMacs = inFeatures * op.out;
        b.push(op.name, 'linear', op.alias, inFeatures * op.out + op.out);
        break;
      }
      case 'resStage':
        runResStage(b, op);
        break;
      case 'invertedResiduals':
        runInvertedResiduals(b, op);
        break;
    }
  }
  return done();
}

const cache = new Map<string, readonly LayerShape[]>();
const CACHE_LIMIT = 256;

/**
 * Every layer's output shape for one image of `height` x `width` pixels (3 channels).
 * Returns [] when the input is too small for the network (some map would be empty) or when the
 * arguments are not positive integers. Results are frozen and cached.
 */
export function layerShapes(model: DnnModel, input: { readonly height: number; readonly width: number }, opts?: LayerShapeOptions): readonly LayerShape[] {
  const table = (DNN_TABLES as Record<string, DnnTable | undefined>)[model];
  const { height, width } = input;
  if (table === undefined || !Number.isSafeInteger(height) || !Number.isSafeInteger(width) || height < 1 || width < 1) return [];
  const head = opts?.head ?? 'auto';
  const key = `${model}|${height}|${width}|${head}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const rows = computeShapes(table, height, width, head);
  for (const r of rows) Object.freeze(r);
  const frozen = Object.freeze(rows);
  if (cache.size >= CACHE_LIMIT) {
    const first = cache.keys().next();
    if (first.done !== true) cache.delete(first.value);
  }
  cache.set(key, frozen);
  return frozen;
}

/** Largest input side accepted by `tryLayerShapes` (24 x the 8K height keeps element counts well below 2^53). */
export const MAX_INPUT_SIDE = 100_000;

const minSideCache = new Map<DnnModel, number>();
/** Smallest square input side for which `layerShapes(model)` is non-empty (sides are independent). */
export function minInputSide(model: DnnModel): number {
  const hit = minSideCache.get(model);
  if (hit !== undefined) return hit;
  let n = 1;
  while (computeShapes(DNN_TABLES[model], n, 1024, 'never').length === 0 && n < 4096) n++;
  minSideCache.set(model, n);
  return n;
}

/** Validated `layerShapes` for user input: Left names the field (model, height, width). */
export function tryLayerShapes(model: string, input: { readonly height: unknown; readonly width: unknown } | unknown, opts?: LayerShapeOptions): E.Either<PhyError, readonly LayerShape[]> {
  const m = oneOf('model', model, DNN_MODELS);
  if (E.isLeft(m)) return m;
  const min = minInputSide(m.right);
  const rec = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  for (const field of ['height', 'width'] as const) {
    const v = rec[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > MAX_INPUT_SIDE) {
      return leftInvalid(`input.${field}`, `an integer in ${min}..${MAX_INPUT_SIDE} (${m.right} needs at least ${min} px)`, v);
    }
  }
  const rows = layerShapes(m.right, { height: rec['height'] as number, width: rec['width'] as number }, opts);
  return rows.length === 0 ? leftInvalid('input', `an input large enough for ${m.right}`, input) : E.right(rows);
}

/** Find a layer by module path (`features.30`) or alias (`pool5`). */
export function findLayer(rows: readonly LayerShape[], layer: string): LayerShape | undefined {
  for (const r of rows) if (r.name === layer) return r;
  for (const r of rows) if (r.alias === layer) return r;
  return undefined;
}

/** Candidate split points: tensors that actually leave a layer group (drops activations, BN, dropout,
 *  flatten and the convs inside residual blocks, whose split would also need the skip tensor). */
export function splitCandidates(model: DnnModel, rows: readonly LayerShape[]): readonly LayerShape[] {
  const skip = new Set(['relu', 'bn', 'lrn', 'dropout', 'flatten', 'expand_pw', 'depthwise', 'project_pw']);
  const inBlock = (r: LayerShape): boolean =>
    (model.startsWith('resnet') && /^layer\d\.\d+\./.test(r.name));
  return rows.filter((r) => !skip.has(r.kind) && !inBlock(r));
}

/** Learnable parameters of the whole model (torchvision counts; Caffe AlexNet with grouped convs). */
export function modelParameterCount(model: DnnModel): number {
  const t = DNN_TABLES[model];
  return layerShapes(model, t.nativeInput, { head: 'always' }).reduce((a, r) => a + (r.params ?? 0), 0);
}
