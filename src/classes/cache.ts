/**
 * classes/cache: the planner's caches as one explicit object (issue 12 item 3, spec/planner.md §4.2).
 *
 * Every memo table and scratch buffer the search and the certified error bound use lives in a
 * `PlannerCache` passed in (`PlanOptions.cache`, `makeCtx(..., cache)`); `defaultPlannerCache` is
 * used when none is given. Each table is bounded (emptied when full), `clear()` empties them all,
 * and `stats()` reports hits, misses and sizes. Every table is PURE: a hit returns exactly what the
 * computation returns, so no answer depends on what was computed before (tested: the catalogue
 * planned in fresh processes in both orders gives the same bytes; clearing mid-run changes nothing).
 *
 * What is not in here is proven stateless: scratch arrays that every call writes before it reads
 * them (search: memberSeen, distinctScratch, unionScratch — re-zeroed after use — and the slab
 * allocators, which hand out zero-filled views; model: the K' intervals of errLowerBound), and the
 * constant MCS row list (classes/definition).
 */
import type { BlerModel } from '../link/bler.js';
import type { FadingLatticeCdf } from '../link/fading.js';
import { jakesEigenvalues } from '../link/correlation.js';
import { DisplacementTailMemo } from '../link/segments.js';
import type { CorrelationProfile } from './definition.js';

/** Hits, misses and current size of one table. */
export interface CacheTableStats {
  /** Lookups answered from the table. */
  hits: number;
  /** Lookups that computed (and stored) the value. */
  misses: number;
  /** Entries held now. */
  size: number;
  /** Entries above which the table is emptied. */
  readonly limit: number;
  /** Times the table was emptied because it was full. */
  evictions: number;
}

function tableStats(limit: number): CacheTableStats {
  return { hits: 0, misses: 0, size: 0, limit, evictions: 0 };
}

/**
 * The tables of one set of error-model inputs (model, receiver, SNR, fading, combining, HARQ
 * fading) — one link, as the error bound sees it.
 */
export interface LinkTables {
  /** [(table·32 + mcs)·8 + r] → (TBS bits → e_0..e_4): the certified error vectors. */
  readonly err: (Map<number, Float64Array> | undefined)[];
  /** errExceeds' proofs: [(table·32 + mcs)·8 + r] → (TBS·8 + tMax → largest thr proven below e_tMax). */
  readonly proven: (Map<number, number> | undefined)[];
  /** The search's reliability screens of this link, by (service row id, MCS, r, k) key (classes/search). */
  readonly screens: Map<number, unknown>;
}

/**
 * The scratch state of the fading-bound kernel (model.ts errBoundsChase and friends): the TB error
 * f on the Riemann lattice of the current call (generation-stamped), the kernel inputs set by
 * chaseSetup and read by latticeErr, the running sums, the lattice CDF tables of the fading model
 * last seen, and the start hints per MCS. Owned by a cache, never shared between caches.
 *
 * The hints (`startHint`) only steer where the start search probes first and where the one-evaluation
 * proofs look; every value they lead to is a valid bound (spec/planner.md §3.1, §4 rule 7), so an
 * answer never depends on them.
 */
