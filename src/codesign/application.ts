/**
 * Application-side relaxations (issue 15 item 4, spec/codesign.md §5): for a service that carries its
 * feature source (`ServiceProfile.feature`: model, layer, input, bits, ratio, batch, entropy gains) and
 * that no class serves, the closest changes of the *application* that make it feasible, next to the
 * planner's radio relaxations (deadline, bandwidth, FR2, SNR, epsilon): fewer bits per value, a higher
 * compression ratio, int8 plus compression, or a later split point. The radio budget, epsilon, period and
 * UE count stay as they are; only the payload sizes change (recomputed by `splitPayloadBytes`), and each
 * relaxation is confirmed by `plan` and re-checked by `verify`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { LinkContext } from '../classes/link.js';
import { defaultLink } from '../classes/link.js';
import { planClass, planExists } from '../classes/planner.js';
import type { PhyClass, PlanOptions } from '../classes/types.js';
import { verifyWith } from '../classes/verify.js';
import type { FeatureSource, ServiceProfile } from '../services/catalogue.js';
import { payloadProfile } from '../services/catalogue.js';
import { findLayer, layerShapes, splitCandidates } from '../workload/dnn.js';
import { splitPayloadBytes } from '../workload/split.js';
import { carrierBitsBound } from './codesign.js';
import { firstFeasible as firstFeasibleValue } from '../core/bisect.js';

/** One application-side change that `plan` confirms feasible. */
export interface ApplicationRelaxation {
  /** What changes: bits per value, compression ratio, int8 plus compression, or the split layer. */
  readonly kind: 'bits' | 'compression' | 'bits+compression' | 'split';
  /** One line, e.g. `8-bit at pool5 (features.30) [512x135x240] with 128:1 coding: 129,600 B per burst`. */
  readonly description: string;
  /** The changed feature source. */
  readonly feature: FeatureSource;
  /** Payload sizes of the changed source, bytes (one per entropy gain). */
  readonly sizesBytes: readonly number[];
  /** The class `plan` finds for the changed service (verified). */
  readonly classId: string;
}

/** Compression ratios tried, ascending (the seed paper's 10 % = 10). */
export const RATIO_LADDER: readonly number[] = [2, 4, 8, 10, 16, 20, 32, 40, 50, 64, 100, 128, 200, 256, 500, 1000, 2000, 5000, 10_000];

function sizesOf(f: FeatureSource): number[] {
  return f.entropyGains.map((g) => splitPayloadBytes({
    model: f.model, layer: f.layer, input: f.input, bitsPerValue: f.bitsPerValue, compressionRatio: f.compressionRatio,
    ...(f.batch !== undefined ? { batch: f.batch } : {}), entropyGain: g,
  }));
}

function describeFeature(f: FeatureSource, sizes: readonly number[]): string {
  const rows = layerShapes(f.model, f.input, { head: 'always' });
  const row = findLayer(rows, f.layer);
  const name = row?.alias !== undefined && row.alias !== row.name ? `${row.alias} (${row.name})` : (row?.name ?? f.layer);
  const max = Math.max(...sizes);
  const shape = row === undefined ? '' : row.h === 1 && row.w === 1 ? ` [${row.c}]` : ` [${row.c}x${row.h}x${row.w}]`;
  return `${f.bitsPerValue}-bit at ${name}${shape} with ${f.compressionRatio}:1 coding: ${max.toLocaleString('en-US')} B per burst`;
}

/** Extra acceptance of `applicationRelaxations` (e.g. the shared-carrier check of `systemApplicationRelaxations`). */
export interface ApplicationRelaxationHooks {
  /**
   * Called with the changed service and the class `plan` found for it (`verify` confirms the relaxations
   * kept, after the search); a candidate is kept only when this returns true (default: always).
   */
  readonly accept?: (changed: ServiceProfile, phyClass: PhyClass) => boolean;
}

