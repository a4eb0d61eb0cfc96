/**
 * link/budget: the SNR per resource element that a link budget gives, per direction (issue 14 item 2;
 * spec/budget.md).
 *
 * Uplink (PUSCH, TS 38.213 §7.1.1 open-loop power control with full path-loss compensation α = 1):
 *   P_PUSCH = min(P_CMAX, P_O + 10·log10(2^μ·M_RB) + α·PL)
 * spreads the UE's power over the M_RB = n PRBs it transmits on. With α = 1 the received power per RB
 * (at 15 kHz·2^μ) is P_O, i.e. a fixed TARGET SNR per RE (`targetSnrPerReDb`), until the UE reaches
 * P_CMAX = `ueMaxPowerDbm`; beyond that knee its power per RE falls as 1/n:
 *   SNR_UL(n, μ) = min(target, P_max − 10·log10(12·n) − CL − N_RE(μ, NF_gNB)) − 10·log10(ν)
 * Downlink: the gNB spreads `gnbPowerDbm` evenly over the whole carrier (N_RB(μ) PRBs, TS 38.101-1
 * Table 5.3.2-1), whatever the allocation:
 *   SNR_DL(μ) = P_gNB − 10·log10(12·N_RB(μ)) − CL − N_RE(μ, NF_UE) − 10·log10(ν)
 * Thermal noise per RE: N_RE = −174 dBm/Hz + 10·log10(Δf) + NF + I (Δf = 15·2^μ kHz, the RE bandwidth;
 * I = `interferenceMarginDb`, a noise rise for other cells, 0 by default). ν = layers (the transmit power
 * is shared by the layers). CL is the coupling loss (path loss + shadowing − antenna gains, TR 38.901
 * §7.8 calibration metric), given in dB or as a cell position ('median' | 'edge').
 *
 * Defaults (every one cited; spec/budget.md §2):
 * - ueMaxPowerDbm 23: power class 3, TS 38.101-1 §6.2.1 Table 6.2.1-1.
 * - gnbPowerDbm: absent = 49 dBm per 20 MHz scaled to the channel bandwidth (TR 38.901 Table 7.8-1,
 *   UMa large-scale calibration at 6 GHz: 49 dBm over 20 MHz; 56 dBm over 100 MHz).
 * - ueNoiseFigureDb 9, gnbNoiseFigureDb 5: TR 38.802 Table A.2.1-1 evaluation assumptions at 4 GHz
 *   (UE 9 dB, BS 5 dB; 13 / 7 dB above 6 GHz).
 * - targetSnrPerReDb 15: the SDK's former flat SNR (spec/planner.md §1.1), so a narrow UL allocation
 *   keeps today's SNR and only the width above the P_max knee costs SNR.
 * - couplingLossDb: 'median' 110 dB, 'edge' 125 dB — a project choice read off the coupling-loss CDFs of
 *   the TR 38.901 §7.8 UMa calibration (roughly the 50th and 5th-percentile UEs); not a 3GPP number.
 *
 * Pure numbers in, numbers out; never NaN (non-finite inputs are refused by the codec in classes/link.ts).
 */
import type { Direction, Mu } from '../core/types.js';
import { maxPrb } from '../nr/carrier.js';

/** Cell position a service (or the link) may name instead of a coupling loss. */
export type CellPosition = 'median' | 'edge';

/** Coupling loss of each cell position, dB (spec/budget.md §2: a project choice read off TR 38.901 §7.8). */
export const POSITION_COUPLING_LOSS_DB: Readonly<Record<CellPosition, number>> = Object.freeze({ median: 110, edge: 125 });

