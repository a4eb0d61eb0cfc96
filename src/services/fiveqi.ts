/**
 * Standardized 5QI values: 3GPP TS 23.501 Table 5.7.4-1 (5G QoS characteristics mapping), as typed data.
 *
 * Rows checked against two public copies of the table (the TR 26.925 reproduction and a v19.4.0
 * transcription; see spec/services.md). The core-network share of the PDB (`cnPdbMs`) follows the
 * table notes: a static CN PDB of 20 ms for the classic GBR/non-GBR rows, 10 ms for the mission-critical
 * rows (UPF assumed "close" to the access network) and 1 ms for 5QI 80 and the delay-critical GBR rows
 * 82-90 (local UPF). Radio (access-network) budget = PDB - CN PDB (TS 23.501 §5.7.3.4).
 */
import * as O from 'fp-ts/lib/Option.js';

/** Resource type of a 5QI (TS 23.501 §5.7.3.2): guaranteed bit rate, non-GBR or delay-critical GBR. */
export type FiveQiResourceType = 'GBR' | 'non-GBR' | 'delay-critical-GBR';

/** One row of TS 23.501 Table 5.7.4-1 (standardized 5QI to QoS characteristics mapping). */
export interface FiveQi {
  /** The 5QI value (1..90 among the standardized rows). */
  readonly fiveQi: number;
  /** Resource type of the row. */
  readonly resourceType: FiveQiResourceType;
  /** Default priority level (lower = higher priority). */
  readonly priority: number;
  /** Packet delay budget UE <-> UPF terminating N6, ms. */
  readonly pdbMs: number;
  /** Packet error rate (upper bound on non-congestion losses). */
  readonly per: number;
  /** Default maximum data burst volume, bytes (delay-critical GBR only). */
  readonly mdbvBytes: number | null;
  /** Default averaging window, ms (GBR and delay-critical GBR only). */
  readonly averagingWindowMs: number | null;
  /** Static core-network share of the PDB per the table notes, ms. */
  readonly cnPdbMs: number;
  /** The table's "Example Services" column. */
  readonly exampleServices: string;
  /** Remark from the table notes, where one changes how the row is read (e.g. satellite PDB). */
  readonly note?: string;
}

type Row = readonly [fiveQi: number, type: FiveQiResourceType, prio: number, pdbMs: number, per: number, mdbv: number | null, win: number | null, cn: number, ex: string, note?: string];

