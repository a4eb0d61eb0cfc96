/**
 * Campaigns: a parameter sweep (policies × UE counts × seeds) over one scenario, run in-process or
 * on worker_threads, merged deterministically (the merged output is the same for any worker count:
 * runs are numbered in a fixed order, each run depends only on its own parameters, and results are
 * sorted by run number before merging), and addressable as shards (`shard: { index, count }`, the
 * CLI's `--shard i/N`: run k belongs to shard k mod N) so that a cluster batch system can spread a
 * sweep and the shards' outputs can be merged later with `mergeCampaignRuns`.
 *
 * Workers: from compiled JavaScript (dist/) the worker is campaign-worker.js; when running from
 * TypeScript sources (vitest, tsx) it is campaign-worker.ts loaded through tsx's ESM loader.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PhyError } from '../core/errors.js';
import { intInRange, leftInvalid } from '../core/errors.js';
import { MAX_CAMPAIGN_RUNS, MAX_SLOTS, MAX_UES_PER_SERVICE, SEED } from '../core/ranges.js';
import type { PolicyName } from './policies.js';
import { policyByName } from './policies.js';
import type { BuiltSimulation } from './scenario.js';
import { buildSimulation, checkWorkload, decodeScenario } from './scenario.js';
import { PHYCLASS_VERSION } from '../core/version.js';
import { decodeLinkContext } from '../classes/link.js';
import { serviceById } from '../services/catalogue.js';
import type { ScenarioReport } from './simulate.js';
import { simulateBuilt } from './simulate.js';
import type { WilsonInterval } from './stats.js';
import { wilsonInterval } from './stats.js';

/** A parameter sweep over one scenario: one run per (policy, UE count, seed). */
export interface CampaignSpec {
  /** The scenario JSON (as for `simulate`). */
  readonly scenario: unknown;
  /** Simulation seeds, at least one; integers in 0..2^32-1 (core/ranges SEED). */
  readonly seeds: readonly number[];
  /** UE counts (integers 1..100,000), each applied to every service of the scenario; absent = the scenario's counts. */
  readonly ueCounts?: readonly number[];
  /** Policies; absent = the scenario's policy. */
  readonly policies?: readonly PolicyName[];
  /** Slots per run (integer 1..1e9); absent = the scenario's. */
  readonly slots?: number;
}

/** One run of a campaign: its number and parameters. */
export interface CampaignRunSpec {
  /** Run number in the fixed order (policies, then UE counts, then seeds), from 0; run k belongs to shard k mod N. */
  readonly index: number;
  /** Simulation seed of this run. */
  readonly seed: number;
  /** UE count applied to every service, or null for the scenario's own counts. */
  readonly ueCount: number | null;
  /** Policy of this run, or null for the scenario's policy. */
  readonly policy: PolicyName | null;
}

/** A finished run: its parameters and its simulation report. */
export interface CampaignRun extends CampaignRunSpec {
  /** The run's simulation report (as `simulate` returns it). */
  readonly report: ScenarioReport;
}

/** Merged result of one (policy, UE count, service), pooled over the seeds' runs. */
export interface MergedServiceRow {
  /** Policy name as reported by the runs. */
  readonly policy: string;
  /** UE count per service of these runs, or null for the scenario's own counts. */
  readonly ueCount: number | null;
  /** Service id. */
  readonly service: string;
  /** Runs (seeds) pooled into this row. */
  readonly runs: number;
  /** Packets with an outcome (arrived minus censored), summed over the runs: the ratio's denominator. */
  readonly decided: number;
  /** Packets delivered within their latency budget, summed over the runs. */
  readonly deliveredOnTime: number;
  /** (decided - deliveredOnTime) / decided, 0 when nothing was decided. */
  readonly missRatio: number;
  /** 95 % Wilson score interval of the miss ratio ([0, 1] when nothing was decided). */
  readonly missCi: WilsonInterval;
  /** The service's target miss probability (null when it has none). */
  readonly epsilon: number | null;
}

