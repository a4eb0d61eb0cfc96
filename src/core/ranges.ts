/**
 * The ONE set of value ranges and resource limits of the SDK, shared by the CLI (flags and
 * `--batch` lines), the library (validators) and the files (io-ts codecs). Defined here, in
 * `core/`, so that every layer can import it without breaking the layering (core <- nr <- link ...);
 * `src/codecs/ranges.ts` re-exports it for outside-input code. Normative text: spec/codecs.md §6.
 *
 * Ranges (what a value may be):
 * - TTI length 2..14 OFDM symbols: mini-slots of 2, 4, 7 symbols (TS 38.214 §5.1.2.1 mapping type B
 *   PDSCH lengths 2, 4, 7; PUSCH 1..14 but the ITU-R M.2412 / TR 37.910 latency method the SDK
 *   implements starts at 2) and 14 = one slot. A 1-symbol TTI is refused everywhere.
 * - Allocation symbols of a TBS question 1..14 (TS 38.214 §5.1.3.2 N_symb^sh).
 * - SNR in dB, [-30, 60]: below -30 dB every NR MCS is in error (the SNR search floor of
 *   src/link/bler.ts, SNR_SEARCH_MIN_DB), above 60 dB no receiver's EVM allows more.
 * - Seeds 0..2^32-1: the simulator's generator takes a 32-bit unsigned seed.
 */

/** An inclusive integer or real range with its name for messages. */
export interface ValueRange {
  /** Smallest allowed value. */
  readonly min: number;
  /** Largest allowed value. */
  readonly max: number;
}

/** TTI (allocation) length of a class or latency question, OFDM symbols (2..14). */
export const TTI_SYMBOLS: ValueRange = { min: 2, max: 14 };
/** Symbols of a TBS allocation, N_symb^sh (1..14, TS 38.214 §5.1.3.2). */
export const ALLOCATION_SYMBOLS: ValueRange = { min: 1, max: 14 };
/** Mean SNR per RE, dB. */
export const SNR_DB: ValueRange = { min: -30, max: 60 };
/** Simulation seeds (32-bit unsigned). */
export const SEED: ValueRange = { min: 0, max: 4294967295 };
/** PRBs of one allocation or bandwidth part (TS 38.101-1/-2 Table 5.3.2-1: at most 275). */
export const PRB: ValueRange = { min: 1, max: 275 };
/** MCS index I_MCS (TS 38.214 Tables 5.1.3.1-1..4; reserved rows are refused by the table lookup). */
export const MCS_INDEX: ValueRange = { min: 0, max: 31 };

/** `an integer in a..b` for messages. */
export function intRangeText(r: ValueRange): string {
  return `an integer in ${r.min}..${r.max}`;
}

/** True when `x` is an integer in the range. */
export function isIntIn(x: unknown, r: ValueRange): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= r.min && x <= r.max;
}

/** True when `x` is a finite number in the range. */
export function isNumberIn(x: unknown, r: ValueRange): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= r.min && x <= r.max;
}

/*
 * Resource limits: bounds on every size that drives memory or time, checked before any
 * allocation. The arithmetic (spec/codecs.md §7) takes the V8 heap limit of a default Node 20
 * process on a 64-bit machine, about 4 GiB, and keeps any single structure under a quarter of it.
 */

/**
 * UEs (flows) of one simulation, all services together. Per flow the simulator holds its flow
 * record, traffic profile, queue head, HARQ processes (16 per direction) and per-UE timing
 * arrays: about 2 kB before any packet is queued, so 100,000 flows ≈ 200 MB. Configured-grant
 * occasion packing is also O(flows²) in the worst case (10^10 steps at this bound is the ceiling).
 */
export const MAX_SIM_UES = 100_000;

/**
 * Packets that can sit in the flow queues at once: Σ over flows of min(queueLimit, packets the
 * flow can receive in the run). A queued packet record is about 100 B of heap (an object of 10
 * fields plus its array slot), so 10^7 queued packets ≈ 1 GB, a quarter of the heap.
 */
export const MAX_QUEUED_PACKETS = 10_000_000;

/**
 * Arrivals generated in one tick (a fresh array per tick, ≈ 100 B per arrival): 10^6 ≈ 100 MB.
 * The expected count is Σ over flows of ceil(tickMs / periodMs) × packets per message.
 */
export const MAX_ARRIVALS_PER_TICK = 1_000_000;

/**
 * Packets of one run: Σ over flows of (slots × tickMs / periodMs + 1) × packets per message. The
 * scheduler handles ≈ 2–5 million packets per second on one core, so 2·10^9 is the order of
 * 10 minutes to an hour per run: beyond that a run is a mistake (e.g. `periodMs: 1e-9`), not a study.
 */
export const MAX_PACKETS_PER_RUN = 2_000_000_000;

/** Slots of one simulation run (the library's bound; a tick costs ≥ 1 µs even when idle). */
export const MAX_SLOTS = 1_000_000_000;

/** Longest line accepted in `--batch` input (a parameter object is a few hundred bytes). */
export const MAX_BATCH_LINE_CHARS = 65_536;

/**
 * Lines of one `--batch` input. Answers are streamed, so memory does not grow with the count;
 * the bound only caps the run time (a TBS line costs ≈ 5 µs, a BLER line ≈ 50 µs: 10^8 lines is
 * 10 minutes to 1.5 hours).
 */
export const MAX_BATCH_LINES = 100_000_000;

/**
 * Runs of one campaign (policies × UE counts × seeds). Its `--json` (and a merge's) is one document
 * of ≈ 25 kB per run that must fit one V8 string (at most 2^29 − 24 ≈ 5.4·10^8 characters):
 * 10,000 runs ≈ 250 MB, half of it. Larger sweeps are several campaigns.
 */
export const MAX_CAMPAIGN_RUNS = 10_000;

/** Values in one `--seeds` / `--ues` list of a campaign. */
export const MAX_SWEEP_VALUES = 100_000;

/** UE count per service in a campaign sweep or a scenario service. */
export const MAX_UES_PER_SERVICE = MAX_SIM_UES;
