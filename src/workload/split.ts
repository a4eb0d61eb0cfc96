/**
 * Split-point payload sizes and the seed paper's Table 1, recomputed.
 *
 * Payload of one inference burst at a split layer (seed paper §3; reference notes dnn-sizes.md and
 * services.md §8):
 *   payloadBytes = ceil( elements · batch · bitsPerValue / 8 / (compressionRatio · entropyGain) ) + metadataBytes
 * `compressionRatio` is the paper's knob ("10 %" = 10), applied on top of the quantisation
 * (bitsPerValue 32/16/8/4/1); `entropyGain` is lossless coding of ReLU-sparse maps (typically 1.5-3).
 *
 * `packetSizeTable()` checks each cell of the paper's Table 1 against exact layer sizes and states
 * where the paper's range holds and where it does not (spec/workload.md explains every cell).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid, oneOf } from '../core/errors.js';
import type { DnnModel, LayerShape } from './dnn.js';
import { DNN_MODELS, findLayer, layerShapes, splitCandidates, tryLayerShapes } from './dnn.js';

/** Quantisation of a feature value, bits: fp32, fp16, int8, int4 or binary. */
export type BitsPerValue = 32 | 16 | 8 | 4 | 1;
/** Every accepted `bitsPerValue`. */
export const BITS_PER_VALUE: readonly BitsPerValue[] = [32, 16, 8, 4, 1];

/** Input of `splitPayloadBytes` / `trySplitPayloadBytes`. */
export interface SplitPayloadParams {
  /** DNN whose intermediate tensor is sent (one of DNN_MODELS). */
  readonly model: DnnModel;
  /** Module path (`features.30`) or alias (`pool5`). */
  readonly layer: string;
  /** Input image size in pixels (integers from the model's minimum side up to 100000). */
  readonly input: {
    /** Input height, pixels. */
    readonly height: number;
    /** Input width, pixels. */
    readonly width: number;
  };
  /** Quantisation of each value, bits: one of 32, 16, 8, 4, 1. */
  readonly bitsPerValue: number;
  /** Lossy compression ratio on top of quantisation (10 = the paper's "10 %"); >= 1. */
  readonly compressionRatio: number;
  /** Images per burst (several cameras or frames); default 1. */
  readonly batch?: number;
  /** Lossless entropy-coding gain on top (>= 1); default 1. */
  readonly entropyGain?: number;
  /** Shape, scale and zero-point header per burst, bytes; default 0. */
  readonly metadataBytes?: number;
}

/** Exact payload formula on plain numbers (no validation). */
export function payloadBytesFor(elements: number, bitsPerValue: number, compressionRatio: number, batch = 1, entropyGain = 1, metadataBytes = 0): number {
  return Math.ceil((elements * batch * bitsPerValue) / 8 / (compressionRatio * entropyGain)) + metadataBytes;
}

/** Validated payload size for user input; Left names the offending field. */
export function trySplitPayloadBytes(p: SplitPayloadParams): E.Either<PhyError, number> {
  const rows = tryLayerShapes(p.model, p.input, { head: 'always' });
  if (E.isLeft(rows)) return rows;
  const bits = oneOf('bitsPerValue', p.bitsPerValue, BITS_PER_VALUE);
  if (E.isLeft(bits)) return bits;
  const cr = p.compressionRatio;
  if (typeof cr !== 'number' || !Number.isFinite(cr) || cr < 1 || cr > 1e6) return leftInvalid('compressionRatio', 'a number in [1, 1e6]', cr);
  const batch = p.batch ?? 1;
  if (!Number.isInteger(batch) || batch < 1 || batch > 4096) return leftInvalid('batch', 'an integer in 1..4096', batch);
  const eg = p.entropyGain ?? 1;
  if (typeof eg !== 'number' || !Number.isFinite(eg) || eg < 1 || eg > 1000) return leftInvalid('entropyGain', 'a number in [1, 1000]', eg);
  const meta = p.metadataBytes ?? 0;
  if (!Number.isInteger(meta) || meta < 0 || meta > 1e6) return leftInvalid('metadataBytes', 'an integer in 0..1000000', meta);
  const layer = typeof p.layer === 'string' ? findLayer(rows.right, p.layer) : undefined;
  if (layer === undefined) {
    const names = rows.right.map((r) => r.name).filter((n) => n !== '');
    return leftInvalid('layer', `a layer of ${p.model} at ${p.input.height}x${p.input.width} (e.g. ${names.slice(-4).join(', ')})`, p.layer);
  }
  return E.right(payloadBytesFor(layer.elements, bits.right, cr, batch, eg, meta));
}

