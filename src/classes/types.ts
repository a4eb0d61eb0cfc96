/**
 * classes/types: the vocabulary of the PHY-class planner (issue 5, spec/planner.md).
 *
 * A `PhyClass` is one complete 5G NR physical-layer configuration for a service: numerology
 * (TS 38.211 §4.2), PDSCH/PUSCH mapping type and TTI length (TS 38.214 §5.1.2.1 / §6.1.2.1),
 * MCS table and index (TS 38.214 §5.1.3.1), HARQ and repetition, UL grant type, and the PRB
 * budget per TTI whose transport block size (TS 38.214 §5.1.3.2) fixes how packets are cut into
 * TTIs (`allocationFor`). `Verdict`, `Infeasible`, `ClassPlan` and `Assignment` are the answers of
 * `verify`, `plan`, `deriveClasses` and the compiled classifier.
 */
import type { PlannerCache } from './cache.js';
import type { Combining, Direction, GrantType, MappingType, McsTableName, Mu } from '../core/types.js';

/** Repetition (slot / mini-slot aggregation) factor of one HARQ transmission. */
export type Repetitions = 1 | 2 | 4 | 8;
/** All repetition factors, ascending. */
export const REPETITION_VALUES: readonly Repetitions[] = [1, 2, 4, 8];

/** TTI lengths the planner searches: type A 14-symbol slot, type B 7/4/2-symbol mini-slots. */
export const TTI_CHOICES: readonly {
  /** PDSCH/PUSCH mapping type: A (slot) or B (mini-slot). */
  readonly mappingType: MappingType;
  /** TTI length in OFDM symbols. */
  readonly ttiSymbols: number;
}[] = [
  { mappingType: 'A', ttiSymbols: 14 },
  { mappingType: 'B', ttiSymbols: 7 },
  { mappingType: 'B', ttiSymbols: 4 },
  { mappingType: 'B', ttiSymbols: 2 },
];

/** One PHY configuration class (see spec/planner.md §2). */
export interface PhyClass {
  /** Deterministic id built from the fields, e.g. `UL-mu1-A14-qam64-m9-h2ir-r1-cg-p24`. */
  readonly id: string;
  /** Link direction the class is for: 'DL' (PDSCH) or 'UL' (PUSCH). */
  readonly direction: Direction;
  /** Numerology μ (TS 38.211 §4.2): SCS 15·2^μ kHz, slot 1/2^μ ms. */
  readonly mu: Mu;
  /** PDSCH/PUSCH mapping type (TS 38.214 §5.1.2.1): A = 14-symbol slot, B = mini-slot. */
  readonly mappingType: MappingType;
  /** TTI (PDSCH/PUSCH allocation) length in OFDM symbols: 14 (type A) or 7/4/2 (type B). */
  readonly ttiSymbols: number;
  /** MCS table (TS 38.214 §5.1.3.1). */
  readonly mcsTable: McsTableName;
  /** MCS index I_MCS within `mcsTable`. */
  readonly mcs: number;
  /** Modulation order Qm and target code rate R·1024 of (mcsTable, mcs). */
  readonly qm: number;
  /** Target code rate R × 1024 of (mcsTable, mcs). */
  readonly rateX1024: number;
  /** Maximum HARQ transmissions per transport block (1 = no retransmission), 1..4. */
  readonly maxTransmissions: number;
  /** HARQ soft combining assumed for retransmissions: 'chase' or 'ir' (from the link). */
  readonly combining: Combining;
  /** Repetitions of each HARQ transmission (energy-combined), 1/2/4/8. */
  readonly repetitions: Repetitions;
  /** Uplink grant type ('dynamic' for DL). */
  readonly grant: GrantType;
  /** PRBs per TTI for the largest packet (packets are trimmed to fewer PRBs by allocationFor). */
  readonly nPrb: number;
  /** Transport block size in bits of one TTI at nPrb PRBs. */
  readonly tbsBits: number;
  /** 5QI the class serves (from the service), or null. */
  readonly fiveQi: number | null;
  /** Layers per codeword used for the TBS. */
  readonly nLayers: number;
  /** min(156, N'_RE): data resource elements per PRB per TTI (TS 38.214 §5.1.3.2 step 1). */
  readonly nRePerPrb: number;
  /** DMRS REs per PRB and xOverhead REs per PRB used for nRePerPrb. */
  readonly nDmrsRePerPrb: number;
  /** xOverhead REs per PRB (0, 6, 12, 18) used for nRePerPrb. */
  readonly nOverheadRePerPrb: number;
}

