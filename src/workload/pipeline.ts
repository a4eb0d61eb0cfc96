/**
 * The seed paper's generalized distributed-learning architecture (its Figure 1) as a traffic model:
 *
 *   sensors -> preprocessing -> local DNN (up to the split layer) -> early-exit decision
 *     (confident with probability pExit: decide locally, send at most a short exit report)
 *     else -> distillation / quantization / encoding -> UPLINK burst to the edge server
 *   edge: global DNN aggregating the features of N terminals per frame -> DOWNLINK result per terminal
 *
 * Per direction it yields the packet-size distribution (per terminal and per frame aggregated over
 * N terminals), the period and message rate, IP packets per burst at a given MTU (UDP/IPv4 by default:
 * ceil(S / (MTU - 28))), and the offered load in Mbit/s (application payload and with IP/UDP headers).
 * The number of terminals that send in one frame is Binomial(N, 1 - pExit).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';
import type { SplitPayloadParams } from './split.js';
import { trySplitPayloadBytes } from './split.js';

/** Input of `pipelineTraffic`: the seed paper's Figure-1 pipeline. */
export interface PipelineParams {
  /** Split point and feature coding (see `splitPayloadBytes`). */
  readonly split: SplitPayloadParams;
  /** Sensor frame rate per terminal, Hz. */
  readonly frameRateHz: number;
  /** Probability that the local DNN is confident (early exit: no features sent). */
  readonly exitProbability: number;
  /** Terminals whose features the global DNN aggregates. */
  readonly terminals: number;
  /** Bytes sent on an early exit (local decision report); 0 = nothing. Default 0. */
  readonly exitReportBytes?: number;
  /** Global-DNN result per terminal on the downlink, bytes. Default 64 (label, box list header). */
  readonly resultBytes?: number;
  /** 'served' (default): results only to terminals that sent features; 'all': to all N every frame. */
  readonly resultTo?: 'served' | 'all';
  /** IP MTU, bytes; default 1500. */
  readonly mtuBytes?: number;
  /** IP + UDP header bytes per packet; default 28 (IPv4). Use 48 for IPv6. */
  readonly ipOverheadBytes?: number;
}

/** One point of a burst-size distribution. */
export interface SizeProbability {
  /** Burst size, bytes (0 = nothing sent). */
  readonly bytes: number;
  /** Probability of this size in one frame, in (0, 1]. */
  readonly probability: number;
}

/** Traffic of one direction of the pipeline. */
export interface PipelineDirectionProfile {
  /** 'UL' (features or exit reports to the edge) or 'DL' (results to the terminals). */
  readonly direction: Direction;
  /** Size of one terminal's burst per frame (0 = nothing sent), with probabilities summing to 1. */
  readonly perTerminal: readonly SizeProbability[];
  /** Frame period, ms. */
  readonly periodMs: number;
  /** Mean bursts per second per terminal (zero-size bursts excluded). */
  readonly burstRateHz: number;
  /** Largest burst of one terminal, bytes. */
  readonly burstBytes: number;
  /** IP packets for the largest burst and size of its last packet (IP bytes). */
  readonly ipPacketsPerBurst: number;
  /** Size of the largest burst's last IP packet, bytes including the IP/UDP header (0 for an empty burst). */
  readonly lastIpPacketBytes: number;
  /** Aggregate bytes per frame over the N terminals: mean, 99th percentile, maximum. */
  readonly aggregateMeanBytes: number;
  /** 99th percentile of the aggregate bytes per frame (Binomial number of sending terminals). */
  readonly aggregateP99Bytes: number;
  /** Largest aggregate bytes per frame: N x `burstBytes`. */
  readonly aggregateMaxBytes: number;
  /** Mean offered load of all N terminals, Mbit/s (payload, and with IP/UDP headers). */
  readonly offeredLoadMbps: number;
  /** Mean offered load of all N terminals including IP/UDP headers, Mbit/s. */
  readonly offeredLoadIpMbps: number;
}

/** Result of `pipelineTraffic`. */
export interface PipelineProfile {
  /** Feature payload of one terminal's burst at the split layer, bytes (`splitPayloadBytes`). */
  readonly featureBytes: number;
  /** Uplink: features with probability 1 - exitProbability, else the exit report. */
  readonly uplink: PipelineDirectionProfile;
  /** Downlink: global-DNN results per terminal. */
  readonly downlink: PipelineDirectionProfile;
}

function binomialPmf(n: number, p: number): number[] {
  const pmf = new Array<number>(n + 1).fill(0);
  if (p <= 0) { pmf[0] = 1; return pmf; }
  if (p >= 1) { pmf[n] = 1; return pmf; }
  // log-space for stability at large n
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log((n - k + 1) / k);
    pmf[k] = Math.exp(logC + k * lp + (n - k) * lq);
  }
  return pmf;
}