const ROWS: readonly Row[] = [
  [1, 'GBR', 20, 100, 1e-2, null, 2000, 20, 'Conversational voice'],
  [2, 'GBR', 40, 150, 1e-3, null, 2000, 20, 'Conversational video (live streaming)'],
  [3, 'GBR', 30, 50, 1e-3, null, 2000, 20, 'Real-time gaming; V2X messages; electricity distribution (medium voltage); process automation (monitoring)'],
  [4, 'GBR', 50, 300, 1e-6, null, 2000, 20, 'Non-conversational video (buffered streaming)'],
  [65, 'GBR', 7, 75, 1e-2, null, 2000, 10, 'Mission-critical user-plane push-to-talk voice (MCPTT)'],
  [66, 'GBR', 20, 100, 1e-2, null, 2000, 20, 'Non-mission-critical user-plane push-to-talk voice'],
  [67, 'GBR', 15, 100, 1e-3, null, 2000, 10, 'Mission-critical video user plane'],
  [71, 'GBR', 56, 150, 1e-6, null, 2000, 20, 'Live uplink streaming (TS 26.238)'],
  [72, 'GBR', 56, 300, 1e-4, null, 2000, 20, 'Live uplink streaming (TS 26.238)'],
  [73, 'GBR', 56, 300, 1e-8, null, 2000, 20, 'Live uplink streaming (TS 26.238)'],
  [74, 'GBR', 56, 500, 1e-8, null, 2000, 20, 'Live uplink streaming (TS 26.238)'],
  [75, 'GBR', 25, 50, 1e-2, null, 2000, 20, 'V2X messages (A2X in later releases)', 'Used only for V2X over MBMS bearers (TS 23.285); value kept for backward compatibility'],
  [76, 'GBR', 56, 500, 1e-4, null, 2000, 20, 'Live uplink streaming (TS 26.238)'],
  [5, 'non-GBR', 10, 100, 1e-6, null, null, 20, 'IMS signalling'],
  [6, 'non-GBR', 60, 300, 1e-6, null, null, 20, 'Video (buffered streaming), TCP-based (www, e-mail, chat, ftp, p2p, progressive video)'],
  [7, 'non-GBR', 70, 100, 1e-3, null, null, 20, 'Voice, video (live streaming), interactive gaming'],
  [8, 'non-GBR', 80, 300, 1e-6, null, null, 20, 'Video (buffered streaming), TCP-based'],
  [9, 'non-GBR', 90, 300, 1e-6, null, null, 20, 'Video (buffered streaming), TCP-based (default bearer)'],
  [10, 'non-GBR', 90, 1100, 1e-6, null, null, 20, 'Video (buffered streaming), TCP-based, and any service over satellite access', 'PDB includes the satellite access delay'],
  [69, 'non-GBR', 5, 60, 1e-6, null, null, 10, 'Mission-critical delay-sensitive signalling (MC-PTT signalling)'],
  [70, 'non-GBR', 55, 200, 1e-6, null, null, 10, 'Mission-critical data'],
  [79, 'non-GBR', 65, 50, 1e-2, null, null, 20, 'V2X messages'],
  [80, 'non-GBR', 68, 10, 1e-6, null, null, 1, 'Low-latency eMBB applications, augmented reality'],
  [82, 'delay-critical-GBR', 19, 10, 1e-4, 255, 2000, 1, 'Discrete automation (TS 22.261)'],
  [83, 'delay-critical-GBR', 22, 10, 1e-4, 1354, 2000, 1, 'Discrete automation; V2X messages (platooning UE-RSU, cooperative lane change, lower automation)'],
  [84, 'delay-critical-GBR', 24, 30, 1e-5, 1354, 2000, 1, 'Intelligent transport systems'],
  [85, 'delay-critical-GBR', 21, 5, 1e-5, 255, 2000, 1, 'Electricity distribution (high voltage); V2X messages (remote driving)'],
  [86, 'delay-critical-GBR', 18, 5, 1e-4, 1354, 2000, 1, 'V2X messages (collision avoidance, platooning with high automation)'],
  [87, 'delay-critical-GBR', 25, 5, 1e-3, 500, 2000, 1, 'Interactive service: motion-tracking data'],
  [88, 'delay-critical-GBR', 25, 10, 1e-3, 1125, 2000, 1, 'Interactive service: motion-tracking data'],
  [89, 'delay-critical-GBR', 25, 15, 1e-4, 17000, 2000, 1, 'Visual content for cloud/edge/split rendering'],
  [90, 'delay-critical-GBR', 25, 20, 1e-4, 63000, 2000, 1, 'Visual content for cloud/edge/split rendering'],
];

/** TS 23.501 Table 5.7.4-1, in the table's order (GBR, non-GBR, delay-critical GBR). */
export const fiveQiTable: readonly FiveQi[] = Object.freeze(ROWS.map(([fiveQi, resourceType, priority, pdbMs, per, mdbvBytes, averagingWindowMs, cnPdbMs, exampleServices, note]) =>
  Object.freeze({ fiveQi, resourceType, priority, pdbMs, per, mdbvBytes, averagingWindowMs, cnPdbMs, exampleServices, ...(note !== undefined ? { note } : {}) })));

const byId = new Map(fiveQiTable.map((q) => [q.fiveQi, q] as const));

/** The standardized characteristics of a 5QI, if it is standardized. */
export function fiveQiById(fiveQi: number): O.Option<FiveQi> {
  const q = byId.get(fiveQi);
  return q === undefined ? O.none : O.some(q);
}

/** Access-network share of the PDB (PDB minus the static CN PDB), ms. */
export function fiveQiRadioBudgetMs(q: FiveQi): number {
  return q.pdbMs - q.cnPdbMs;
}

/**
 * Standardized 5QIs whose PDB, PER and (for delay-critical GBR) MDBV can carry a burst of
 * `burstBytes` within `radioBudgetMs` at error target `epsilon`, ordered by priority.
 */
export function eligibleFiveQis(p: { readonly burstBytes: number; readonly radioBudgetMs: number; readonly epsilon: number }): readonly FiveQi[] {
  return fiveQiTable
    .filter((q) => fiveQiRadioBudgetMs(q) <= p.radioBudgetMs + 1e-9 && q.per <= p.epsilon * (1 + 1e-9) && (q.mdbvBytes === null || q.mdbvBytes >= p.burstBytes))
    .slice()
    .sort((a, b) => a.priority - b.priority);
}
