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
import type { Combining, Direction, GrantType, MappingType, McsTableName, Mu } from '../core/types.js';

/** Repetition (slot / mini-slot aggregation) factor of one HARQ transmission. */
export type Repetitions = 1 | 2 | 4 | 8;
export const REPETITION_VALUES: readonly Repetitions[] = [1, 2, 4, 8];

/** TTI lengths the planner searches: type A 14-symbol slot, type B 7/4/2-symbol mini-slots. */
export const TTI_CHOICES: readonly { readonly mappingType: MappingType; readonly ttiSymbols: number }[] = [
  { mappingType: 'A', ttiSymbols: 14 },
  { mappingType: 'B', ttiSymbols: 7 },
  { mappingType: 'B', ttiSymbols: 4 },
  { mappingType: 'B', ttiSymbols: 2 },
];

/** One PHY configuration class (see spec/planner.md §2). */
export interface PhyClass {
  /** Deterministic id built from the fields, e.g. `UL-mu1-A14-qam64-m9-h2ir-r1-cg-p24`. */
  readonly id: string;
  readonly direction: Direction;
  readonly mu: Mu;
  readonly mappingType: MappingType;
  /** TTI (PDSCH/PUSCH allocation) length in OFDM symbols: 14 (type A) or 7/4/2 (type B). */
  readonly ttiSymbols: number;
  readonly mcsTable: McsTableName;
  readonly mcs: number;
  /** Modulation order Qm and target code rate R·1024 of (mcsTable, mcs). */
  readonly qm: number;
  readonly rateX1024: number;
  /** Maximum HARQ transmissions per transport block (1 = no retransmission), 1..4. */
  readonly maxTransmissions: number;
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
  readonly sizeBytes: number;
  readonly nPrb: number;
  readonly nTti: number;
  readonly tbsBits: number;
  /** HARQ transmissions that complete within the latency budget (0 = none). */
  readonly transmissionsWithinBudget: number;
  /** P(packet not delivered within the budget). */
  readonly epsilonAchieved: number;
  /** Worst-case latency (ms) to the end of the last TTI with the first transmission / the last allowed one. */
  readonly latencyFirstMs: number;
  readonly latencyLastMs: number;
  /** Expected resource elements per packet, including repetitions and retransmissions. */
  readonly expectedRe: number;
  readonly pass: boolean;
}

/** Answer of `verify(phyClass, service, link)`. */
export interface Verdict {
  readonly pass: boolean;
  readonly classId: string;
  readonly serviceId: string;
  /** Why it fails (empty when it passes); also notes for a pass (e.g. small margins). */
  readonly reasons: readonly string[];
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
  readonly kind: 'deadline' | 'bandwidth' | 'fr2' | 'snr' | 'epsilon';
  /** The relaxed value (ms, MHz, dB, epsilon) in the unit of `kind`. */
  readonly value: number;
  readonly description: string;
  /** The class that becomes feasible. */
  readonly classId: string;
}

/** Answer of `plan` when no class meets the service. */
export interface Infeasible {
  readonly _tag: 'Infeasible';
  readonly serviceId: string;
  readonly binding: BindingConstraint;
  /** One sentence: what is needed and the best the link achieves. */
  readonly message: string;
  /** What the service needs and the best achievable value, in `unit`. */
  readonly needed: number;
  readonly best: number;
  readonly unit: string;
  /** The profile size that binds (bytes), when one does. */
  readonly worstSizeBytes: number | null;
  /** Closest feasible relaxations, most useful first (empty if none found within the search). */
  readonly relaxations: readonly Relaxation[];
}

/** One service's mapping in a `ClassPlan`. */
export interface ClassAssignment {
  readonly serviceId: string;
  readonly classId: string;
  /** Expected RE/s on its own best class and on the shared template; difference = price of sharing. */
  readonly ownRePerSecond: number;
  readonly sharedRePerSecond: number;
  readonly sharingPenaltyRePerSecond: number;
  /** Services that share the same template (including this one). */
  readonly sharesWith: readonly string[];
}

/** Answer of `deriveClasses`. */
export interface ClassPlan {
  readonly classes: readonly PhyClass[];
  readonly assignments: readonly ClassAssignment[];
  /** Services no class can serve, with the planner's reason. */
  readonly unserved: readonly { readonly serviceId: string; readonly reason: string }[];
  /** Sum of expected RE/s and its fraction of the carrier per direction. */
  readonly totalRePerSecond: number;
  readonly loadByDirection: { readonly DL: number; readonly UL: number };
  /** true when the partition was searched exhaustively. */
  readonly exact: boolean;
  readonly method: string;
  /** Per-service size limits the classifier honours (max profile size in bytes). */
  readonly maxBytesByService: Readonly<Record<string, number>>;
}

/** Status of one classification. */
export type AssignmentStatus = 'ok' | 'unknown-service' | 'beyond-profile' | 'unserved';

/** Answer of the compiled classifier (frozen, shared objects: never mutate). */
export interface Assignment {
  readonly status: AssignmentStatus;
  /** Class id, or null when status is not 'ok'. */
  readonly classId: string | null;
  readonly nPrb: number;
  readonly nTti: number;
  readonly mcsTable: string;
  readonly mcs: number;
  readonly tbsBits: number;
}

/** Options of `plan`. */
export interface PlanOptions {
  /** Restrict the search space (used by tests and by users pinning choices). */
  readonly mu?: readonly number[];
  readonly ttiSymbols?: readonly number[];
  readonly mcsTables?: readonly McsTableName[];
  readonly mcsRange?: readonly [number, number];
  readonly maxTransmissions?: readonly number[];
  readonly repetitions?: readonly Repetitions[];
  readonly grants?: readonly GrantType[];
  /** Compute relaxations when infeasible (default true). */
  readonly relaxations?: boolean;
}
