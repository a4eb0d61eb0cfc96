/**
 * classes/classTable: the seed paper's conclusion, computed (issue 5 §7; spec/planner.md §9).
 *
 * The seed paper (Lee, Jin, Lee, Kim, "Distributed Architecture and Packet Characteristics for
 * Real-Time Distributed Learning Services", Table 1 and §4) finds split-DNN packets from 1 kB to
 * 1 GB and asks for per-service packet classes mapped onto PHY configurations. `classTable`
 * answers it: for each decade of packet size (1–10 kB … 100 MB–1 GB) and each built-in service
 * (its direction, period, latency budget and epsilon, with the payload replaced by that decade),
 * the class `plan` chooses or the reason none exists.
 */
import * as E from 'fp-ts/lib/Either.js';
import { services as catalogue } from '../services/catalogue.js';
import { defaultLink, type LinkContext } from './link.js';
import type { PlannableService } from './model.js';
import { plan } from './planner.js';
import type { BindingConstraint, PhyClass } from './types.js';

/** One decade of the seed paper's packet-size range. */
export interface SizeRange {
  /** Display label, e.g. `1-10 kB`. */
  readonly label: string;
  /** Smallest packet of the decade, bytes (decimal units: 1 kB = 1000 bytes). */
  readonly minBytes: number;
  /** Largest packet of the decade, bytes. */
  readonly maxBytes: number;
}

/** The seed's 1 kB … 1 GB span in decades. */
export const SEED_SIZE_RANGES: readonly SizeRange[] = [
  { label: '1-10 kB', minBytes: 1e3, maxBytes: 1e4 },
  { label: '10-100 kB', minBytes: 1e4, maxBytes: 1e5 },
  { label: '100 kB-1 MB', minBytes: 1e5, maxBytes: 1e6 },
  { label: '1-10 MB', minBytes: 1e6, maxBytes: 1e7 },
  { label: '10-100 MB', minBytes: 1e7, maxBytes: 1e8 },
  { label: '100 MB-1 GB', minBytes: 1e8, maxBytes: 1e9 },
];

/** One (service, size decade) cell of the class table. */
export interface ClassTableRow {
  /** Id of the service from the catalogue (or from `ClassTableOptions.services`). */
  readonly serviceId: string;
  /** Packet-size decade; the service's payload is replaced by {minBytes, maxBytes}. */
  readonly range: SizeRange;
  /** Id of the class `plan` chose, or null when none is feasible. */
  readonly classId: string | null;
  /** The class `plan` chose, or null when none is feasible. */
  readonly phyClass: PhyClass | null;
  /** The constraint that made the service infeasible, or null when a class exists. */
  readonly binding: BindingConstraint | null;
  /** The planner's explanation when no class exists. */
  readonly reason: string | null;
}

/** Options of `classTable`. */
export interface ClassTableOptions {
  /** Services to tabulate; default the built-in service catalogue. */
  readonly services?: readonly PlannableService[];
  /** Size decades to tabulate; default `SEED_SIZE_RANGES` (1 kB … 1 GB). */
  readonly ranges?: readonly SizeRange[];
}

/** The class (or the reason none exists) for every (service, size decade). */
export function classTable(link: LinkContext = defaultLink, opts: ClassTableOptions = {}): ClassTableRow[] {
  const svcs = opts.services ?? catalogue;
  const ranges = opts.ranges ?? SEED_SIZE_RANGES;
  const rows: ClassTableRow[] = [];
  for (const s of svcs) {
    for (const range of ranges) {
      const variant: PlannableService = {
        ...s,
        payload: { sizesBytes: [range.minBytes, range.maxBytes] },
      };
      const r = plan(variant, link, { relaxations: false });
      rows.push(
        E.isRight(r)
          ? { serviceId: s.id, range, classId: r.right.id, phyClass: r.right, binding: null, reason: null }
          : { serviceId: s.id, range, classId: null, phyClass: null, binding: r.left.binding, reason: r.left.message },
      );
    }
  }
  return rows;
}

/** Plain-text rendering: one line per row (`service | range | class or binding: reason`). */
export function formatClassTable(rows: readonly ClassTableRow[]): string {
  const lines = ['service | packet size | PHY class (or why none exists)', '--- | --- | ---'];
  for (const r of rows) {
    lines.push(`${r.serviceId} | ${r.range.label} | ${r.classId ?? `none (${r.binding ?? '?'}): ${r.reason ?? ''}`}`);
  }
  return lines.join('\n');
}