/** The rule that turns one packet into PRBs and TTIs (one TB per TTI). */
export interface Allocation {
  /** PRBs in each TTI. */
  readonly nPrb: number;
  /** Consecutive TTIs (transport blocks) the packet is segmented over. */
  readonly nTti: number;
  /** Transport block size of each TTI, bits (nTti · tbsBits ≥ packet bits). */
  readonly tbsBits: number;
}

/** Per-packet-size result of `verify`. */
export interface SizeVerdict {
  /** Packet size of the profile this verdict is for, bytes. */
  readonly sizeBytes: number;
  /** PRBs per TTI the allocation rule gives this size. */
  readonly nPrb: number;
  /** TTIs (transport blocks) the packet is segmented over. */
  readonly nTti: number;
  /** Transport block size of each TTI, bits. */
  readonly tbsBits: number;
  /** HARQ transmissions that complete within the latency budget (0 = none). */
  readonly transmissionsWithinBudget: number;
  /** P(packet not delivered within the budget). */
  readonly epsilonAchieved: number;
  /** Worst-case latency (ms) to the end of the last TTI with the first transmission / the last allowed one. */
  readonly latencyFirstMs: number;
  /** Worst-case latency (ms) to the end of the last TTI of the last allowed HARQ transmission. */
  readonly latencyLastMs: number;
  /** Expected resource elements per packet, including repetitions and retransmissions. */
  readonly expectedRe: number;
  /** True when at least one transmission fits the budget and epsilonAchieved meets the service's epsilon. */
  readonly pass: boolean;
}

/** Answer of `verify(phyClass, service, link)`. */
export interface Verdict {
  /** True when every size meets latency and epsilon and the load fits the carrier (no reasons). */
  readonly pass: boolean;
  /** Id of the verified class. */
  readonly classId: string;
  /** Id of the service verified against. */
  readonly serviceId: string;
  /** Why it fails (empty when it passes); also notes for a pass (e.g. small margins). */
  readonly reasons: readonly string[];
  /** One verdict per packet size of the service's payload profile. */
  readonly perSize: readonly SizeVerdict[];
  /** Worst achieved epsilon over the profile. */
  readonly epsilonAchieved: number;
  /** dB the mean SNR may drop before some size misses epsilon (negative: short by that much). */
  readonly snrMarginDb: number;
  /** Budget minus worst-case first-transmission latency over all sizes, ms. */
  readonly latencyMarginMs: number;
  /** Expected resource elements per second (worst size each period, all UEs). */
  readonly rePerSecond: number;
  /** rePerSecond as a fraction of the carrier's REs per second in the service's direction. */
  readonly load: number;
}

/** Which constraint made a service infeasible. */
export type BindingConstraint = 'reliability' | 'latency' | 'throughput' | 'capacity' | 'input';

/** A change of the inputs that makes the service feasible. */
export interface Relaxation {
  /** What is relaxed: latency budget, carrier bandwidth, move to an FR2-1 carrier, mean SNR (flat link), coupling loss (link budget), or epsilon. */
  readonly kind: 'deadline' | 'bandwidth' | 'fr2' | 'snr' | 'couplingLoss' | 'epsilon';
  /** The relaxed value (ms, MHz, dB, dB, epsilon) in the unit of `kind`. */
  readonly value: number;
  /** Human-readable relaxation, e.g. `latency budget ≥ 5 ms`. */
  readonly description: string;
  /** The class that becomes feasible. */
  readonly classId: string;
}

/** Answer of `plan` when no class meets the service. */
export interface Infeasible {
  /** Discriminant. */
  readonly _tag: 'Infeasible';
  /** Id of the service that cannot be served. */
  readonly serviceId: string;
  /** The constraint that binds. */
  readonly binding: BindingConstraint;
  /** One sentence: what is needed and the best the link achieves. */
  readonly message: string;
  /** What the service needs and the best achievable value, in `unit`. */
  readonly needed: number;
  /** The best value the link achieves, in `unit`. */
  readonly best: number;
  /** Unit of `needed` and `best` (e.g. `epsilon`, `ms` or `load`). */
  readonly unit: string;
  /** The profile size that binds (bytes), when one does. */
  readonly worstSizeBytes: number | null;
  /** Closest feasible relaxations, most useful first (empty if none found within the search). */
  readonly relaxations: readonly Relaxation[];
}