/** A confirmed candidate: the class `plan` found for the changed service. */
interface Found {
  readonly id: string;
  readonly sizes: number[];
  readonly changed: ServiceProfile;
  readonly phyClass: PhyClass;
}

/** Whether a class meets a service on a link (`verify`, or a stand-in in tests). */
export type Verifier = (c: PhyClass, s: ServiceProfile, link: LinkContext) => boolean;
// `verify`'s verdict without its SNR-margin bisection (≈ 15 more evaluations per size): only `pass` is read,
// and it does not depend on the margin (classes/verify.ts verifyInner)
const verifies: Verifier = (c, s, link) => verifyWith(c, s, link, { snrMargin: false }).pass;

/**
 * The class for `s` with the payload of `f`, or null (no class, or a zero-size payload); with
 * `verifyEach`, also null when it rejects the class.
 */
function classFor(s: ServiceProfile, f: FeatureSource, link: LinkContext, opts: PlanOptions | undefined, hooks: ApplicationRelaxationHooks | undefined, verifyEach: Verifier | null): Found | null {
  const sizes = sizesOf(f);
  if (sizes.some((b) => !(b > 0))) return null;
  if (Math.max(...sizes) * 8 > carrierBitsBound(link, s.direction, s.latencyBudgetMs)) return null;
  const svc: ServiceProfile = { ...s, payload: payloadProfile(sizes), feature: f };
  // (the class alone: an infeasible probe's diagnosis would be thrown away)
  const c = planClass(svc, link, { ...opts, relaxations: false });
  if (c === null) return null;
  if (verifyEach !== null && !verifyEach(c, svc, link)) return null;
  return hooks?.accept === undefined || hooks.accept(svc, c) ? { id: c.id, sizes, changed: svc, phyClass: c } : null;
}

/**
 * Whether `classFor` (without `verifyEach` and `hooks.accept`) finds a class: the same checks, with a
 * search that stops at its first feasible class (`planExists`).
 */
function classExists(s: ServiceProfile, f: FeatureSource, link: LinkContext, opts: PlanOptions | undefined): boolean {
  const sizes = sizesOf(f);
  if (sizes.some((b) => !(b > 0))) return false;
  if (Math.max(...sizes) * 8 > carrierBitsBound(link, s.direction, s.latencyBudgetMs)) return false;
  const svc: ServiceProfile = { ...s, payload: payloadProfile(sizes), feature: f };
  return planExists(svc, link, { ...opts, relaxations: false });
}

/**
 * First feasible entry of an ascending-relaxation list (core/bisect; feasibility taken as monotone along it).
 * With `exists` (a yes/no predicate that agrees with `ok` being non-null), the bisection asks it and `ok`
 * runs once, at the entry found: the same probes, the same entry, the same class.
 */
function firstFeasible(xs: readonly FeatureSource[], ok: (f: FeatureSource) => Found | null, exists: ((f: FeatureSource) => boolean) | null): ({ f: FeatureSource } & Found) | null {
  if (exists === null) {
    const r = firstFeasibleValue(xs, ok);
    return r === null ? null : { f: xs[r.index]!, ...r.value };
  }
  const r = firstFeasibleValue(xs, (f) => (exists(f) ? true : null));
  if (r === null) return null;
  const found = ok(xs[r.index]!);
  return found === null ? null : { f: xs[r.index]!, ...found };
}

/**
 * Closest application-side relaxations of a service with a feature source on `link` (default
 * `defaultLink`); [] when the service has no `feature` or nothing on the ladders helps. Each entry is
 * confirmed by `plan` (and `verify`) with the same radio budget, epsilon, period and UE count; with
 * `hooks.accept`, also by that check (`systemApplicationRelaxations` passes the shared-carrier one).
 *
 * `verify` runs once per relaxation found, not at every probe of the ladders (it was half the cost of
 * this search, spec/codesign.md §5): a class `plan` returns passes `verify` (the planner's law,
 * test/properties/classes.planner.test.ts "verify(plan(x)) passes"), so the probes decide the same
 * either way. Should a relaxation found fail `verify`, the ladders are walked again with `verify` at
 * every probe, as before.
 */