/** The outcome of `runCampaign` for one shard. */
export interface CampaignResult {
  /** The phyclass version that ran the sweep (parts of different versions are not merged). */
  readonly version: string;
  /**
   * sha256 (hex) of the sweep's identity: the canonical decoded scenario with its defaults filled
   * in, the axes (seeds, UE counts, policies), the slot count and the phyclass version
   * (`campaignFingerprint`). The same for every shard of one sweep; `campaign merge` refuses parts
   * whose fingerprints differ.
   */
  readonly fingerprint: string;
  /** The shard run: 0-based index of count ({ index: 0, count: 1 } = the whole campaign). */
  readonly shard: {
    /** 0-based shard index, < count. */
    readonly index: number;
    /** Number of shards the campaign is split into, >= 1. */
    readonly count: number;
  };
  /** Runs of the whole campaign (all shards). */
  readonly totalRuns: number;
  /** This shard's runs, sorted by run number. */
  readonly runs: readonly CampaignRun[];
  /** This shard's runs merged per policy, UE count and service (`mergeCampaignRuns`). */
  readonly merged: readonly MergedServiceRow[];
}

/** How to execute a campaign. */
export interface CampaignOptions {
  /** Worker threads, integer 1..256 (default 1 = in-process); the result does not depend on it. */
  readonly workers?: number;
  /** Run only shard `index` of `count` (runs whose number is index mod count); default the whole campaign. */
  readonly shard?: {
    /** 0-based shard index, 0..count-1. */
    readonly index: number;
    /** Number of shards, integer 1..1e6. */
    readonly count: number;
  };
  /** Called after every finished run with the runs done so far and this shard's run count. */
  readonly onProgress?: (doneRuns: number, totalRuns: number) => void;
  /**
   * Called as slots are simulated (every 10,000 ticks of each run, on every worker) with the
   * fraction of this shard's work done, in [0, 1]: finished runs plus the finished part of the
   * running ones, over the shard's run count. For progress bars; never feeds a result.
   */
  readonly onFraction?: (fractionDone: number) => void;
}

/** JSON with object keys sorted at every level (arrays keep their order): one text per value. */
export function canonicalJson(u: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = norm(o[k]);
    return out;
  };
  return JSON.stringify(norm(u)) ?? 'null';
}

/**
 * The fingerprint of a sweep (issue 17): sha256 of the canonical JSON of { version, scenario, axes,
 * slots }, where `scenario` is the decoded scenario with every default filled in (the link context
 * decoded with its defaults, catalogue service ids replaced by their profiles, UE counts resolved,
 * name/classes/maxClasses/slots/harqProcesses/queueLimit defaults), `axes` the seeds, UE counts and
 * policies in sweep order, and `slots` the slots per run actually simulated. Two parts with the same
 * fingerprint were computed from the same question by the same version.
 */
export function campaignFingerprint(spec: CampaignSpec): E.Either<PhyError, string> {
  const d = decodeScenario(spec.scenario);
  if (E.isLeft(d)) return d;
  const sc = d.right;
  const link = decodeLinkContext(sc.link ?? {});
  if (E.isLeft(link)) return link;
  const services = sc.services.map((s) => {
    const prof = typeof s.service === 'string' ? serviceById(s.service) : { _tag: 'Some' as const, value: s.service };
    const p = prof._tag === 'Some' ? prof.value : s.service;
    const ueCount = s.ueCount ?? (typeof p === 'string' ? undefined : p.ueCount) ?? 1;
    return { ...s, service: p, ueCount };
  });
  const scenario = {
    ...sc,
    name: sc.name ?? 'scenario',
    link: link.right,
    services,
    classes: sc.classes ?? 'plan',
    maxClasses: sc.maxClasses ?? 4,
    slots: sc.slots ?? 10_000,
    harqProcesses: sc.harqProcesses ?? 16,
    queueLimit: sc.queueLimit ?? 10_000,
  };
  const identity = {
    version: PHYCLASS_VERSION,
    scenario,
    axes: { seeds: spec.seeds, ueCounts: spec.ueCounts ?? null, policies: spec.policies ?? null },
    slots: spec.slots ?? scenario.slots,
  };
  return E.right(createHash('sha256').update(canonicalJson(identity)).digest('hex'));
}

