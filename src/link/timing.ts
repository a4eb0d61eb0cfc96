/**
 * link/timing: stack timing profiles (issue 16 §2; spec/latency.md "Stack timing profiles").
 *
 * The latency model (link/latency.ts) places HARQ-ACK, UL grants and retransmissions at the earliest
 * symbol 3GPP allows (TS 38.214 §5.3 N1 / §6.4 N2, the gNB proxied by half the UE times): that is the
 * profile `'spec-min'`, the default. A radio stack runs with slot-granular, larger offsets. A profile
 * holds four numbers, each applied as max(3GPP minimum, configured value), so a profile never yields a
 * lower latency than `'spec-min'` (the law tested in test/properties/timing.test.ts):
 *  - `k1MinSlots`: PDSCH slot n → HARQ-ACK on PUCCH no earlier than slot n + K1 (TS 38.213 §9.2.3);
 *  - `k2MinSlots`: PDCCH (UL grant) slot n → PUSCH no earlier than slot n + K2 (TS 38.214 §6.1.2.1);
 *  - `gnbProcSlots`: from the end of what the gNB receives (packet from the core, HARQ-ACK/NACK,
 *    PUSCH, SR) to the earliest start of what it sends in response (PDSCH, retransmission, PDCCH);
 *  - the SR period (`srPeriodMs`, or `srPeriodSlots` for a stack that sets it in slots): SR occasions
 *    on the first UL TTI occasion at or after every period boundary (TS 38.213 §9.2.4,
 *    SchedulingRequestResourceConfig periodicityAndOffset); 0 = an SR occasion every UL TTI (spec-min).
 * The named profiles cite where each number comes from; what could not be confirmed is marked in
 * spec/latency.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type PhyError } from '../core/errors.js';

/** The numbers of a stack timing profile (each a lower bound applied on top of the 3GPP minimum). */
export interface StackTimingValues {
  /** Smallest K1 (PDSCH slot → HARQ-ACK slot), slots; 0..15 (TS 38.331 dl-DataToUL-ACK 0..15). */
  readonly k1MinSlots: number;
  /** Smallest K2 (PDCCH slot → PUSCH slot), slots; 0..32 (TS 38.331 PUSCH-TimeDomainResourceAllocation k2 0..32). */
  readonly k2MinSlots: number;
  /** gNB reaction time (reception end → earliest response start), slots; 0..32. */
  readonly gnbProcSlots: number;
  /** SR period in ms (converted to whole slots of the class numerology, rounded up); 0 = every UL TTI. */
  readonly srPeriodMs?: number;
  /** SR period in slots of the class numerology (instead of srPeriodMs); 0 = every UL TTI. */
  readonly srPeriodSlots?: number;
}

/** Names of the built-in profiles. */
export const TIMING_PROFILE_NAMES = ['spec-min', 'srsran-default', 'srsran-low-latency', 'oai-default'] as const;
export type TimingProfileName = (typeof TIMING_PROFILE_NAMES)[number];

/** `link.timing`: a named profile or explicit values. */
export type StackTiming = TimingProfileName | StackTimingValues;

/** Where a named profile's numbers come from (shown by `describeTiming` and in spec/latency.md). */
export interface TimingProfile {
  readonly name: TimingProfileName;
  /** null for spec-min (no stack offsets). */
  readonly values: StackTimingValues | null;
  readonly sources: readonly string[];
}