export class ChaseKernel {
  /** f on the lattice (index i − base) of the current pass, valid where latticeGenOf equals gen: the current pass slot's arrays. */
  latticeF: Float64Array;
  latticeGenOf: Int32Array;
  latticeGen = 0;
  /**
   * Pass slots (model.usePass): f on the lattice of the last PASS_SLOTS passes, each known by its
   * block setup (setupId: one per distinct (model, Qm, K', n, R, C, mean, base), model.chaseSetup) and
   * SNR shift, so that a pass asked again for the same block — the bound computed after a screen
   * that did not prove a failure, say — reads the values already computed. Arrays are made on first use.
   */
  readonly slotF: Float64Array[] = [];
  readonly slotGenOf: Int32Array[] = [];
  readonly slotSetup = new Int32Array(PASS_SLOTS).fill(-1);
  readonly slotShift = new Float64Array(PASS_SLOTS);
  readonly slotGen = new Int32Array(PASS_SLOTS);
  readonly slotUsed = new Float64Array(PASS_SLOTS);
  setupId = 0;
  slotTick = 0;
  // the TB error kernel of the current call: f(x) = tbFromCb(blockError(qm, K', n, x, R), C).
  // The fields that come to hold doubles start as -0, a double (every use treats it as 0, and each is
  // set before it is read): a field that first holds small integers and later a double changes the
  // object's shape, and every optimised function that had read it deoptimises (issue 18, fresh process)
  model: BlerModel | undefined = undefined;
  qm = -0;
  kp = 0;
  nUses = -0;
  rate = -0;
  cbs = 1;
  mean = -0;
  shift = -0;
  base = 0;
  gen = 0;
  /** Where the sums of the attempt set up by chaseAttempt start (a lattice index). */
  start = -0;
  /** Results of chaseSums. */
  sumLo = -0;
  sumUp = -0;
  /** Lattice CDF tables of the fading model last seen, per attempt count j (index 1..4). */
  readonly tables: (FadingLatticeCdf | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  tablesKind = '';
  tablesDiv: number | undefined = -1;
  tablesParam = Number.NaN;
  /** Start guess per MCS ((table·32 + mcs), absolute SNR dB of the last start found); a hint only. */
  readonly startHint = new Float64Array(128).fill(Number.NaN);
  /**
   * Under correlated HARQ fading, per attempt j (index 2..4): the eigenvalue index K (1-based) whose
   * Riemann sum was the least over K at the last completed bound; 0 = none yet. A hint only: the
   * sums are tried from it first, so the others can stop early (model.correlatedAttempt).
   */
  readonly leastK = new Int8Array(5);
  /** Scratch of errBoundsChaseGeneric: f on the lattice (NaN = not computed yet; filled per call). */
  readonly genericF = new Float64Array(4096);

  constructor() {
    this.slotF.push(new Float64Array(4096));
    this.slotGenOf.push(new Int32Array(4096));
    this.latticeF = this.slotF[0]!;
    this.latticeGenOf = this.slotGenOf[0]!;
  }

  /** Forget the hints and the table memo (the scratch needs no reset: it is generation-stamped). */
  reset(): void {
    this.startHint.fill(Number.NaN);
    this.leastK.fill(0);
    this.tables.fill(undefined);
    this.tablesKind = '';
    this.tablesDiv = -1;
    this.tablesParam = Number.NaN;
    for (const g of this.slotGenOf) g.fill(0);
    this.slotSetup.fill(-1);
    this.latticeGen = 0;
  }
}

/** Pass slots of a ChaseKernel (8 × 48 kB at most). */
export const PASS_SLOTS = 8;

/** Limits of a PlannerCache (entries; each table is emptied when it reaches its limit). */
export interface PlannerCacheLimits {
  /** Error vectors over all links (default 200,000, ~12 MB). */
  readonly errVectors: number;
  /** Links (sets of error-model inputs) with their tables (default 256). */
  readonly links: number;
  /** errExceeds proofs over all links (default 200,000). */
  readonly proofs: number;
  /** Reliability screens over all links (default 200,000). */
  readonly screens: number;
  /** Service rows of the search (default 50,000). */
  readonly serviceRows: number;
  /** Group orders (default 4,096). */
  readonly groupOrders: number;
  /** TBS tables (default 20,000). */
  readonly tbsTables: number;
  /** Latency memos (per direction, duplex, pattern, UE capability; default 256). */
  readonly latencyMemos: number;
  /** halfErrorSnrDb values per model (default 100,000). */
  readonly halfSnr: number;
  /** Exact push-back tail vectors (link/segments `DisplacementTailMemo`; default 20,000, each ≤ b + 1 numbers). */
  readonly tails: number;
  /** Jakes eigenvalues per (Doppler, HARQ times) (default 20,000). */
  readonly eigen: number;
  /** Answers of the planner's relaxation probes (default 20,000). */
  readonly probes: number;
  /** Correlation profiles per (latency memo, numerologies, TTIs, grants, repetitions, Dopplers) (default 4,096). */
  readonly profiles: number;
}

const DEFAULT_LIMITS: PlannerCacheLimits = {
  errVectors: 200_000,
  links: 256,
  proofs: 200_000,
  screens: 200_000,
  serviceRows: 50_000,
  groupOrders: 4096,
  tbsTables: 20_000,
  latencyMemos: 256,
  halfSnr: 100_000,
  tails: 20_000,
  eigen: 20_000,
  probes: 20_000,
  profiles: 4096,
};

/** Names of the tables reported by `PlannerCache.stats()`. */
export type PlannerCacheTable = 'errVectors' | 'proofs' | 'screens' | 'serviceRows' | 'groupOrders' | 'tbsTables' | 'latency' | 'halfSnr' | 'tails' | 'eigen' | 'probes' | 'profiles';

/**
 * The planner's caches: bounded, clearable, with statistics. Pass one in `PlanOptions.cache` (or to
 * `makeCtx`) to isolate a computation; `defaultPlannerCache` serves calls that pass none. Not shared
 * between threads (a worker makes its own).
 */
export class PlannerCache {
  /** The bounds of the tables. */
  readonly limits: PlannerCacheLimits;
  /** Per set of error-model inputs (a key string): its error vectors, proofs and screens. */
  readonly links = new Map<string, LinkTables>();
  /** Per (direction, duplex, pattern, UE capability): (mu, TTI, grant) key → L_1..L_4. */
  readonly latency = new Map<string, Map<number, Float64Array>>();
  /** Per BLER model (the model object: presets are shared instances, `blerModel`): (Qm, R, K' range) key → halfErrorSnrDb. */
  readonly halfSnr = new Map<object, Map<number, number>>();
  /** classes/search: group orders by search-space key. */
  readonly groupOrders = new Map<string, unknown>();
  /** classes/search: service rows by service key, then TBS-table key. */
  readonly serviceRows = new Map<string, Map<number, unknown>>();
  /** classes/search: the next service-row id (ids are never reused within a cache). */
  nextRowId = 0;
  /** classes/search: TBS(n) tables by (N_RE/PRB, Qm, R, layers) key. */
  readonly tbsTables = new Map<number, Float64Array>();
  /** The fading-bound kernel's scratch state and hints. */
  readonly kernel = new ChaseKernel();
  /** Exact push-back tails of segmented packets (link/segments; keeps its own hit/miss counts). */
  readonly tails: DisplacementTailMemo;
  /**
   * The planner's relaxation probes (classes/planner): by the text of their inputs (service, link,
   * options), whether a class exists (true) or the least class's id, null for none.
   */
  readonly probes = new Map<string, string | true | null>();