/** All runs of a campaign in their fixed order: policies, then UE counts, then seeds. */
export function campaignRuns(spec: CampaignSpec): CampaignRunSpec[] {
  const pols: (PolicyName | null)[] = spec.policies !== undefined && spec.policies.length > 0 ? [...spec.policies] : [null];
  const ues: (number | null)[] = spec.ueCounts !== undefined && spec.ueCounts.length > 0 ? [...spec.ueCounts] : [null];
  const out: CampaignRunSpec[] = [];
  for (const policy of pols) for (const ueCount of ues) for (const seed of spec.seeds) out.push({ index: out.length, seed, ueCount, policy });
  return out;
}

/** Parse `i/N` (0-based shard i of N). */
export function parseShard(text: string): E.Either<PhyError, {
  /** 0-based shard index i, < count. */
  index: number;
  /** Number of shards N, >= 1. */
  count: number;
}> {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) return leftInvalid('shard', "'i/N' with 0 <= i < N, e.g. '0/4'", text);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index < count)) return leftInvalid('shard', "'i/N' with 0 <= i < N, e.g. '0/4'", text);
  return E.right({ index, count });
}

function validate(spec: CampaignSpec, opts: CampaignOptions): E.Either<PhyError, void> {
  if (spec.seeds.length === 0) return leftInvalid('seeds', 'at least one seed', spec.seeds);
  const runs = spec.seeds.length * Math.max(1, spec.ueCounts?.length ?? 0) * Math.max(1, spec.policies?.length ?? 0);
  if (runs > MAX_CAMPAIGN_RUNS) {
    return leftInvalid('seeds', `at most ${MAX_CAMPAIGN_RUNS} runs (policies x UE counts x seeds) per campaign (core/ranges MAX_CAMPAIGN_RUNS: its JSON must fit one string); split the sweep`, `${runs} runs`);
  }
  for (let i = 0; i < spec.seeds.length; i++) {
    const r = intInRange(`seeds[${i}]`, spec.seeds[i], SEED.min, SEED.max);
    if (E.isLeft(r)) return r;
  }
  for (let i = 0; i < (spec.ueCounts ?? []).length; i++) {
    const r = intInRange(`ueCounts[${i}]`, spec.ueCounts![i], 1, MAX_UES_PER_SERVICE);
    if (E.isLeft(r)) return r;
  }
  for (let i = 0; i < (spec.policies ?? []).length; i++) {
    const r = policyByName(spec.policies![i], `policies[${i}]`);
    if (E.isLeft(r)) return r;
  }
  if (spec.slots !== undefined) {
    const r = intInRange('slots', spec.slots, 1, MAX_SLOTS);
    if (E.isLeft(r)) return r;
  }
  const w = intInRange('workers', opts.workers ?? 1, 1, 256);
  if (E.isLeft(w)) return w;
  if (opts.shard !== undefined) {
    const c = intInRange('shard.count', opts.shard.count, 1, 1e6);
    if (E.isLeft(c)) return c;
    const i = intInRange('shard.index', opts.shard.index, 0, opts.shard.count - 1);
    if (E.isLeft(i)) return i;
  }
  return E.right(undefined);
}

function withUeCount(scenario: unknown, ueCount: number | null): unknown {
  if (ueCount === null || typeof scenario !== 'object' || scenario === null) return scenario;
  const s = scenario as { services?: unknown };
  if (!Array.isArray(s.services)) return scenario;
  return { ...s, services: s.services.map((x: unknown) => (typeof x === 'object' && x !== null ? { ...x, ueCount } : x)) };
}

/**
 * Execute runs in this thread (the worker uses the same function). Simulations are built once per
 * UE count and reused across policies and seeds.
 */