/** One service's mapping in a `ClassPlan`. */
export interface ClassAssignment {
  /** Id of the service. */
  readonly serviceId: string;
  /** Id of the shared class template it is mapped to. */
  readonly classId: string;
  /** Expected RE/s on its own best class and on the shared template; difference = price of sharing. */
  readonly ownRePerSecond: number;
  /** Expected resource elements per second of this service on the shared template. */
  readonly sharedRePerSecond: number;
  /** max(0, sharedRePerSecond − ownRePerSecond): RE/s the sharing costs this service. */
  readonly sharingPenaltyRePerSecond: number;
  /** Services that share the same template (including this one). */
  readonly sharesWith: readonly string[];
}

/** Answer of `deriveClasses`. */
export interface ClassPlan {
  /** The class templates (at most maxClasses). */
  readonly classes: readonly PhyClass[];
  /** One mapping per served service, in the order of the input services. */
  readonly assignments: readonly ClassAssignment[];
  /** Services no class can serve, with the planner's reason. */
  readonly unserved: readonly {
    /** Id of the unserved service. */
    readonly serviceId: string;
    /** Why no template serves it. */
    readonly reason: string;
  }[];
  /** Sum of expected RE/s and its fraction of the carrier per direction. */
  readonly totalRePerSecond: number;
  /** Offered load as a fraction of the carrier's REs per second, per direction. */
  readonly loadByDirection: {
    /** Downlink load fraction. */
    readonly DL: number;
    /** Uplink load fraction. */
    readonly UL: number;
  };
  /** true when the partition was searched exhaustively. */
  readonly exact: boolean;
  /** Human-readable name of the partition search used (exact subset DP or greedy heuristic). */
  readonly method: string;
  /** Per-service size limits the classifier honours (max profile size in bytes). */
  readonly maxBytesByService: Readonly<Record<string, number>>;
}

/** Status of one classification. */
export type AssignmentStatus = 'ok' | 'unknown-service' | 'beyond-profile' | 'unserved';

/** Answer of the compiled classifier (frozen, shared objects: never mutate). */
export interface Assignment {
  /** 'ok', or why the packet has no class. */
  readonly status: AssignmentStatus;
  /** Class id, or null when status is not 'ok'. */
  readonly classId: string | null;
  /** PRBs per TTI for this packet (0 when status is not 'ok'). */
  readonly nPrb: number;
  /** TTIs the packet is segmented over (0 when status is not 'ok'). */
  readonly nTti: number;
  /** MCS table name of the class (empty when status is not 'ok'). */
  readonly mcsTable: string;
  /** MCS index of the class (-1 when status is not 'ok'). */
  readonly mcs: number;
  /** Transport block size per TTI, bits (0 when status is not 'ok'). */
  readonly tbsBits: number;
}

/** Options of `plan`. */
export interface PlanOptions {
  /** Restrict the search space (used by tests and by users pinning choices). */
  readonly mu?: readonly number[];
  /** TTI lengths in OFDM symbols to search (subset of 14, 7, 4, 2). */
  readonly ttiSymbols?: readonly number[];
  /** MCS tables to search. */
  readonly mcsTables?: readonly McsTableName[];
  /** Inclusive [lowest, highest] MCS index to search. */
  readonly mcsRange?: readonly [number, number];
  /** Maximum HARQ transmission counts to search (1..4). */
  readonly maxTransmissions?: readonly number[];
  /** Repetition factors to search. */
  readonly repetitions?: readonly Repetitions[];
  /** Uplink grant types to search. */
  readonly grants?: readonly GrantType[];
  /** Compute relaxations when infeasible (default true). */
  readonly relaxations?: boolean;
  /**
   * The planner's caches (classes/cache.ts) to read and fill; default `defaultPlannerCache`. Answers
   * never depend on it (every table is pure); pass a fresh one to isolate memory or statistics.
   */
  readonly cache?: PlannerCache;
  /**
   * At most this many PRBs per TTI (integer ≥ 1; default the carrier's maxPrb): the system planner
   * (src/system, spec/system.md §4) caps a class so that its UEs fit their bandwidth part together.
   */
  readonly maxPrbPerTti?: number;
  /**
   * Restrictions of one direction merged over the ones above for services of that direction (a radio
   * stack's search space, `--stack`; export/stacks.ts stackSearchOptions): `mu` is intersected, every
   * other field replaces the shared one.
   */
  readonly byDirection?: Readonly<Partial<Record<Direction, PlanOptions>>>;
}
