/**
 * io-ts codec of the split-DNN pipeline (workload/pipeline.ts `PipelineParams`, the seed paper's
 * Figure-1 pipeline): `decodePipelineParams(u)` -> Either<PhyError, PipelineParams>, errors in the
 * one format `path: expected …, got …` (codecs/decode.ts). Quantities may carry units:
 * `frameRateHz` ("30 Hz"), byte sizes ("1.5 kB").
 */
import type * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { PhyError } from '../core/errors.js';
import type { PipelineParams } from '../workload/pipeline.js';
import { decode } from './decode.js';
import { BytesCodec, KHzCodec, PositiveBytesCodec, PositiveIntCodec, PositiveNumberCodec, ProbabilityCodec, intRangeCodec } from './quantity.js';
import { DnnModelCodec, NonEmptyStringCodec } from './service.js';

const BitsPerValue = new t.Type<number, number, unknown>(
  'BitsPerValue',
  (u): u is number => [32, 16, 8, 4, 1].includes(u as number),
  (u, c) => (typeof u === 'number' && [32, 16, 8, 4, 1].includes(u) ? t.success(u) : t.failure(u, c, 'one of 32, 16, 8, 4, 1')),
  t.identity,
);

/** Frame rate in Hz > 0: a number (Hz) or "30 Hz", "0.03 kHz". */
const FrameRateHzCodec = new t.Type<number, number, unknown>(
  'FrameRateHz',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0,
  (u, c) => {
    if (typeof u === 'number') return Number.isFinite(u) && u > 0 ? t.success(u) : t.failure(u, c, 'a frame rate > 0 Hz');
    const k = KHzCodec.validate(u, c); // kHz with units; a bare numeric string is read as Hz below
    if (typeof u === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(u)) {
      const v = Number(u);
      return v > 0 ? t.success(v) : t.failure(u, c, 'a frame rate > 0 Hz');
    }
    return k._tag === 'Right' ? t.success(Number.parseFloat((k.right * 1000).toPrecision(12))) : t.failure(u, c, 'a frame rate in Hz or a string such as "30 Hz"');
  },
  t.identity,
);

/** io-ts codec of PipelineParams. */
export const PipelineParamsCodec = t.intersection([
  t.type({
    /** Split point and feature coding (workload/split.ts `splitPayloadBytes`). */
    split: t.intersection([
      t.type({
        /** One of DNN_MODELS. */
        model: DnnModelCodec,
        /** Split layer: module path (`features.30`) or alias (`pool5`). */
        layer: NonEmptyStringCodec,
        /** Input image size in pixels (integers 1..100000). */
        input: t.type({ height: intRangeCodec(1, 100_000), width: intRangeCodec(1, 100_000) }),
        /** Quantisation, bits per value: 32, 16, 8, 4 or 1. */
        bitsPerValue: BitsPerValue,
        /** Lossy compression ratio on top of quantisation (> 0). */
        compressionRatio: PositiveNumberCodec,
      }),
      t.partial({
        /** Images per burst (integer >= 1); default 1. */
        batch: PositiveIntCodec,
      }),
    ]),
    /** Sensor frame rate per terminal, Hz (> 0; "30 Hz"). */
    frameRateHz: FrameRateHzCodec,
    /** Probability that the local DNN is confident (early exit), in [0, 1]. */
    exitProbability: ProbabilityCodec,
    /** Terminals whose features the global DNN aggregates, integer >= 1. */
    terminals: PositiveIntCodec,
  }),
  t.partial({
    /** Bytes sent on an early exit; default 0. */
    exitReportBytes: BytesCodec,
    /** Global-DNN result per terminal on the downlink, bytes; default 64. */
    resultBytes: BytesCodec,
    /** 'served' (default) or 'all'. */
    resultTo: new t.Type<'served' | 'all', 'served' | 'all', unknown>(
      'ResultTo',
      (u): u is 'served' | 'all' => u === 'served' || u === 'all',
      (u, c) => (u === 'served' || u === 'all' ? t.success(u) : t.failure(u, c, 'one of "served", "all"')),
      t.identity,
    ),
    /** IP MTU, bytes; default 1500. */
    mtuBytes: PositiveBytesCodec,
    /** IP + UDP header bytes per packet; default 28. */
    ipOverheadBytes: BytesCodec,
  }),
]);

/** Decode pipeline parameters (JSON value); errors name the path, e.g. `split.bitsPerValue`. */
export function decodePipelineParams(u: unknown, root = ''): E.Either<PhyError, PipelineParams> {
  return decode(PipelineParamsCodec, u, root) as E.Either<PhyError, PipelineParams>;
}