/** A link budget (every field optional in the input; `resolveBudget` fills the defaults). */
export interface LinkBudget {
  /** UE maximum output power P_CMAX, dBm; default 23 (power class 3, TS 38.101-1 Table 6.2.1-1). */
  readonly ueMaxPowerDbm?: number;
  /** gNB output power over the whole carrier, dBm; default 49 dBm per 20 MHz scaled to the bandwidth (TR 38.901 Table 7.8-1 UMa). */
  readonly gnbPowerDbm?: number;
  /** Coupling loss UE ↔ gNB, dB (path loss + shadowing − antenna gains); default the 'median' position. */
  readonly couplingLossDb?: number;
  /** Cell position used when `couplingLossDb` is absent: 'median' (110 dB) or 'edge' (125 dB). */
  readonly position?: CellPosition;
  /** UE receiver noise figure, dB (the DL); default 9 (TR 38.802 Table A.2.1-1, 4 GHz). */
  readonly ueNoiseFigureDb?: number;
  /** gNB receiver noise figure, dB (the UL); default 5 (TR 38.802 Table A.2.1-1, 4 GHz). */
  readonly gnbNoiseFigureDb?: number;
  /** UL power control target SNR per RE (P_O with α = 1, TS 38.213 §7.1.1), dB; default 15. */
  readonly targetSnrPerReDb?: number;
  /** Noise rise from other-cell interference, dB (both directions); default 0 (noise-limited). */
  readonly interferenceMarginDb?: number;
}

/** Defaults of `LinkBudget` (gnbPowerDbm is bandwidth-dependent: `defaultGnbPowerDbm`). */
export const BUDGET_DEFAULTS = Object.freeze({
  ueMaxPowerDbm: 23,
  ueNoiseFigureDb: 9,
  gnbNoiseFigureDb: 5,
  targetSnrPerReDb: 15,
  interferenceMarginDb: 0,
  position: 'median' as CellPosition,
});

/** The fields of a link `snrPerReDb` reads (classes/link.ts LinkContext satisfies it). */
export interface BudgetLinkFields {
  /** Flat SNR per RE, dB: the answer when there is no budget. */
  readonly snrDb: number;
  /** Channel bandwidth, MHz (the DL spreads its power over it). */
  readonly bandwidthMHz: number;
  /** The link budget; absent = flat `snrDb` in both directions, whatever the width. */
  readonly linkBudget?: LinkBudget;
  /** Layers per codeword (both directions unless overridden). */
  readonly nLayers: number;
  /** DL layers. */
  readonly nLayersDl?: number;
  /** UL layers. */
  readonly nLayersUl?: number;
}

/** Thermal noise density kT at 290 K, dBm/Hz. */
export const THERMAL_NOISE_DBM_PER_HZ = -174;

/** gNB power when the budget does not give one: 49 dBm per 20 MHz (TR 38.901 Table 7.8-1 UMa), scaled to `bandwidthMHz`. */
export function defaultGnbPowerDbm(bandwidthMHz: number): number {
  return 49 + 10 * Math.log10(bandwidthMHz / 20);
}

/** Coupling loss of a budget: `couplingLossDb`, else its position's (default 'median'). */
export function couplingLossOf(b: LinkBudget): number {
  return b.couplingLossDb ?? POSITION_COUPLING_LOSS_DB[b.position ?? BUDGET_DEFAULTS.position];
}

/** Thermal noise (+ interference margin) per RE of numerology μ, dBm. */
export function noisePerReDbm(mu: Mu, noiseFigureDb: number, interferenceMarginDb: number): number {
  return THERMAL_NOISE_DBM_PER_HZ + 10 * Math.log10(15e3 * 2 ** mu) + noiseFigureDb + interferenceMarginDb;
}

/** True when `link` carries a budget (then `snrPerReDb` follows it instead of `snrDb`). */
export function budgetApplies(link: BudgetLinkFields): boolean {
  return link.linkBudget !== undefined;
}

/**
 * UL SNR per RE at full power over ONE PRB (before the power-control target and the layer split), dB:
 * P_max − 10·log10(12) − CL − N_RE(μ, NF_gNB). Over n PRBs at full power it is this − 10·log10 n.
 */
export function ulFullPowerSnrAt1PrbDb(b: LinkBudget, mu: Mu): number {
  const p = b.ueMaxPowerDbm ?? BUDGET_DEFAULTS.ueMaxPowerDbm;
  return p - 10 * Math.log10(12) - couplingLossOf(b) - noisePerReDbm(mu, b.gnbNoiseFigureDb ?? BUDGET_DEFAULTS.gnbNoiseFigureDb, b.interferenceMarginDb ?? BUDGET_DEFAULTS.interferenceMarginDb);
}