/**
 * The named profiles.
 * srsRAN Project: gNB configuration reference (srsran/srsRAN_Project_docs,
 * docs/source/user_manuals/source/.config/configuration.yml): `cell_cfg.pucch.min_k1` default 4
 * ("difference in slots between PDSCH and HARQ-ACK", 1..4), `cell_cfg.pusch.min_k2` default 4
 * ("difference in slots between PDCCH and PUSCH", 1..4), `cell_cfg.pucch.sr_period_ms` default 20,
 * `expert_phy.max_proc_delay` default 5 ("maximum allowed DL processing delay in slots", 1..30); the
 * low-latency values from srsRAN_Project `configs/low_latency.yml` (min_k1 2, min_k2 2,
 * sr_period_ms 2, max_proc_delay 1). Reading max_proc_delay as the gNB reaction time is ours (it is
 * the bound the stack allows, so the profile is conservative) — marked in spec/latency.md.
 * OpenAirInterface: `min_rxtxtime` default 2 (openair2/GNB_APP/gnb_paramdef.h, GNBPARAMS_DESC), read
 * as both minimal K1 and K2 (not confirmed); RU `sl_ahead` default 6 slots (RU parameter definitions)
 * as the gNB reaction time (not confirmed); SR period: `set_SR_periodandoffset`
 * (openair2/RRC/NR/nr_rrc_config.c) gives sl10 (10 slots) for FDD and for TDD patterns with fewer
 * than 10 DL slots.
 */
export const TIMING_PROFILES: Readonly<Record<TimingProfileName, TimingProfile>> = Object.freeze({
  'spec-min': { name: 'spec-min', values: null, sources: ['TS 38.214 §5.3 / §6.4 minimum processing times (N1, N2); no stack offsets'] },
  'srsran-default': {
    name: 'srsran-default',
    values: Object.freeze({ k1MinSlots: 4, k2MinSlots: 4, gnbProcSlots: 5, srPeriodMs: 20 }),
    sources: [
      'srsRAN Project gNB configuration reference: cell_cfg.pucch.min_k1 = 4, cell_cfg.pusch.min_k2 = 4, cell_cfg.pucch.sr_period_ms = 20 (defaults)',
      'expert_phy.max_proc_delay = 5 slots (default), read as the gNB reaction time (not confirmed)',
    ],
  },
  'srsran-low-latency': {
    name: 'srsran-low-latency',
    values: Object.freeze({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 1, srPeriodMs: 2 }),
    sources: [
      'srsRAN Project configs/low_latency.yml: pucch.min_k1 = 2, pusch.min_k2 = 2, pucch.sr_period_ms = 2, expert_phy.max_proc_delay = 1',
    ],
  },
  'oai-default': {
    name: 'oai-default',
    values: Object.freeze({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 6, srPeriodSlots: 10 }),
    sources: [
      'OAI gnb_paramdef.h: min_rxtxtime = 2 (default), read as minimal K1 and K2 (not confirmed)',
      'OAI RU parameters: sl_ahead = 6 slots (default), read as the gNB reaction time (not confirmed)',
      'OAI nr_rrc_config.c set_SR_periodandoffset: SR periodicity sl10 (FDD, TDD with < 10 DL slots)',
    ],
  },
});

/** Limits of the explicit values. */
export const TIMING_LIMITS = { k1MinSlots: 15, k2MinSlots: 32, gnbProcSlots: 32, srPeriodMs: 640, srPeriodSlots: 640 } as const;

/** The values of a timing (null for spec-min or undefined). */
export function timingValues(t: StackTiming | undefined): StackTimingValues | null {
  if (t === undefined) return null;
  if (typeof t === 'string') return TIMING_PROFILES[t]?.values ?? null;
  return t;
}

/** True when `t` is the 3GPP-minimum timing (absent, 'spec-min', or all-zero values). */
export function isSpecMin(t: StackTiming | undefined): boolean {
  const v = timingValues(t);
  return v === null || (v.k1MinSlots === 0 && v.k2MinSlots === 0 && v.gnbProcSlots === 0 && (v.srPeriodMs ?? 0) === 0 && (v.srPeriodSlots ?? 0) === 0);
}