/**
 * Payload bytes of one burst at a split layer. Plain-number API for trusted input: returns 0 when
 * the arguments are invalid or the layer does not exist at that input (use `trySplitPayloadBytes`
 * for user input to get the reason).
 */
export function splitPayloadBytes(p: SplitPayloadParams): number {
  const r = trySplitPayloadBytes(p);
  return E.isRight(r) ? r.right : 0;
}

// ---------------------------------------------------------------------------------------------
// The seed paper's Table 1, recomputed
// ---------------------------------------------------------------------------------------------

/** Column of the seed paper's Table 1: 224x224 input, 8K input, or future (10x / 100x the 8K pixels). */
export type PacketSizeScenario = '224' | '8k' | 'future';
/** Whether the paper's range holds for every candidate split point, some of them, or none. */
export type PacketSizeVerdict = 'holds' | 'partial' | 'fails';

/** One candidate split point of a Table-1 row. */
export interface PacketSizeCell {
  /** Module path of the layer (`features.30`). */
  readonly layer: string;
  /** Conventional layer name (`pool5`), where one exists. */
  readonly alias?: string;
  /** Layer kind (conv, maxpool, block, linear, ...). */
  readonly kind: string;
  /** Output shape 'CxHxW' ('C' for flat tensors). */
  readonly shape: string;
  /** Values of the output tensor per image (c·h·w). */
  readonly elements: number;
  /** Quantity compared with the paper's range: elements ('values') or payload bytes. */
  readonly value: number;
  /** True when `value` is within [paperMin, paperMax]. */
  readonly inRange: boolean;
}

/** One recomputed row of the seed paper's Table 1 (one paper cell, model and precision). */
export interface PacketSizeRow {
  /** Row id, e.g. '224.vgg16', '8k.resnet50.int8', 'future.x10.vgg16'. */
  readonly id: string;
  /** Table-1 column the row checks. */
  readonly scenario: PacketSizeScenario;
  /** The paper's row label ('AlexNet', 'VGGNet', 'ResNet', '8K input', 'future input'). */
  readonly paperRow: string;
  /** The paper's range as printed. */
  readonly paperRange: string;
  /** Lower bound of the paper's range, in `unit` (K = 1024, M = 1024²). */
  readonly paperMin: number;
  /** Upper bound of the paper's range, in `unit` (K = 1024, M = 1024²). */
  readonly paperMax: number;
  /** What is compared: element counts ('values', 224 rows) or payload bytes (8K and future rows). */
  readonly unit: 'values' | 'bytes';
  /** Model of the row. */
  readonly model: DnnModel;
  /** Input image size in pixels. */
  readonly input: {
    /** Input height, pixels. */
    readonly height: number;
    /** Input width, pixels. */
    readonly width: number;
  };
  /** Quantisation used for payload bytes, bits per value (32 or 8). */
  readonly bitsPerValue: number;
  /** Compression ratio used for payload bytes (10 = the paper's "10 %"; 1 for 224 rows). */
  readonly compressionRatio: number;
  /** Every candidate split point with its value and whether it falls in the paper's range. */
  readonly cells: readonly PacketSizeCell[];
  /** Smallest `value` over the cells, in `unit`. */
  readonly computedMin: number;
  /** Largest `value` over the cells, in `unit`. */
  readonly computedMax: number;
  /** Whether the paper's range holds for all, some or none of the cells. */
  readonly verdict: PacketSizeVerdict;
  /** First candidate from which every later split point is inside the range (null if none). */
  readonly holdsFrom: string | null;
  /** Computed explanation: where the range holds and where not. */
  readonly note: string;
}

