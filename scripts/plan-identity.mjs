/**
 * scripts/plan-identity: `plan` of every catalogue service on random links, from a baseline build and this
 * build in one process, compared as JSON (issue 18: every speed change keeps the planner's answers
 * byte-identical). Wider than scripts/plan-snapshot.ts (six fixed links): SNR −5 to 35 dB, 20–100 MHz,
 * three TDD patterns and a free FDD carrier, the three HARQ fading modes, Rayleigh 1/2/4 and Nakagami,
 * UE capability 1 and 2, relaxations on in about 30 % of the links, and a set of link budgets (coupling
 * loss, positions: the band search).
 *
 *   git worktree add /tmp/base <commit> && (cd /tmp/base && ln -s "$PWD/node_modules" . && npm run build)
 *   npm run build
 *   node scripts/plan-identity.mjs /tmp/base/dist [seed=1] [links=40]
 *
 * Prints the number of plans compared and the differences (the first few in full); exits 1 on any.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const baseDist = process.argv[2];
if (baseDist === undefined) {
  process.stderr.write('usage: node scripts/plan-identity.mjs <baseline dist dir> [seed] [links]\n');
  process.exit(2);
}
const load = async (dist) => ({
  classes: await import(pathToFileURL(resolve(dist, 'classes/index.js')).href),
  services: (await import(pathToFileURL(resolve(dist, 'services/catalogue.js')).href)).services,
});
const A = await load(baseDist);
const B = await load(resolve(import.meta.dirname, '../dist'));

// a small deterministic generator (LCG): the same seed gives the same links
let seed = Number(process.argv[3] ?? 1) >>> 0 || 1;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const nLinks = Number(process.argv[4] ?? 40);

const links = [];
for (let i = 0; i < nLinks; i++) {
  const link = {
    ...B.classes.defaultLink,
    snrDb: Math.round((rnd() * 40 - 5) * 4) / 4,
    bandwidthMHz: pick([20, 40, 50, 100]),
    harqFading: pick(['correlated', 'correlated', 'independent', 'same']),
    fading: pick([{ kind: 'rayleigh', diversity: 2 }, { kind: 'rayleigh', diversity: 1 }, { kind: 'rayleigh', diversity: 4 }, { kind: 'nakagami', m: 2 }]),
    ueCapability: pick([1, 2]),
  };
  if (rnd() < 0.35) {
    delete link.band;
    delete link.tddPattern;
    link.duplex = 'FDD';
    link.carrierFrequencyGHz = 2.1;
  } else link.tddPattern = pick(['DDDSU', 'DDSUU', 'DSUUU']);
  links.push([link, rnd() < 0.3]);
}
for (const linkBudget of [{ couplingLossDb: 100 }, { couplingLossDb: 115 }, { couplingLossDb: 125 }, { position: 'median' }, { position: 'edge' }, {}]) {
  for (const harqFading of ['correlated', 'independent']) links.push([{ ...B.classes.defaultLink, linkBudget, harqFading }, false]);
}

let n = 0;
let diffs = 0;
for (const [link, relaxations] of links) {
  for (let k = 0; k < B.services.length; k++) {
    const a = JSON.stringify(A.classes.plan(A.services[k], link, { relaxations }));
    const b = JSON.stringify(B.classes.plan(B.services[k], link, { relaxations }));
    n++;
    if (a !== b) {
      diffs++;
      if (diffs <= 3) process.stdout.write(`DIFF ${B.services[k].id} on ${JSON.stringify(link)}\n  base: ${a.slice(0, 300)}\n  this: ${b.slice(0, 300)}\n`);
    }
  }
}
process.stdout.write(`plans compared: ${n} on ${links.length} links; differences: ${diffs}\n`);
process.exit(diffs === 0 ? 0 : 1);