export function applicationRelaxations(service: ServiceProfile, link: LinkContext = defaultLink, opts?: PlanOptions, hooks?: ApplicationRelaxationHooks): ApplicationRelaxation[] {
  return applicationRelaxationsWith(verifies, service, link, opts, hooks);
}

/** `applicationRelaxations` with the verifier given (tests pass one that rejects a class, to reach the second walk). */
export function applicationRelaxationsWith(
  check: Verifier, service: ServiceProfile, link: LinkContext, opts?: PlanOptions, hooks?: ApplicationRelaxationHooks,
): ApplicationRelaxation[] {
  const found = relaxationsOf(service, link, opts, hooks, null);
  const ok = found.every((r) => check(r.phyClass, r.changed, link));
  return (ok ? found : relaxationsOf(service, link, opts, hooks, check)).map((r) => r.relaxation);
}

/** A relaxation with the changed service and its class (what the verifier checks after the walk). */
interface FoundRelaxation {
  readonly relaxation: ApplicationRelaxation;
  readonly changed: ServiceProfile;
  readonly phyClass: PhyClass;
}

/** The ladders' walk: `verifyEach` null checks no probe with `verify` (the caller checks what is found). */
export function relaxationsOf(
  service: ServiceProfile, link: LinkContext, opts: PlanOptions | undefined, hooks: ApplicationRelaxationHooks | undefined, verifyEach: Verifier | null,
): FoundRelaxation[] {
  const f0 = service.feature;
  if (f0 === undefined) return [];
  const ok = (f: FeatureSource): Found | null => classFor(service, f, link, opts, hooks, verifyEach);
  // without a verifier or an accept hook, a probe's answer is whether plan finds a class: the probes ask only
  // that (a search that stops at the first feasible class), and the least class is searched where the walk ends
  const exists = verifyEach === null && hooks?.accept === undefined ? (f: FeatureSource): boolean => classExists(service, f, link, opts) : null;
  const out: FoundRelaxation[] = [];
  const push = (kind: ApplicationRelaxation['kind'], r: ({ f: FeatureSource } & Found) | null): void => {
    if (r !== null) {
      out.push({
        relaxation: { kind, description: describeFeature(r.f, r.sizes), feature: r.f, sizesBytes: r.sizes, classId: r.id },
        changed: r.changed,
        phyClass: r.phyClass,
      });
    }
  };
  // 1. fewer bits per value (same split, same ratio)
  push('bits', firstFeasible([16, 8, 4, 1].filter((b) => b < f0.bitsPerValue).map((b) => ({ ...f0, bitsPerValue: b })), ok, exists));
  // 2. a higher compression ratio (same split, same bits)
  const ratios = RATIO_LADDER.filter((x) => x > f0.compressionRatio);
  push('compression', firstFeasible(ratios.map((x) => ({ ...f0, compressionRatio: x })), ok, exists));
  // 3. int8 plus the smallest compression ratio that fits (when int8 is fewer bits than today)
  if (f0.bitsPerValue > 8) {
    const r8 = [f0.compressionRatio, ...ratios].map((x) => ({ ...f0, bitsPerValue: 8, compressionRatio: x }));
    push('bits+compression', firstFeasible(r8, ok, exists));
  }
  // 4. a later split point with a smaller tensor (same bits, same ratio), the closest first
  const rows = layerShapes(f0.model, f0.input, { head: 'always' });
  const here = findLayer(rows, f0.layer);
  if (here !== undefined) {
    for (const c of splitCandidates(f0.model, rows)) {
      if (c.index <= here.index || c.elements >= here.elements) continue;
      const f = { ...f0, layer: c.name };
      if (exists !== null && !exists(f)) continue;
      const r = ok(f);
      if (r !== null) { push('split', { f, ...r }); break; }
    }
  }
  return out;
}