export function executeRuns(
  spec: CampaignSpec,
  runs: readonly CampaignRunSpec[],
  onRun?: (r: CampaignRun) => void,
  onSlots?: (doneSlots: number, totalSlots: number) => void,
): E.Either<PhyError, CampaignRun[]> {
  const built = new Map<number | null, BuiltSimulation>();
  const out: CampaignRun[] = [];
  for (const r of runs) {
    let b = built.get(r.ueCount);
    if (b === undefined) {
      const be = buildSimulation(withUeCount(spec.scenario, r.ueCount));
      if (E.isLeft(be)) return be;
      b = be.right;
      built.set(r.ueCount, b);
    }
    let sim = b;
    if (r.policy !== null) {
      const p = policyByName(r.policy);
      if (E.isLeft(p)) return p;
      sim = { ...b, config: { ...b.config, policy: p.right } };
    }
    const rep = simulateBuilt(sim, { seed: r.seed, ...(spec.slots !== undefined ? { slots: spec.slots } : {}), ...(onSlots !== undefined ? { onProgress: onSlots } : {}) });
    if (E.isLeft(rep)) return rep;
    const run = { ...r, report: rep.right };
    out.push(run);
    onRun?.(run);
  }
  return E.right(out);
}

/** Merge runs (from any shards) deterministically: per policy, UE count and service, pooled over seeds. */
export function mergeCampaignRuns(runs: readonly CampaignRun[]): MergedServiceRow[] {
  const sorted = [...runs].sort((a, b) => a.index - b.index);
  const rows = new Map<string, { policy: string; ueCount: number | null; service: string; runs: number; decided: number; onTime: number; epsilon: number | null }>();
  for (const r of sorted) {
    for (const s of r.report.services) {
      const key = `${r.report.policy}\u0000${r.ueCount ?? ''}\u0000${s.id}`;
      const row = rows.get(key) ?? { policy: r.report.policy, ueCount: r.ueCount, service: s.id, runs: 0, decided: 0, onTime: 0, epsilon: s.epsilon };
      row.runs += 1;
      row.decided += s.decided;
      row.onTime += s.deliveredOnTime;
      rows.set(key, row);
    }
  }
  return [...rows.values()].map((x) => ({
    policy: x.policy,
    ueCount: x.ueCount,
    service: x.service,
    runs: x.runs,
    decided: x.decided,
    deliveredOnTime: x.onTime,
    missRatio: x.decided > 0 ? (x.decided - x.onTime) / x.decided : 0,
    missCi: wilsonInterval(x.decided - x.onTime, x.decided),
    epsilon: x.epsilon,
  }));
}

/**
 * Where the worker script lives and how to start it: compiled JavaScript (dist/) runs directly;
 * from TypeScript sources (vitest, tsx) a small ESM bootstrap registers tsx's loader in the worker
 * (`tsx/esm/api` register()) and then imports campaign-worker.ts.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./campaign-worker.js', import.meta.url);
  const target = new URL('./campaign-worker.ts', import.meta.url).href;
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(target)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

interface WorkerReply {
  readonly kind: 'run' | 'done' | 'error' | 'progress';
  /** 'progress': slots done of the running run. */
  readonly done?: number;
  /** 'progress': slots of the running run. */
  readonly total?: number;
  readonly run?: CampaignRun;
  readonly message?: string;
  /** The run's own error (bad input found while running), as opposed to a worker failure. */
  readonly error?: PhyError;
}

function runOnWorker(
  spec: CampaignSpec,
  runs: readonly CampaignRunSpec[],
  onRun: (r: CampaignRun) => void,
  onSlots?: (doneSlots: number, totalSlots: number) => void,
): Promise<E.Either<PhyError, void>> {
  return new Promise((resolve) => {
    const w = new Worker(workerEntry(), { workerData: { spec, runs, progress: onSlots !== undefined } });
    let settled = false;
    const finish = (v: E.Either<PhyError, void>): void => {
      if (settled) return;
      settled = true;
      void w.terminate();
      resolve(v);
    };
    w.on('message', (m: WorkerReply) => {
      if (m.kind === 'run' && m.run !== undefined) onRun(m.run);
      else if (m.kind === 'progress') onSlots?.(m.done ?? 0, m.total ?? 1);
      else if (m.kind === 'done') finish(E.right(undefined));
      else if (m.kind === 'error') finish(E.left(m.error ?? { _tag: 'Unsupported', field: 'campaign', message: m.message ?? 'worker failed' }));
    });
    w.on('error', (e) => finish(E.left({ _tag: 'Unsupported', field: 'campaign', message: `campaign worker failed: ${e.message}` })));
    w.on('exit', (code) => finish(code === 0 ? E.right(undefined) : E.left({ _tag: 'Unsupported', field: 'campaign', message: `campaign worker exited with code ${code}` })));
  });
}