const SNR_FLOOR_DB = -100;
const SNR_CEIL_DB = 100;
const clampSnr = (x: number): number => (x > SNR_FLOOR_DB ? (x < SNR_CEIL_DB ? x : SNR_CEIL_DB) : SNR_FLOOR_DB);

/**
 * Mean SNR per RE per layer (dB) of a transmission in `direction` over `nPrb` PRBs at numerology `mu`
 * on `link` (header: the UL and DL budgets). Without a budget: `link.snrDb` (flat, as before). UL: non-
 * increasing in nPrb (constant up to the P_max knee, then −10·log10 n). DL: independent of nPrb.
 * Always finite (clamped to [−100, 100] dB).
 */
export function snrPerReDb(link: BudgetLinkFields, direction: Direction, nPrb: number, mu: Mu): number {
  const b = link.linkBudget;
  if (b === undefined) return link.snrDb;
  const layers = (direction === 'DL' ? link.nLayersDl : link.nLayersUl) ?? link.nLayers;
  const layerSplit = 10 * Math.log10(layers >= 1 ? layers : 1);
  if (direction === 'UL') {
    const n = nPrb >= 1 ? nPrb : 1;
    const full = ulFullPowerSnrAt1PrbDb(b, mu) - 10 * Math.log10(n);
    const target = b.targetSnrPerReDb ?? BUDGET_DEFAULTS.targetSnrPerReDb;
    return clampSnr((full < target ? full : target) - layerSplit);
  }
  const nRb = carrierPrb(link.bandwidthMHz, mu);
  const p = b.gnbPowerDbm ?? defaultGnbPowerDbm(link.bandwidthMHz);
  const noise = noisePerReDbm(mu, b.ueNoiseFigureDb ?? BUDGET_DEFAULTS.ueNoiseFigureDb, b.interferenceMarginDb ?? BUDGET_DEFAULTS.interferenceMarginDb);
  return clampSnr(p - 10 * Math.log10(12 * nRb) - couplingLossOf(b) - noise - layerSplit);
}

/** N_RB of the carrier at μ (TS 38.101-1/-2 Table 5.3.2-1), else the bandwidth's 90 % occupancy estimate. */
function carrierPrb(bandwidthMHz: number, mu: Mu): number {
  const scs = 15 * 2 ** mu;
  const r = maxPrb(bandwidthMHz, scs);
  if (r._tag === 'Right') return r.right;
  return Math.max(1, Math.floor((0.9 * bandwidthMHz * 1000) / (12 * scs)));
}

/**
 * Step (dB) of the planner's class SNR: a class of width N at μ is PROVEN at its full-width SNR rounded
 * DOWN to this lattice (`classSnrDb`), never above what any of its allocations (n ≤ N PRBs) sees.
 */
export const CLASS_SNR_STEP_DB = 0.5;

/**
 * The SNR the planner proves a class of `classPrb` PRBs at μ with (spec/budget.md §3):
 * ⌊snrPerReDb(link, dir, classPrb, μ) / 0.5 dB⌋·0.5 dB under a budget (≤ the SNR of every allocation
 * n ≤ classPrb, since the UL SNR is non-increasing in n), `link.snrDb` without one.
 */
export function classSnrDb(link: BudgetLinkFields, direction: Direction, classPrb: number, mu: Mu): number {
  if (link.linkBudget === undefined) return link.snrDb;
  const x = snrPerReDb(link, direction, classPrb, mu);
  const q = Math.floor(x / CLASS_SNR_STEP_DB) * CLASS_SNR_STEP_DB;
  return q > x ? q - CLASS_SNR_STEP_DB : q; // never above x (soundness)
}

/** A run of class widths [nLo, nHi] at one μ sharing one class SNR (`classSnrDb`). */
export interface SnrBand {
  /** Numerology. */
  readonly mu: Mu;
  /** First class width of the band. */
  readonly nLo: number;
  /** Last class width of the band. */
  readonly nHi: number;
  /** The class SNR of every width in the band, dB. */
  readonly snrDb: number;
}