const K8 = { height: 4320, width: 7680 } as const;
/** The paper's K and M are read as 1024 and 1024^2 (so 50,176 counts as "50K" and 100,352 as "100K"). */
export const PAPER_K = 1024;
/** The paper's M, read as 1024² (see PAPER_K). */
export const PAPER_M = 1024 * 1024;

function label(r: LayerShape): string {
  return r.alias !== undefined && r.alias !== r.name ? `${r.alias} (${r.name})` : r.name;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function buildRow(id: string, scenario: PacketSizeScenario, paperRow: string, paperRange: string, paperMin: number, paperMax: number,
  unit: 'values' | 'bytes', model: DnnModel, input: { height: number; width: number }, bitsPerValue: number, compressionRatio: number, extra: string): PacketSizeRow {
  const rows = splitCandidates(model, layerShapes(model, input));
  const cells: PacketSizeCell[] = rows.map((r) => {
    const value = unit === 'values' ? r.elements : payloadBytesFor(r.elements, bitsPerValue, compressionRatio);
    return {
      layer: r.name, ...(r.alias !== undefined ? { alias: r.alias } : {}), kind: r.kind,
      shape: r.h === 1 && r.w === 1 ? `${r.c}` : `${r.c}x${r.h}x${r.w}`, elements: r.elements, value,
      inRange: value >= paperMin && value <= paperMax,
    };
  });
  const values = cells.map((c) => c.value);
  const computedMin = Math.min(...values);
  const computedMax = Math.max(...values);
  let firstFrom = cells.length;
  while (firstFrom > 0 && cells[firstFrom - 1]?.inRange === true) firstFrom--;
  const holdsFromCell = firstFrom < cells.length ? cells[firstFrom] : undefined;
  const inCount = cells.filter((c) => c.inRange).length;
  const verdict: PacketSizeVerdict = inCount === cells.length ? 'holds' : inCount === 0 ? 'fails' : 'partial';
  const byLayer = new Map(rows.map((r) => [r.name, r] as const));
  const nameOf = (c: PacketSizeCell): string => { const r = byLayer.get(c.layer); return r ? label(r) : c.layer; };
  const outside = cells.filter((c) => !c.inRange);
  const inside = cells.filter((c) => c.inRange);
  const u = unit === 'values' ? 'values' : 'B';
  const parts: string[] = [];
  parts.push(`computed ${fmt(computedMin)}..${fmt(computedMax)} ${u} over ${cells.length} split points`);
  if (verdict === 'holds') parts.push(`every split point is inside ${paperRange}`);
  else if (verdict === 'fails') parts.push(`no split point is inside ${paperRange}`);
  else {
    if (holdsFromCell !== undefined) parts.push(`holds from ${nameOf(holdsFromCell)} on`);
    const earlyIn = inside.filter((c) => cells.indexOf(c) < firstFrom);
    if (earlyIn.length > 0) parts.push(`also inside: ${earlyIn.map((c) => `${nameOf(c)} ${fmt(c.value)}`).join(', ')}`);
    const above = outside.filter((c) => c.value > paperMax);
    const below = outside.filter((c) => c.value < paperMin);
    if (above.length > 0) parts.push(`above the range: ${above.slice(0, 8).map((c) => `${nameOf(c)} ${fmt(c.value)}`).join(', ')}${above.length > 8 ? ` and ${above.length - 8} more` : ''}`);
    if (below.length > 0) parts.push(`below the range: ${below.slice(0, 6).map((c) => `${nameOf(c)} ${fmt(c.value)}`).join(', ')}`);
  }
  if (extra !== '') parts.push(extra);
  return {
    id, scenario, paperRow, paperRange, paperMin, paperMax, unit, model, input: { ...input }, bitsPerValue, compressionRatio,
    cells, computedMin, computedMax, verdict, holdsFrom: holdsFromCell !== undefined ? nameOf(holdsFromCell) : null, note: parts.join('; '),
  };
}

let tableCache: readonly PacketSizeRow[] | undefined;

/**
 * The seed paper's Table 1 recomputed from the layer tables, one row per (paper cell, model, precision).
 * 224x224 rows compare element counts with the paper's value ranges (the paper's VGG example counts
 * values: 25,088 after pool5); the "1" lower bound is read as one class label, so only the upper
 * bound can fail at 224. 8K and future rows compare payload bytes at the stated 10 % (10:1).
 * Bounds read K = 1024 and M = 1024^2, the reading under which the paper's own examples
 * (VGG pool4/ResNet-50 layer4 = 100,352 as "100K", ResNet-18 layer3 = 50,176 as "50K") sit on the bound.
 */
export function packetSizeTable(): readonly PacketSizeRow[] {
  if (tableCache !== undefined) return tableCache;
  const rows: PacketSizeRow[] = [];
  const fams: readonly { paperRow: string; range: string; max: number; models: readonly DnnModel[] }[] = [
    { paperRow: 'AlexNet', range: '1~50K', max: 50 * PAPER_K, models: ['alexnet', 'alexnet-caffe'] },
    { paperRow: 'VGGNet', range: '1~100K', max: 100 * PAPER_K, models: ['vgg16', 'vgg19'] },
    { paperRow: 'ResNet', range: '1~50K', max: 50 * PAPER_K, models: ['resnet18', 'resnet50', 'resnet152'] },
  ];
  const extra224: Partial<Record<DnnModel, string>> = {
    'alexnet-caffe': 'native input 227x227 (the "224" of the AlexNet paper is a misprint)',
    vgg16: 'VGG-16 pool5 = 25,088 values = 100,352 B at fp32: the paper\'s worked example; note that 100,352 is also the element count of pool4',
    resnet18: 'fits ResNet-18/34: layer3 = 50,176 is the "50K"; label the paper\'s range "ResNet-18/34"',
    resnet50: 'bottleneck ResNet: block outputs are 4x wider (layer3 200,704, layer4 100,352); only the inner bottleneck convs (layer3.x.conv1/2 = 50,176, layer4.x.conv2 = 25,088) fall in 25K-50K, and a split there must also carry the skip tensor',
    resnet152: 'bottleneck ResNet: same block-output sizes as ResNet-50, so the paper\'s range does not describe it',
  };
  for (const f of fams) {
    for (const m of f.models) {
      const input = m === 'alexnet-caffe' ? { height: 227, width: 227 } : { height: 224, width: 224 };
      rows.push(buildRow(`224.${m}`, '224', f.paperRow, f.range, 1, f.max, 'values', m, input, 32, 1, extra224[m] ?? ''));
    }
  }
  const paperModels: readonly DnnModel[] = DNN_MODELS.filter((m) => m !== 'mobilenetv2');
  for (const bits of [32, 8] as const) {
    for (const m of paperModels) {
      rows.push(buildRow(`8k.${m}.${bits === 32 ? 'fp32' : 'int8'}`, '8k', '8K input, 10 % compression', '100 kB~10 MB', 100 * PAPER_K, 10 * PAPER_M, 'bytes', m, K8, bits, 10,
        bits === 32
          ? 'at fp32 only the deep split points reach the range; the 100 kB lower end is met by no 8K conv/pool tensor'
          : 'int8 + 10:1 reading: the 224 range (1K-100K values) x 661 pixel ratio x 1 B / 10 gives 66 kB-6.6 MB'));
    }
  }
  const futures: readonly { factor: number; input: { height: number; width: number } }[] = [
    { factor: 10, input: { height: Math.round(4320 * Math.sqrt(10)), width: Math.round(7680 * Math.sqrt(10)) } },
    { factor: 100, input: { height: 43_200, width: 76_800 } },
  ];
  for (const fu of futures) {
    for (const m of paperModels) {
      rows.push(buildRow(`future.x${fu.factor}.${m}`, 'future', `future input (${fu.factor}x the 8K pixel count), 10 % compression`, '1 MB~1000 MB', PAPER_M, 1000 * PAPER_M,
        'bytes', m, fu.input, 32, 10, `input ${fu.input.height}x${fu.input.width} at fp32, 10:1`));
    }
  }
  tableCache = Object.freeze(rows);
  return tableCache;
}
