/**
 * Human descriptions shared by the planning commands: the link in one line, a PHY class as
 * key/value lines, and the short columns of a class.
 */
import type { LinkContext } from '../classes/link.js';
import type { Infeasible, PhyClass, Verdict } from '../classes/types.js';
import type { FadingModel } from '../core/types.js';
import { formatBytes, formatEpsilon, formatMs, formatNumber } from '../report/table.js';
import type { ServiceProfile } from '../services/catalogue.js';
import { DEFAULT_TDD_PATTERN, formatSpecialSlot } from '../nr/slotPattern.js';
import { timingText } from '../link/timing.js';
import { budgetText } from '../link/budget.js';

export function describeFading(f: FadingModel): string {
  switch (f.kind) {
    case 'awgn':
      return 'AWGN';
    case 'rayleigh':
      return `Rayleigh (diversity ${f.diversity ?? 1})`;
    case 'rician':
      return `Rician K=${f.kFactorDb} dB (diversity ${f.diversity ?? 1})`;
    case 'nakagami':
      return `Nakagami m=${f.m} (diversity ${f.diversity ?? 1})`;
  }
}

/** The link in one line: `n78 100 MHz FR1 TDD DDDSU, SNR 15 dB, Rayleigh (diversity 2), capability 1, 1 layer, nr-ldpc (conservative)`. */
export function describeLink(l: LinkContext): string {
  const duplex = l.duplex === 'TDD' ? `TDD ${l.tddPattern ?? DEFAULT_TDD_PATTERN}${l.specialSlot !== undefined ? ` (S ${formatSpecialSlot(l.specialSlot)})` : ''}` : 'FDD';
  const mu = l.allowedMu === undefined ? '' : `, mu ${l.allowedMu.join('/')}`;
  return `${l.band ?? 'no band'} ${l.bandwidthMHz} MHz ${l.fr} ${duplex}${mu}, ${l.linkBudget !== undefined ? `link budget (${budgetText(l.linkBudget, l.bandwidthMHz)})` : `SNR ${l.snrDb} dB`}, ${describeFading(l.fading)}, UE capability ${l.ueCapability}, ${l.nLayers} layer${l.nLayers === 1 ? '' : 's'}, ${l.blerModel}${l.blerModel === 'nr-ldpc' ? ` (${l.receiver})` : ''}, HARQ ${l.combining}${l.timing !== undefined ? `, timing ${timingText(l.timing)}` : ''}`;
}

/** `12.54 kB..25.09 kB` or `2 kB`. */
export function payloadRange(s: ServiceProfile): string {
  const p = s.payload;
  return p.minBytes === p.maxBytes ? formatBytes(p.maxBytes) : `${formatBytes(p.minBytes)}..${formatBytes(p.maxBytes)}`;
}

export function scsKHz(mu: number): number {
  return 15 * 2 ** mu;
}

/** `A14` (slot) or `B2` (2-symbol mini-slot). */
export function ttiLabel(c: PhyClass): string {
  return `${c.mappingType}${c.ttiSymbols}`;
}

/** `qam64/9` */
export function mcsLabel(c: PhyClass): string {
  return `${c.mcsTable}/${c.mcs}`;
}

/** `2xIR` or `1` */
export function harqLabel(c: PhyClass): string {
  return c.maxTransmissions === 1 ? '1' : `${c.maxTransmissions}x${c.combining.toUpperCase()}`;
}

/** Key/value lines describing a class (and its verdict when given). */
export function classLines(s: ServiceProfile, c: PhyClass, v?: Verdict): [string, string][] {
  const lines: [string, string][] = [
    ['service', `${s.id} (${s.direction}, ${payloadRange(s)}, budget ${formatMs(s.latencyBudgetMs)} ms, epsilon ${formatEpsilon(s.epsilon)})`],
    ['class', c.id],
    ['numerology', `mu ${c.mu} (${scsKHz(c.mu)} kHz)`],
    ['TTI', `mapping type ${c.mappingType}, ${c.ttiSymbols} symbols${c.mappingType === 'B' ? ' (mini-slot)' : ' (slot)'}`],
    ['MCS', `${c.mcsTable} index ${c.mcs} (Qm ${c.qm}, R ${c.rateX1024}/1024)`],
    ['HARQ', `up to ${c.maxTransmissions} transmission${c.maxTransmissions === 1 ? '' : 's'}, ${c.combining === 'ir' ? 'incremental redundancy' : 'Chase combining'}`],
    ['repetitions', String(c.repetitions)],
    ['grant', c.direction === 'DL' ? 'dynamic (downlink)' : c.grant],
    ['PRBs per TTI', `${c.nPrb} (TBS ${c.tbsBits} bits, ${c.nLayers} layer${c.nLayers === 1 ? '' : 's'})`],
    ['5QI', c.fiveQi === null ? '-' : String(c.fiveQi)],
  ];
  if (v !== undefined) {
    const lat = Math.max(0, ...v.perSize.map((p) => p.latencyLastMs));
    const first = Math.max(0, ...v.perSize.map((p) => p.latencyFirstMs));
    lines.push(
      ['verified', v.pass ? 'pass' : 'FAIL'],
      ['achieved epsilon', `${formatEpsilon(v.epsilonAchieved, 2)} (target ${formatEpsilon(s.epsilon)})`],
      ['latency', `${formatMs(first)} ms first transmission, ${formatMs(lat)} ms last allowed (budget ${formatMs(s.latencyBudgetMs)} ms)`],
      ['margins', `SNR ${formatNumber(v.snrMarginDb, 3)} dB, latency ${formatMs(v.latencyMarginMs)} ms`],
      ['load', `${formatNumber(v.load * 100, 3)} % of the carrier (${formatNumber(v.rePerSecond, 4)} RE/s)`],
    );
    for (const r of v.reasons) lines.push([v.pass ? 'note' : 'reason', r.replace(/^note:\s*/, '')]);
  }
  return lines;
}

/** Lines explaining an infeasible service. */
export function infeasibleLines(inf: Infeasible): string[] {
  const msg = inf.message.startsWith(`${inf.serviceId}: `) ? inf.message.slice(inf.serviceId.length + 2) : inf.message;
  const out = [`${inf.serviceId}: infeasible (${inf.binding}): ${msg}`];
  for (const r of inf.relaxations) out.push(`  would work with: ${r.description} (class ${r.classId})`);
  return out;
}

/** Render key/value pairs as aligned lines. */
export function keyValueText(lines: readonly (readonly [string, string])[]): string {
  const w = Math.max(...lines.map(([k]) => k.length));
  return `${lines.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`;
}