/** The class-SNR bands of widths 1..maxPrb at μ (ascending width, so non-increasing SNR). */
export function snrBands(link: BudgetLinkFields, direction: Direction, mu: Mu, maxPrbAtMu: number): SnrBand[] {
  const out: SnrBand[] = [];
  let lo = 1;
  let cur = classSnrDb(link, direction, 1, mu);
  for (let n = 2; n <= maxPrbAtMu; n++) {
    const s = classSnrDb(link, direction, n, mu);
    if (s !== cur) {
      out.push({ mu, nLo: lo, nHi: n - 1, snrDb: cur });
      lo = n;
      cur = s;
    }
  }
  if (maxPrbAtMu >= 1) out.push({ mu, nLo: lo, nHi: maxPrbAtMu, snrDb: cur });
  return out;
}

/**
 * `link` with a service's own coupling loss or cell position (spec/budget.md §4): a service's
 * `couplingLossDb` (else `position`) replaces the link budget's; a link without a budget (an explicit
 * flat `snrDb`) is returned unchanged — the explicit SNR overrides every budget.
 */
export function linkForService<L extends BudgetLinkFields>(link: L, service: { readonly couplingLossDb?: number; readonly position?: CellPosition }): L {
  const b = link.linkBudget;
  if (b === undefined) return link;
  if (service.couplingLossDb !== undefined) {
    const { position: _p, ...rest } = b;
    return { ...link, linkBudget: { ...rest, couplingLossDb: service.couplingLossDb } };
  }
  if (service.position !== undefined) {
    const { couplingLossDb: _c, ...rest } = b;
    return { ...link, linkBudget: { ...rest, position: service.position } };
  }
  return link;
}

/**
 * `link` for a group of services planned as one class: the budget of the service with the LARGEST
 * coupling loss (`linkForService` of each; a class shared by a median and an edge service is proven
 * for the edge). Unchanged without a budget or when no service carries its own.
 */
export function linkForServices<L extends BudgetLinkFields>(
  link: L,
  services: readonly { readonly couplingLossDb?: number; readonly position?: CellPosition }[],
): L {
  if (link.linkBudget === undefined) return link;
  let worst = link;
  let worstCl = Number.NEGATIVE_INFINITY;
  let any = false;
  for (const s of services) {
    if (s.couplingLossDb === undefined && s.position === undefined) {
      const cl = couplingLossOf(link.linkBudget);
      if (cl > worstCl) {
        worst = link;
        worstCl = cl;
      }
      continue;
    }
    any = true;
    const l = linkForService(link, s);
    const cl = couplingLossOf(l.linkBudget as LinkBudget);
    if (cl > worstCl) {
      worst = l;
      worstCl = cl;
    }
  }
  return any ? worst : link;
}

/** One line of a budget's inputs with the defaults filled, e.g. `UE 23 dBm, gNB 56 dBm, coupling loss 110 dB (median), NF UE 9 / gNB 5 dB, UL target 15 dB/RE`. */
export function budgetText(b: LinkBudget, bandwidthMHz?: number): string {
  const cl = couplingLossOf(b);
  const where = b.couplingLossDb !== undefined ? '' : ` (${b.position ?? BUDGET_DEFAULTS.position})`;
  const gnb = b.gnbPowerDbm ?? (bandwidthMHz !== undefined ? defaultGnbPowerDbm(bandwidthMHz) : undefined);
  const im = b.interferenceMarginDb ?? BUDGET_DEFAULTS.interferenceMarginDb;
  return [
    `UE ${b.ueMaxPowerDbm ?? BUDGET_DEFAULTS.ueMaxPowerDbm} dBm`,
    gnb !== undefined ? `gNB ${+gnb.toFixed(1)} dBm` : 'gNB 49 dBm/20 MHz',
    `coupling loss ${cl} dB${where}`,
    `NF UE ${b.ueNoiseFigureDb ?? BUDGET_DEFAULTS.ueNoiseFigureDb} / gNB ${b.gnbNoiseFigureDb ?? BUDGET_DEFAULTS.gnbNoiseFigureDb} dB`,
    `UL target ${b.targetSnrPerReDb ?? BUDGET_DEFAULTS.targetSnrPerReDb} dB/RE`,
    ...(im !== 0 ? [`interference margin ${im} dB`] : []),
  ].join(', ');
}