/** Run (a shard of) a campaign on `workers` threads; the result does not depend on the worker count. */
export async function runCampaign(spec: CampaignSpec, opts: CampaignOptions = {}): Promise<E.Either<PhyError, CampaignResult>> {
  const v = validate(spec, opts);
  if (E.isLeft(v)) return v;
  // Fail fast on a bad scenario (with its path) before starting threads.
  // Resource limits before any run (issue 17): the largest UE count is the heaviest run.
  const heaviest = spec.ueCounts !== undefined && spec.ueCounts.length > 0 ? Math.max(...spec.ueCounts) : null;
  const probe = buildSimulation(withUeCount(spec.scenario, heaviest));
  if (E.isLeft(probe)) return probe;
  const wl = checkWorkload(probe.right, spec.slots ?? probe.right.slots);
  if (E.isLeft(wl)) return wl;
  const fingerprint = campaignFingerprint(spec);
  if (E.isLeft(fingerprint)) return fingerprint;
  const shard = opts.shard ?? { index: 0, count: 1 };
  const all = campaignRuns(spec);
  const mine = all.filter((r) => r.index % shard.count === shard.index);
  const workers = Math.min(opts.workers ?? 1, Math.max(1, mine.length));
  const results: CampaignRun[] = [];
  // Progress fraction: finished runs plus the running runs' finished slots (one running run per worker).
  const running = new Map<number, number>();
  const fraction = (): number => (results.length + [...running.values()].reduce((a, b) => a + b, 0)) / Math.max(1, mine.length);
  const slotsOf = (w: number) =>
    opts.onFraction === undefined
      ? undefined
      : (done: number, total: number): void => {
          running.set(w, total > 0 ? Math.min(1, done / total) : 0);
          opts.onFraction?.(Math.min(1, fraction()));
        };
  const onRun = (r: CampaignRun, w = 0): void => {
    results.push(r);
    running.set(w, 0);
    opts.onProgress?.(results.length, mine.length);
    opts.onFraction?.(Math.min(1, fraction()));
  };
  opts.onProgress?.(0, mine.length);
  if (workers <= 1) {
    const r = executeRuns(spec, mine, (x) => onRun(x), slotsOf(0));
    if (E.isLeft(r)) return r;
  } else {
    // Runs of one UE count go to the same worker (so it builds that simulation once), spread round robin.
    const groups = new Map<number | null, CampaignRunSpec[]>();
    for (const r of mine) groups.set(r.ueCount, [...(groups.get(r.ueCount) ?? []), r]);
    const buckets: CampaignRunSpec[][] = Array.from({ length: workers }, () => []);
    const flat = [...groups.values()];
    if (flat.length >= workers) flat.forEach((g, i) => buckets[i % workers]!.push(...g));
    else mine.forEach((r, i) => buckets[i % workers]!.push(r));
    const outs = await Promise.all(buckets.filter((b) => b.length > 0).map((b, w) => runOnWorker(spec, b, (x) => onRun(x, w), slotsOf(w))));
    for (const o of outs) if (E.isLeft(o)) return o;
  }
  const runs = results.sort((a, b) => a.index - b.index);
  return E.right({ version: PHYCLASS_VERSION, fingerprint: fingerprint.right, shard, totalRuns: all.length, runs, merged: mergeCampaignRuns(runs) });
}