  /** A probe's memoised answer (undefined: not held). */
  probe(key: string): string | true | null | undefined {
    const v = this.probes.get(key);
    if (v === undefined) this.counters.probes.misses++;
    else this.counters.probes.hits++;
    return v;
  }

  /** Hold a probe's answer (the table is emptied when full). */
  storeProbe(key: string, answer: string | true | null): void {
    boundedSet(this.probes, this.counters.probes, this.limits.probes, key, answer);
  }

  /**
   * Jakes eigenvalues by (Doppler, HARQ transmission times) (definition.correlationProfile's inputs):
   * buckets by a hash of the inputs' bits, each entry compared exactly (Object.is) on a hit.
   */
  readonly eigen = new Map<number, EigenEntry[]>();
  /**
   * link/correlation `jakesEigenvalues`, memoised in `eigen` (pure: a hit is the computed array, never
   * mutated by its readers): every plan context of a correlated-fading link computes its profile from
   * these, and the relaxation searches build one context per probe (issue 18). The key is a hash of
   * the inputs' bits, not text: a catalogue derive asks ~6,000 times, and formatting four doubles per
   * call as text took 4 % of it (measured); inputs that differ in any bit never share an entry.
   */
  readonly eigenvalues = (dopplerHz: number, timesMs: readonly number[]): readonly number[] => {
    const key = eigenHash(dopplerHz, timesMs);
    const c = this.counters.eigen;
    const bucket = this.eigen.get(key);
    if (bucket !== undefined) {
      for (const e of bucket) {
        if (sameInputs(e, dopplerHz, timesMs)) {
          c.hits++;
          return e.ev;
        }
      }
    }
    c.misses++;
    const ev = jakesEigenvalues(dopplerHz, timesMs);
    const entry: EigenEntry = { dopplerHz, timesMs: [...timesMs], ev };
    if (bucket !== undefined) bucket.push(entry);
    else boundedSet(this.eigen, c, this.limits.eigen, key, [entry]);
    return ev;
  };
  /**
   * Correlation profiles (definition.correlationProfile) of plan contexts, by the latency memo's key and
   * what else a profile reads: the space's numerologies, TTIs (length, mapping type, DM-RS position),
   * grants, repetitions and Dopplers (model.makeCtx). A derive asks ~30 times for ~11 profiles, and every
   * plan on a new SNR asks again for the same ones (issue 18). Pure: a profile is never mutated.
   */
  readonly profiles = new Map<string, CorrelationProfile>();
  /** Statistics per table (updated by the code that reads the tables). */
  readonly counters: Record<PlannerCacheTable, CacheTableStats>;

  constructor(limits: Partial<PlannerCacheLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    const l = this.limits;
    this.tails = new DisplacementTailMemo(l.tails);
    this.counters = {
      errVectors: tableStats(l.errVectors),
      proofs: tableStats(l.proofs),
      screens: tableStats(l.screens),
      serviceRows: tableStats(l.serviceRows),
      groupOrders: tableStats(l.groupOrders),
      tbsTables: tableStats(l.tbsTables),
      latency: tableStats(l.latencyMemos),
      halfSnr: tableStats(l.halfSnr),
      tails: tableStats(l.tails),
      eigen: tableStats(l.eigen),
      probes: tableStats(l.probes),
      profiles: tableStats(l.profiles),
    };
  }

