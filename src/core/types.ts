/**
 * Shared vocabulary of the SDK: small string/number unions used by several modules.
 * Defined once here so that `nr`, `link`, `classes` and `scheduler` agree on spelling.
 */

/** NR numerology index (TS 38.211 §4.2 Table 4.2-1): SCS = 15·2^mu kHz. */
export type Mu = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** All numerology indices 0..6, in ascending order. */
export const MU_VALUES: readonly Mu[] = [0, 1, 2, 3, 4, 5, 6];

/** Link direction: downlink (gNB to UE) or uplink (UE to gNB). */
export type Direction = 'DL' | 'UL';

/** Duplexing of the carrier. */
export type Duplex = 'FDD' | 'TDD';

/** Frequency range (TS 38.101-1 FR1, TS 38.101-2 FR2-1). */
export type FrequencyRange = 'FR1' | 'FR2-1';

/** MCS tables of TS 38.214 §5.1.3.1 (Tables 5.1.3.1-1..4). */
export type McsTableName = 'qam64' | 'qam256' | 'qam64LowSE' | 'qam1024';
/** All MCS table names, in the order of TS 38.214 Tables 5.1.3.1-1..4. */
export const MCS_TABLE_NAMES: readonly McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];

/** PDSCH/PUSCH mapping type (TS 38.214 §5.1.2.1): A = slot based, B = mini-slot. */
export type MappingType = 'A' | 'B';

/** UE processing capability (TS 38.214 §5.3, §6.4). */
export type UeCapability = 1 | 2;

/** HARQ soft combining: Chase (same bits, SNR adds) or incremental redundancy. */
export type Combining = 'chase' | 'ir';

/** How an uplink transmission is granted (ITU-R M.2412 / TR 37.910 latency cases). */
export type GrantType = 'dynamic' | 'configured' | 'sr';

/** Channel input alphabet for the finite-blocklength models. */
export type ModulationInput = 'gaussian' | 'bpsk' | 'qpsk' | 'qam16' | 'qam64' | 'qam256' | 'qam1024';

/** Small-scale fading of the received SNR (block fading: constant over one transmission). */
export type FadingModel =
  | {
      /** No fading: the received SNR equals the mean SNR. */
      readonly kind: 'awgn';
    }
  | {
      /** Rayleigh fading (exponential SNR). */
      readonly kind: 'rayleigh';
      /** Diversity order L (independent branches, maximal-ratio combined); omitted = 1. */
      readonly diversity?: number;
    }
  | {
      /** Rician fading (line-of-sight plus scatter). */
      readonly kind: 'rician';
      /** Rician K-factor in dB: power of the line-of-sight path over the scattered power. */
      readonly kFactorDb: number;
      /** Diversity order L (independent branches, maximal-ratio combined); omitted = 1. */
      readonly diversity?: number;
    }
  | {
      /** Nakagami-m fading (gamma-distributed SNR). */
      readonly kind: 'nakagami';
      /** Nakagami shape parameter m (m = 1 is Rayleigh; larger m is milder fading). */
      readonly m: number;
      /** Diversity order L (independent branches, maximal-ratio combined); omitted = 1. */
      readonly diversity?: number;
    };
