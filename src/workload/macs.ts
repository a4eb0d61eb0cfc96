/**
 * Compute per layer (issue 15, spec/workload.md §7): exact multiply-accumulates (MACs) of every row of
 * the shape engine, and device / edge compute profiles that turn MACs into milliseconds.
 *
 * MACs of a row (batch 1):
 *   conv   (C_in / groups) · k² · C_out · H_out · W_out      (grouped and depthwise convs included)
 *   linear in_features · out_features
 * Everything else is counted apart in `otherOps` (never mixed into `macs`): max pooling k² window reads
 * per output value, adaptive average pooling one addition per input value, a residual addition one per
 * output value (ResNet blocks, MobileNetV2 blocks with a skip). Activations, BatchNorm (folded into the
 * conv at inference), LRN and dropout count 0. Biases are not MACs.
 *
 * This is the convention of torchvision's model documentation (the "GFLOPS" column, `_ops` in the
 * weights meta of `alexnet.py`, `vgg.py`, `resnet.py`, `mobilenetv2.py`: 0.714, 15.47, 19.632, 1.814,
 * 4.089, 11.514, 0.301 at 224x224, which are conv + linear multiply-accumulates in G), and of
 * Sze et al., "Efficient Processing of Deep Neural Networks", Proc. IEEE 105(12), 2017, Table IV
 * (original two-tower AlexNet: 724 M MACs). test/conformance/workload.macs.test.ts checks all eight.
 *
 * Compute profiles (spec/codesign.md §2): time of a run of layers =
 *   overheadMs + Σ_layers (layerTimesMs[name] if measured, else macs / effectiveMacsPerSecond · 1000).
 * Presets take the vendor's peak int8 figure (ops = 2 · MACs), keep the dense half where the vendor
 * quotes structured sparsity, and apply a stated utilisation (an assumption: batch-1 inference keeps a
 * fraction of the peak busy); replace them with a measured per-layer table where one exists.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';
import { type DnnModel, type LayerShape, type LayerShapeOptions, layerShapesWithOps, tryLayerShapes } from './dnn.js';

/** One row of `layerMacs`: the shape row plus its arithmetic. */
export interface LayerMacs {
  /** Position of the row in `layerShapes` (0-based). */
  readonly index: number;
  /** Module path (as in `layerShapes`). */
  readonly name: string;
  /** Row kind (as in `layerShapes`). */
  readonly kind: string;
  /** Multiply-accumulates of this row (conv, linear); 0 for every other kind. */
  readonly macs: number;
  /** Other arithmetic counted apart: pooling window reads, average-pool additions, residual additions. */
  readonly otherOps: number;
  /** MACs of this row and every row before it (the device's share when splitting after this row). */
  readonly cumulativeMacs: number;
  /** Values of the row's output tensor (c·h·w), as in `layerShapes`. */
  readonly elements: number;
}

/** Answer of `layerMacs`: per-row figures and the totals of the model at that input. */
export interface ModelMacs {
  /** Model. */
  readonly model: DnnModel;
  /** Input, pixels. */
  readonly input: {
    /** Height, pixels. */
    readonly height: number;
    /** Width, pixels. */
    readonly width: number;
  };
  /** One entry per row of `layerShapes(model, input, opts)`. */
  readonly layers: readonly LayerMacs[];
  /** Sum of `macs` over the rows. */
  readonly totalMacs: number;
  /** Sum of `otherOps` over the rows. */
  readonly totalOtherOps: number;
}

const cache = new Map<string, ModelMacs>();
const CACHE_LIMIT = 64;

/**
 * Exact multiply-accumulates per layer of `model` at `input` (rows and head rule as `layerShapes`;
 * pass `{ head: 'always' }` for torchvision's behaviour at any input). An empty `layers` list when the
 * input is too small or not a positive integer (use `tryLayerMacs` for user input).
 */
