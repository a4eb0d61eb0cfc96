/**
 * scripts/plan-snapshot: the planner's answers as JSON, for byte-identity checks across refactors
 * (issue 12). Plans every catalogue service with relaxations on (`planDetailed`) on six links
 * (default, 20 MHz, 12 dB, 'same' HARQ fading, AWGN 8 dB, TDD DDDSU) and derives the catalogue with
 * K = 1, 2, 4 on the default link.
 *
 *   npx tsx scripts/plan-snapshot.ts [out.json] [--reverse] [--links=default,awgn8] [--no-derive]
 *
 * `--reverse` plans the services in reverse catalogue order (the output is written in catalogue
 * order either way): a history-independent planner gives the same bytes. `--links` keeps the named
 * links only; `--no-derive` skips deriveClasses (test/classes/cache.test.ts runs a small snapshot in
 * fresh processes).
 */
import { writeFileSync } from 'node:fs';
import { defaultLink, deriveClasses, planDetailed, type LinkContext } from '../src/classes/index.js';
import { services } from '../src/services/index.js';

const args = process.argv.slice(2);
const reverse = args.includes('--reverse');
const out = args.find((a) => !a.startsWith('--'));
const only = args.find((a) => a.startsWith('--links='))?.slice('--links='.length).split(',');
const derive = !args.includes('--no-derive');

export const SNAPSHOT_LINKS: readonly (readonly [string, LinkContext])[] = [
  ['default', defaultLink],
  ['bw20', { ...defaultLink, bandwidthMHz: 20 }],
  ['snr12', { ...defaultLink, snrDb: 12 }],
  ['harqSame', { ...defaultLink, harqFading: 'same' }],
  ['awgn8', { ...defaultLink, fading: { kind: 'awgn' }, snrDb: 8 }],
  ['tddDDDSU', { ...defaultLink, duplex: 'TDD', tddPattern: 'DDDSU' }],
];

const result: Record<string, unknown> = {};
const t0 = performance.now();
for (const [name, link] of SNAPSHOT_LINKS) {
  if (only !== undefined && !only.includes(name)) continue;
  const idx = services.map((_, i) => i);
  if (reverse) idx.reverse();
  const plans: unknown[] = new Array(services.length);
  for (const i of idx) plans[i] = { id: services[i]!.id, plan: planDetailed(services[i]!, link) };
  result[`plans/${name}`] = plans;
}
const derives = !derive ? [] : reverse ? [4, 2, 1] : [1, 2, 4];
for (const K of derives) result[`derive/default/K${K}`] = deriveClasses(services, defaultLink, { maxClasses: K });
const ordered: Record<string, unknown> = {};
for (const k of Object.keys(result).sort()) ordered[k] = result[k];
const text = JSON.stringify(ordered, null, 1) + '\n';
if (out !== undefined) writeFileSync(out, text);
else process.stdout.write(text);
process.stderr.write(`plan-snapshot: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
