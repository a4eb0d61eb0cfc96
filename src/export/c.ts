/**
 * export/c: the compiled runtime classifier as one self-contained C99 header (issue 16 §3;
 * spec/export.md §2).
 *
 * The tables are exactly those of `compileClassifier` (src/classes/classifier.ts): for every
 * served service, the pieces of its class's allocation rule (`allocationPieces`: one TB per TTI,
 * m = ⌈bits/TBS(nPrb)⌉ TTIs of the fewest PRBs n with m·TBS(n) ≥ bits), each piece an inclusive
 * upper packet size in bytes and its (nPrb, nTti, tbsBits). A call is a binary search of the
 * service id (ids sorted by their UTF-8 bytes, as `strcmp` orders them) and a binary search of the
 * piece bounds: no allocation, no I/O, only <stdint.h> and <string.h>. Everything is `static
 * const` / `static inline`, so the header may be included in several translation units.
 *
 * Return values of `phyclass_classify`: 0 served, 1 beyond the profile (size 0 or above the
 * largest profile size) or a service the plan could not serve, 2 an unknown service id — the same
 * partition as the TypeScript classifier's statuses ('ok' | 'beyond-profile' | 'unserved' |
 * 'unknown-service'), which `out->status` reports in full.
 */
import * as E from 'fp-ts/lib/Either.js';
import { allocationPieces } from '../classes/classifier.js';
import type { ClassPlan, PhyClass } from '../classes/types.js';
import { invalidInput, type PhyError } from '../core/errors.js';

const UTF8 = new TextEncoder();