  /** The tables of one set of error-model inputs (created on first use; all links dropped when there are too many). */
  linkTables(key: string): LinkTables {
    let t = this.links.get(key);
    if (t === undefined) {
      if (this.links.size >= this.limits.links || this.counters.errVectors.size >= this.limits.errVectors) this.clearLinks(true);
      t = { err: [], proven: [], screens: new Map() };
      this.links.set(key, t);
    }
    return t;
  }

  /**
   * Empty every link's error vectors, proofs and screens. Contexts holding a link's tables keep
   * working on their (detached) copy; results never depend on it (the tables are pure).
   */
  clearLinks(eviction = false): void {
    for (const t of this.links.values()) {
      t.err.length = 0;
      t.proven.length = 0;
      t.screens.clear();
    }
    this.links.clear();
    for (const c of [this.counters.errVectors, this.counters.proofs, this.counters.screens]) {
      if (eviction && c.size > 0) c.evictions++;
      c.size = 0;
    }
  }

  /**
   * Empty the service rows — and with them every link's screens, which are keyed by row id (a
   * screen must not outlive its row: before this cache existed, screens of cleared rows stayed in
   * their link's table for as long as the link was planned).
   */
  clearServiceRows(eviction = false): void {
    this.serviceRows.clear();
    for (const t of this.links.values()) t.screens.clear();
    if (eviction) this.counters.serviceRows.evictions++;
    this.counters.serviceRows.size = 0;
    this.counters.screens.size = 0;
  }

  /** Empty every table and reset the kernel's hints; statistics of hits and misses are kept. */
  clear(): void {
    this.clearLinks();
    this.clearServiceRows();
    this.latency.clear();
    this.halfSnr.clear();
    this.groupOrders.clear();
    this.tbsTables.clear();
    this.kernel.reset();
    this.tails.clear();
    this.eigen.clear();
    this.probes.clear();
    this.profiles.clear();
    for (const c of Object.values(this.counters)) c.size = 0;
  }

  /** A snapshot of every table's hits, misses, size and limit. */
  stats(): Record<PlannerCacheTable, Readonly<CacheTableStats>> {
    const t = this.counters.tails;
    t.hits = this.tails.hits;
    t.misses = this.tails.misses;
    t.size = this.tails.size;
    t.evictions = this.tails.evictions;
    const out = {} as Record<PlannerCacheTable, Readonly<CacheTableStats>>;
    for (const [k, v] of Object.entries(this.counters) as [PlannerCacheTable, CacheTableStats][]) out[k] = { ...v };
    return out;
  }

  /** Zero the hit and miss counters (sizes stay). */
  resetStats(): void {
    for (const c of Object.values(this.counters)) {
      c.hits = 0;
      c.misses = 0;
      c.evictions = 0;
    }
    this.tails.hits = 0;
    this.tails.misses = 0;
    this.tails.evictions = 0;
  }
}

/** The cache used when a caller passes none. */
export const defaultPlannerCache = new PlannerCache();

/** One memoised `jakesEigenvalues` answer with its exact inputs. */
interface EigenEntry {
  readonly dopplerHz: number;
  readonly timesMs: readonly number[];
  readonly ev: readonly number[];
}

const hashF64 = new Float64Array(1);
const hashU32 = new Uint32Array(hashF64.buffer);
/** A 32-bit hash of the bits of (dopplerHz, timesMs) (FNV-style mixing of each double's two words). */
function eigenHash(dopplerHz: number, timesMs: readonly number[]): number {
  let h = 0x811c9dc5 ^ timesMs.length;
  for (let i = -1; i < timesMs.length; i++) {
    hashF64[0] = i < 0 ? dopplerHz : (timesMs[i] as number);
    h = Math.imul(h ^ (hashU32[0] as number), 0x01000193);
    h = Math.imul(h ^ (hashU32[1] as number), 0x01000193);
  }
  return h;
}

function sameInputs(e: EigenEntry, dopplerHz: number, timesMs: readonly number[]): boolean {
  if (!Object.is(e.dopplerHz, dopplerHz) || e.timesMs.length !== timesMs.length) return false;
  for (let i = 0; i < timesMs.length; i++) if (!Object.is(e.timesMs[i], timesMs[i])) return false;
  return true;
}

/** Insert into a table that is emptied when it reaches `limit` entries, keeping its statistics. */
export function boundedSet<K, V>(table: Map<K, V>, stats: CacheTableStats, limit: number, key: K, value: V): void {
  if (table.size >= limit) {
    table.clear();
    stats.evictions++;
  }
  table.set(key, value);
  stats.size = table.size;
}