function ipPackets(bytes: number, mtu: number, overhead: number): { packets: number; lastBytes: number } {
  if (bytes <= 0) return { packets: 0, lastBytes: 0 };
  const per = mtu - overhead;
  const packets = Math.ceil(bytes / per);
  return { packets, lastBytes: bytes - (packets - 1) * per + overhead };
}

function direction(dir: Direction, sizes: readonly SizeProbability[], sendProb: number, n: number, frameRateHz: number,
  mtu: number, overhead: number, alwaysAll: boolean): PipelineDirectionProfile {
  const clean = sizes.filter((s) => s.probability > 0);
  const burstBytes = Math.max(0, ...clean.map((s) => s.bytes));
  const meanBytes = clean.reduce((a, s) => a + s.bytes * s.probability, 0);
  const meanIpBytes = clean.reduce((a, s) => a + (s.bytes + ipPackets(s.bytes, mtu, overhead).packets * overhead) * s.probability, 0);
  const burstRateHz = frameRateHz * clean.filter((s) => s.bytes > 0).reduce((a, s) => a + s.probability, 0);
  const big = ipPackets(burstBytes, mtu, overhead);
  // Aggregate per frame: K ~ Binomial(n, sendProb) terminals send the large burst, the rest the small one.
  const small = Math.min(...clean.map((s) => s.bytes));
  const pmf = alwaysAll ? binomialPmf(n, 1) : binomialPmf(n, sendProb);
  let cdf = 0;
  let p99 = n * burstBytes;
  for (let k = 0; k <= n; k++) {
    cdf += pmf[k] ?? 0;
    if (cdf >= 0.99 - 1e-12) { p99 = k * burstBytes + (n - k) * small; break; }
  }
  return {
    direction: dir, perTerminal: clean, periodMs: 1000 / frameRateHz, burstRateHz, burstBytes,
    ipPacketsPerBurst: big.packets, lastIpPacketBytes: big.lastBytes,
    aggregateMeanBytes: n * meanBytes, aggregateP99Bytes: p99, aggregateMaxBytes: n * burstBytes,
    offeredLoadMbps: (n * meanBytes * 8 * frameRateHz) / 1e6,
    offeredLoadIpMbps: (n * meanIpBytes * 8 * frameRateHz) / 1e6,
  };
}

/** Traffic profile of the Figure-1 pipeline; Left names the offending field. */
export function pipelineTraffic(p: PipelineParams): E.Either<PhyError, PipelineProfile> {
  const feat = trySplitPayloadBytes(p.split);
  if (E.isLeft(feat)) return feat;
  const f = p.frameRateHz;
  if (typeof f !== 'number' || !Number.isFinite(f) || f <= 0 || f > 10_000) return leftInvalid('frameRateHz', 'a number in (0, 10000]', f);
  const pe = p.exitProbability;
  if (typeof pe !== 'number' || !(pe >= 0 && pe <= 1)) return leftInvalid('exitProbability', 'a probability in [0, 1]', pe);
  const n = p.terminals;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) return leftInvalid('terminals', 'an integer in 1..10000', n);
  const exitBytes = p.exitReportBytes ?? 0;
  if (!Number.isInteger(exitBytes) || exitBytes < 0 || exitBytes > 1e6) return leftInvalid('exitReportBytes', 'an integer in 0..1000000', exitBytes);
  const resultBytes = p.resultBytes ?? 64;
  if (!Number.isInteger(resultBytes) || resultBytes < 1 || resultBytes > 1e8) return leftInvalid('resultBytes', 'an integer in 1..100000000', resultBytes);
  const mtu = p.mtuBytes ?? 1500;
  if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65_535) return leftInvalid('mtuBytes', 'an integer in 68..65535', mtu);
  const oh = p.ipOverheadBytes ?? 28;
  if (!Number.isInteger(oh) || oh < 0 || oh >= mtu) return leftInvalid('ipOverheadBytes', `an integer in 0..${mtu - 1}`, oh);
  const resultTo = p.resultTo ?? 'served';
  if (resultTo !== 'served' && resultTo !== 'all') return leftInvalid('resultTo', "one of 'served', 'all'", resultTo);

  const S = feat.right;
  const ulSizes = pe === 0 ? [{ bytes: S, probability: 1 }]
    : exitBytes === S ? [{ bytes: S, probability: 1 }]
      : [{ bytes: S, probability: 1 - pe }, { bytes: exitBytes, probability: pe }];
  const dlSizes = resultTo === 'all' ? [{ bytes: resultBytes, probability: 1 }]
    : pe === 0 ? [{ bytes: resultBytes, probability: 1 }] : [{ bytes: resultBytes, probability: 1 - pe }, { bytes: 0, probability: pe }];
  return E.right({
    featureBytes: S,
    uplink: direction('UL', ulSizes, 1 - pe, n, f, mtu, oh, false),
    downlink: direction('DL', dlSizes, 1 - pe, n, f, mtu, oh, resultTo === 'all'),
  });
}