/** Compare two strings by their UTF-8 bytes (the order of C `strcmp`). */
export function compareUtf8(a: string, b: string): number {
  const x = UTF8.encode(a);
  const y = UTF8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

/** C string literal of any JS string: UTF-8 bytes, printable ASCII kept, the rest as octal escapes. */
export function cStringLiteral(s: string): string {
  let out = '"';
  for (const b of UTF8.encode(s)) {
    const ch = String.fromCharCode(b);
    if (ch === '"' || ch === '\\' || ch === '?') out += `\\${ch}`; // '?' escaped: no trigraphs
    else if (b >= 0x20 && b < 0x7f) out += ch;
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** Text safe inside a C block comment (no comment terminator, printable ASCII only). */
export function cCommentText(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?').replace(/\*\//g, '*_/').replace(/\/\*/g, '/_*');
}

/** One service row of the generated tables. */
export interface CServiceRow {
  readonly serviceId: string;
  /** 0 served, 2 unserved (PHYCLASS_STATUS_*). */
  readonly status: 0 | 2;
  readonly classIndex: number;
  readonly maxBytes: number;
  readonly firstPiece: number;
  readonly pieceCount: number;
}

/** The flat tables behind the header (also used by tests). */
export interface CClassifierTables {
  readonly classes: readonly PhyClass[];
  /** Sorted by the UTF-8 bytes of the id (strcmp order). */
  readonly services: readonly CServiceRow[];
  readonly pieceUpperBytes: readonly number[];
  readonly pieceNPrb: readonly number[];
  readonly pieceNTti: readonly number[];
  readonly pieceTbsBits: readonly number[];
}

/**
 * Build the tables with the same rules as `compileClassifier`: an assignment whose class is
 * missing or whose largest size is below 1 byte is skipped (later assignments of the same service
 * win, as in the Map there); unserved services are known only when no table exists for them.
 */
export function cClassifierTables(plan: ClassPlan): E.Either<PhyError, CClassifierTables> {
  // the Map in compileClassifier: last set wins, order of first insertion kept (irrelevant here)
  const served = new Map<string, { c: PhyClass; ci: number; maxBytes: number }>();
  for (const a of plan.assignments) {
    const ci = [...plan.classes.keys()].reverse().find((i) => plan.classes[i]?.id === a.classId); // Map: last class with the id wins
    const maxBytes = Math.floor(plan.maxBytesByService[a.serviceId] ?? 0);
    if (ci === undefined || !(maxBytes >= 1)) continue;
    served.set(a.serviceId, { c: plan.classes[ci] as PhyClass, ci, maxBytes });
  }
  const rows: Omit<CServiceRow, 'firstPiece' | 'pieceCount'>[] = [];
  for (const [serviceId, v] of served) rows.push({ serviceId, status: 0, classIndex: v.ci, maxBytes: v.maxBytes });
  for (const u of plan.unserved) {
    if (!served.has(u.serviceId) && !rows.some((r) => r.serviceId === u.serviceId)) rows.push({ serviceId: u.serviceId, status: 2, classIndex: 0, maxBytes: 0 });
  }
  for (const r of rows) {
    if (r.serviceId.includes('\0')) return E.left(invalidInput('plan.assignments[].serviceId', 'a service id without NUL characters', r.serviceId));
  }
  rows.sort((a, b) => compareUtf8(a.serviceId, b.serviceId));
  const upper: number[] = [];
  const nPrb: number[] = [];
  const nTti: number[] = [];
  const tbs: number[] = [];
  const services: CServiceRow[] = rows.map((r) => {
    if (r.status !== 0) return { ...r, firstPiece: 0, pieceCount: 0 };
    const c = served.get(r.serviceId)?.c as PhyClass;
    const p = allocationPieces(c, r.maxBytes);
    const first = upper.length;
    p.upper.forEach((u, i) => {
      const a = p.pieces[i];
      if (a === undefined) return;
      upper.push(u);
      nPrb.push(a.nPrb);
      nTti.push(a.nTti);
      tbs.push(a.tbsBits);
    });
    return { ...r, firstPiece: first, pieceCount: upper.length - first };
  });
  const bad = [...upper, ...nTti, ...tbs].find((x) => !Number.isSafeInteger(x) || x < 0 || x > 0xffffffff);
  if (bad !== undefined) return E.left(invalidInput('plan', 'piece bounds, TTI counts and TBS that fit in 32 bits', bad));
  return E.right({ classes: plan.classes, services, pieceUpperBytes: upper, pieceNPrb: nPrb, pieceNTti: nTti, pieceTbsBits: tbs });
}

function numberRows(xs: readonly number[], perLine = 12): string {
  if (xs.length === 0) return '    0u /* empty */';
  const lines: string[] = [];
  for (let i = 0; i < xs.length; i += perLine) lines.push(`    ${xs.slice(i, i + perLine).map((x) => `${x}u`).join(', ')}`);
  return lines.join(',\n');
}

/** What the header is generated from, printed in its first comment. */
export interface CHeaderOptions {
  /** One line describing the link the plan was derived on (optional). */
  readonly linkDescription?: string;
  /** Per class id, the worst proved epsilon over its services (optional, for the comments). */
  readonly epsilonByClass?: Readonly<Record<string, number>>;
}

/** The C99 header text for a class plan. */
export function classifierHeader(plan: ClassPlan, opts: CHeaderOptions = {}): E.Either<PhyError, string> {
  const r = cClassifierTables(plan);
  if (E.isLeft(r)) return r;
  const t = r.right;
  const nClasses = t.classes.length;
  const classRows =
    nClasses === 0
      ? '    { "", "", 0u, 0u, 0u, 0u, 0u, 0u } /* no classes */'
      : t.classes
          .map((c) => {
            const eps = opts.epsilonByClass?.[c.id];
            const epsText = eps === undefined ? '' : `, proved epsilon ${eps.toExponential(2)}`;
            return `    /* ${cCommentText(c.id)}${epsText} */\n    { ${cStringLiteral(c.id)}, ${cStringLiteral(c.mcsTable)}, ${c.mcs}u, ${c.mu}u, ${c.ttiSymbols}u, ${c.maxTransmissions}u, ${c.repetitions}u, ${c.nPrb}u }`;
          })
          .join(',\n');
  const serviceRows =
    t.services.length === 0
      ? '    { "", 3u, 0u, 0u, 0u, 0u } /* no services */'
      : t.services
          .map((s) => `    { ${cStringLiteral(s.serviceId)}, ${s.status}u, ${s.classIndex}u, ${s.maxBytes}u, ${s.firstPiece}u, ${s.pieceCount}u }`)
          .join(',\n');
  const header = `/*
 * phyclass_classes.h — the phyclass runtime packet classifier, generated by
 * \`phyclass export --target c\`. Do not edit: regenerate from the class plan.
 * ${opts.linkDescription === undefined ? 'Class plan given as input.' : `Link: ${cCommentText(opts.linkDescription)}`}
 * ${t.classes.length} class${t.classes.length === 1 ? '' : 'es'}, ${t.services.length} known service${t.services.length === 1 ? '' : 's'}, ${t.pieceUpperBytes.length} allocation pieces.
 *
 * C99, self-contained (only <stdint.h> and <string.h>), no allocation, no global state:
 * include it in as many translation units as needed.
 *
 *   phyclass_assignment a;
 *   int rc = phyclass_classify("teleop.haptic_feedback", 48, &a);
 *   rc == 0: served — a.class_id, a.n_prb PRBs in each of a.n_tti TTIs, MCS a.mcs of a.mcs_table,
 *            a.tbs_bits bits per TTI;
 *   rc == 1: size 0 or beyond the service's largest profile size, or the service is unserved;
 *   rc == 2: unknown service id.
 *   a.status tells the four cases apart (PHYCLASS_STATUS_*).
 *
 * Allocation rule (spec/planner.md §8, TS 38.214 §5.1.3.2): one transport block per TTI,
 * m = ceil(bits / TBS(nPrb)) TTIs of the fewest PRBs n with m * TBS(n) >= bits.
 */
#ifndef PHYCLASS_CLASSES_H
#define PHYCLASS_CLASSES_H

#include <stdint.h>
#include <string.h>

#define PHYCLASS_STATUS_OK 0
#define PHYCLASS_STATUS_BEYOND_PROFILE 1
#define PHYCLASS_STATUS_UNSERVED 2
#define PHYCLASS_STATUS_UNKNOWN_SERVICE 3

typedef struct phyclass_assignment {
    const char *class_id;  /* NULL unless served */
    const char *mcs_table; /* "qam64", "qam256", "qam64LowSE" or "qam1024"; "" unless served */
    uint32_t n_prb;        /* PRBs in each TTI */
    uint32_t n_tti;        /* TTIs (transport blocks) the packet is segmented over */
    uint32_t mcs;          /* MCS index within mcs_table */
    uint32_t tbs_bits;     /* transport block size of each TTI, bits */
    uint32_t status;       /* PHYCLASS_STATUS_* */
} phyclass_assignment;

typedef struct phyclass_class_row {
    const char *id;
    const char *mcs_table;
    uint32_t mcs;
    uint32_t mu;
    uint32_t tti_symbols;
    uint32_t max_transmissions;
    uint32_t repetitions;
    uint32_t n_prb_max;
} phyclass_class_row;

typedef struct phyclass_service_row {
    const char *id;
    uint32_t status;      /* PHYCLASS_STATUS_OK or PHYCLASS_STATUS_UNSERVED */
    uint32_t class_index;
    uint32_t max_bytes;   /* largest profile size, bytes */
    uint32_t first_piece;
    uint32_t piece_count;
} phyclass_service_row;

#define PHYCLASS_N_CLASSES ${nClasses}u
#define PHYCLASS_N_SERVICES ${t.services.length}u
#define PHYCLASS_N_PIECES ${t.pieceUpperBytes.length}u

static const phyclass_class_row phyclass_classes[${Math.max(1, nClasses)}] = {
${classRows}
};

/* Sorted by strcmp of the id. */
static const phyclass_service_row phyclass_services[${Math.max(1, t.services.length)}] = {
${serviceRows}
};

/* Inclusive upper packet size (bytes) of each allocation piece, ascending per service. */
static const uint32_t phyclass_piece_upper_bytes[${Math.max(1, t.pieceUpperBytes.length)}] = {
${numberRows(t.pieceUpperBytes)}
};
static const uint32_t phyclass_piece_n_prb[${Math.max(1, t.pieceNPrb.length)}] = {
${numberRows(t.pieceNPrb)}
};
static const uint32_t phyclass_piece_n_tti[${Math.max(1, t.pieceNTti.length)}] = {
${numberRows(t.pieceNTti)}
};
static const uint32_t phyclass_piece_tbs_bits[${Math.max(1, t.pieceTbsBits.length)}] = {
${numberRows(t.pieceTbsBits)}
};

static inline void phyclass_none_(phyclass_assignment *out, uint32_t status) {
    out->class_id = (const char *)0;
    out->mcs_table = "";
    out->n_prb = 0u;
    out->n_tti = 0u;
    out->mcs = 0u;
    out->tbs_bits = 0u;
    out->status = status;
}

/* The service row for an id, or NULL. */
static inline const phyclass_service_row *phyclass_find_service(const char *service_id) {
    uint32_t lo = 0u, hi = PHYCLASS_N_SERVICES;
    if (service_id == (const char *)0) return (const phyclass_service_row *)0;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2u;
        int c = strcmp(service_id, phyclass_services[mid].id);
        if (c == 0) return &phyclass_services[mid];
        if (c < 0) hi = mid; else lo = mid + 1u;
    }
    return (const phyclass_service_row *)0;
}

/* Classify one packet: 0 served, 1 beyond the profile or unserved, 2 unknown service. */
static inline int phyclass_classify(const char *service_id, uint64_t bytes, phyclass_assignment *out) {
    phyclass_assignment scratch;
    const phyclass_service_row *s = phyclass_find_service(service_id);
    uint32_t lo, hi;
    const phyclass_class_row *c;
    if (out == (phyclass_assignment *)0) out = &scratch;
    if (s == (const phyclass_service_row *)0) { phyclass_none_(out, PHYCLASS_STATUS_UNKNOWN_SERVICE); return 2; }
    if (s->status != PHYCLASS_STATUS_OK) { phyclass_none_(out, PHYCLASS_STATUS_UNSERVED); return 1; }
    if (bytes < 1u || bytes > (uint64_t)s->max_bytes) { phyclass_none_(out, PHYCLASS_STATUS_BEYOND_PROFILE); return 1; }
    /* first piece whose upper bound reaches bytes (the last piece reaches max_bytes) */
    lo = s->first_piece;
    hi = s->first_piece + s->piece_count - 1u;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2u;
        if ((uint64_t)phyclass_piece_upper_bytes[mid] < bytes) lo = mid + 1u; else hi = mid;
    }
    c = &phyclass_classes[s->class_index];
    out->class_id = c->id;
    out->mcs_table = c->mcs_table;
    out->n_prb = phyclass_piece_n_prb[lo];
    out->n_tti = phyclass_piece_n_tti[lo];
    out->mcs = c->mcs;
    out->tbs_bits = phyclass_piece_tbs_bits[lo];
    out->status = PHYCLASS_STATUS_OK;
    return 0;
}

#endif /* PHYCLASS_CLASSES_H */
`;
  return E.right(header);
}