const intIn = (v: unknown, hi: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= hi;

/** `'spec-min' | 'srsran-default' | ...` for messages. */
export const TIMING_NAMES_TEXT = TIMING_PROFILE_NAMES.map((n) => `'${n}'`).join(' | ');

/** Validate a timing value (a name or explicit values); the field is named `field`. */
export function validateTiming(t: unknown, field = 'timing'): PhyError | null {
  if (t === undefined) return null;
  if (typeof t === 'string') {
    return (TIMING_PROFILE_NAMES as readonly string[]).includes(t)
      ? null
      : invalidInput(field, `${TIMING_NAMES_TEXT} or { k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs }`, t);
  }
  if (typeof t !== 'object' || t === null || Array.isArray(t)) {
    return invalidInput(field, `${TIMING_NAMES_TEXT} or { k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs }`, t);
  }
  const o = t as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['k1MinSlots', 'k2MinSlots', 'gnbProcSlots', 'srPeriodMs', 'srPeriodSlots'].includes(k)) {
      return invalidInput(`${field}.${k}`, 'one of the keys k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs, srPeriodSlots', 'an unknown key');
    }
  }
  for (const k of ['k1MinSlots', 'k2MinSlots', 'gnbProcSlots'] as const) {
    if (!intIn(o[k], TIMING_LIMITS[k])) return invalidInput(`${field}.${k}`, `an integer in 0..${TIMING_LIMITS[k]}`, o[k]);
  }
  const ms = o['srPeriodMs'];
  const sl = o['srPeriodSlots'];
  if ((ms === undefined) === (sl === undefined)) return invalidInput(`${field}.srPeriodMs`, 'exactly one of srPeriodMs (ms) or srPeriodSlots', ms ?? sl);
  if (ms !== undefined && !(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= TIMING_LIMITS.srPeriodMs)) {
    return invalidInput(`${field}.srPeriodMs`, `a number in [0, ${TIMING_LIMITS.srPeriodMs}] ms`, ms);
  }
  if (sl !== undefined && !intIn(sl, TIMING_LIMITS.srPeriodSlots)) return invalidInput(`${field}.srPeriodSlots`, `an integer in 0..${TIMING_LIMITS.srPeriodSlots}`, sl);
  return null;
}

/** Decode a timing (Left naming the field and the allowed names/values). */
export function decodeTiming(t: unknown, field = 'timing'): E.Either<PhyError, StackTiming> {
  const e = validateTiming(t, field);
  return e === null ? E.right(t as StackTiming) : E.left(e);
}

/** SR period in symbols at numerology mu (whole slots, rounded up; 0 = every UL TTI). */
export function srPeriodSymbols(v: StackTimingValues, mu: number): number {
  if (v.srPeriodSlots !== undefined) return v.srPeriodSlots * 14;
  const ms = v.srPeriodMs ?? 0;
  if (ms <= 0) return 0;
  return Math.ceil(ms * 2 ** mu - 1e-9) * 14;
}

/** A short text of a timing for headers: the name, or k1/k2/gNB/SR values. */
export function timingText(t: StackTiming | undefined): string {
  if (t === undefined) return 'spec-min';
  if (typeof t === 'string') return t;
  const sr = t.srPeriodSlots !== undefined ? `${t.srPeriodSlots} slots` : `${t.srPeriodMs ?? 0} ms`;
  return `K1 >= ${t.k1MinSlots}, K2 >= ${t.k2MinSlots} slots, gNB ${t.gnbProcSlots} slots, SR period ${sr}`;
}

/** The stacks `--stack` knows, with their default timing profile. */
export const STACK_DEFAULT_TIMING = { srsran: 'srsran-default', oai: 'oai-default', lena: 'spec-min' } as const satisfies Record<string, TimingProfileName>;

/** The stacks of `--stack` / serve's `params.stack` (export/stacks.ts STACK_TARGETS, kept here so CLI option parsing stays light). */
export const STACK_NAMES = Object.keys(STACK_DEFAULT_TIMING) as (keyof typeof STACK_DEFAULT_TIMING)[];
/** One of STACK_NAMES. */
export type StackName = keyof typeof STACK_DEFAULT_TIMING;