export function layerMacs(model: DnnModel, input: { readonly height: number; readonly width: number }, opts?: LayerShapeOptions): ModelMacs {
  const head = opts?.head ?? 'auto';
  const key = `${model}|${input.height}|${input.width}|${head}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const r = layerShapesWithOps(model, input, head);
  let cum = 0;
  let other = 0;
  const layers: LayerMacs[] = r.rows.map((row: LayerShape, i) => {
    const macs = r.macs[i] ?? 0;
    const o = r.otherOps[i] ?? 0;
    cum += macs;
    other += o;
    return Object.freeze({ index: row.index, name: row.name, kind: row.kind, macs, otherOps: o, cumulativeMacs: cum, elements: row.elements });
  });
  const out: ModelMacs = Object.freeze({
    model, input: Object.freeze({ height: input.height, width: input.width }), layers: Object.freeze(layers), totalMacs: cum, totalOtherOps: other,
  });
  if (cache.size >= CACHE_LIMIT) {
    const first = cache.keys().next();
    if (first.done !== true) cache.delete(first.value);
  }
  cache.set(key, out);
  return out;
}

/** Validated `layerMacs` for user input; Left names the field (model, input.height, input.width). */
export function tryLayerMacs(model: string, input: unknown, opts?: LayerShapeOptions): E.Either<PhyError, ModelMacs> {
  // the same checks as tryLayerShapes (model name, input sides the model can take)
  const shapes = tryLayerShapes(model, input, opts);
  if (E.isLeft(shapes)) return shapes;
  const rec = input as { readonly height: number; readonly width: number };
  const r = layerMacs(model as DnnModel, { height: rec.height, width: rec.width }, opts);
  return r.layers.length === 0 ? leftInvalid('input', `an input large enough for ${model}`, input) : E.right(r);
}

/** MACs of the rows up to and including `index` (device side of a split after that row). */
export function macsUpTo(m: ModelMacs, index: number): number {
  if (index < 0) return 0;
  const row = m.layers[Math.min(index, m.layers.length - 1)];
  return row === undefined ? 0 : row.cumulativeMacs;
}

// ---------------------------------------------------------------------------------------------
// Compute profiles
// ---------------------------------------------------------------------------------------------

/** A device or edge compute profile: effective MAC rate, fixed overhead, optional measured layer times. */
export interface ComputeProfile {
  /** Identifier (`phone-npu-a16`, or a user name). */
  readonly id: string;
  /** Human-readable name. */
  readonly name: string;
  /** Effective multiply-accumulates per second at batch 1 (> 0). */
  readonly macsPerSecond: number;
  /** Fixed time per inference run (launch, pre-processing, memory set-up), ms (>= 0). */
  readonly overheadMs: number;
  /** Measured time per layer and image, ms, keyed by module path; rows not listed use macs / macsPerSecond. */
  readonly layerTimesMs?: Readonly<Record<string, number>>;
  /** Where the figures come from ('user' for user-defined profiles). */
  readonly source: string;
}

/** Utilisation assumed for every preset: the share of the peak MAC rate batch-1 inference keeps busy. */
export const PRESET_UTILISATION = 0.3;

function preset(id: string, name: string, peakInt8Tops: number, denseShare: number, overheadMs: number, source: string): ComputeProfile {
  // TOPS count 2 ops per MAC; denseShare = 0.5 where the vendor figure assumes 2:4 structured sparsity.
  const macsPerSecond = ((peakInt8Tops * 1e12) / 2) * denseShare * PRESET_UTILISATION;
  return Object.freeze({
    id, name, macsPerSecond, overheadMs,
    source: `${source}; effective = peak/2 MAC/s${denseShare < 1 ? ' x 0.5 (dense: the peak assumes 2:4 sparsity)' : ''} x utilisation ${PRESET_UTILISATION} (assumption)`,
  });
}

/** Named presets (figures: vendor peak int8 throughput; see spec/codesign.md §2). */
export const COMPUTE_PRESETS: Readonly<Record<string, ComputeProfile>> = Object.freeze({
  'phone-npu-a16': preset('phone-npu-a16', 'Phone NPU (Apple A16 Bionic Neural Engine, 17 TOPS)', 17, 1, 1,
    'Apple newsroom, iPhone 14 Pro / 14 Pro Max announcement (7 Sep 2022): A16 Bionic 16-core Neural Engine, up to 17 trillion operations per second'),
  'jetson-orin-nano': preset('jetson-orin-nano', 'Embedded robotics module (NVIDIA Jetson Orin Nano 8GB, 40 TOPS sparse INT8)', 40, 0.5, 1,
    'NVIDIA Jetson Orin Nano series data sheet (Orin Nano 8GB): up to 40 INT8 TOPS (sparse)'),
  'jetson-agx-orin': preset('jetson-agx-orin', 'Automotive/robotics module (NVIDIA Jetson AGX Orin 64GB, 275 TOPS sparse INT8)', 275, 0.5, 0.5,
    'NVIDIA Jetson AGX Orin series data sheet (AGX Orin 64GB): up to 275 INT8 TOPS (sparse, GPU + DLA)'),
  'edge-gpu-l4': preset('edge-gpu-l4', 'Edge server GPU (NVIDIA L4, 485 TOPS sparse INT8)', 485, 0.5, 0.2,
    'NVIDIA L4 Tensor Core GPU data sheet (2023): INT8 Tensor Core 485 TOPS (with sparsity)'),
});

/** Every preset id. */
export const COMPUTE_PRESET_IDS: readonly string[] = Object.keys(COMPUTE_PRESETS);

/** Time of rows `from..to` (inclusive, indices into `m.layers`) on `p`, ms; overhead added once when the run is non-empty. */
export function computeTimeMs(p: ComputeProfile, m: ModelMacs, from: number, to: number, runs = 1): number {
  if (to < from) return 0;
  let ms = 0;
  for (let i = Math.max(0, from); i <= Math.min(to, m.layers.length - 1); i++) {
    const row = m.layers[i]!;
    const measured = p.layerTimesMs?.[row.name];
    ms += measured !== undefined ? measured : (row.macs / p.macsPerSecond) * 1000;
  }
  return p.overheadMs + runs * ms;
}

/** Validate a compute profile built in code (the io-ts codec in src/codecs/compute.ts decodes JSON). */
export function checkComputeProfile(p: ComputeProfile, field = 'profile'): E.Either<PhyError, ComputeProfile> {
  if (!(typeof p.macsPerSecond === 'number' && Number.isFinite(p.macsPerSecond) && p.macsPerSecond > 0)) return leftInvalid(`${field}.macsPerSecond`, 'a finite number > 0', p.macsPerSecond);
  if (!(typeof p.overheadMs === 'number' && Number.isFinite(p.overheadMs) && p.overheadMs >= 0)) return leftInvalid(`${field}.overheadMs`, 'a finite number >= 0', p.overheadMs);
  for (const [k, v] of Object.entries(p.layerTimesMs ?? {})) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) return leftInvalid(`${field}.layerTimesMs.${k}`, 'a finite number >= 0', v);
  }
  return E.right(p);
}

/** A preset by id, or Left listing the ids. */
export function computePreset(id: string): E.Either<PhyError, ComputeProfile> {
  const p = typeof id === 'string' && Object.prototype.hasOwnProperty.call(COMPUTE_PRESETS, id) ? COMPUTE_PRESETS[id] : undefined;
  return p !== undefined ? E.right(p) : leftInvalid('profile', `one of ${COMPUTE_PRESET_IDS.map((x) => JSON.stringify(x)).join(', ')}`, id);
}
