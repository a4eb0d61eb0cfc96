/**
 * Classifier throughput (issue 5 §6): classifications per second of a compiled ClassPlan over a
 * cycle of 4,096 (service, size) pairs drawn from the catalogue's profiles, against a baseline
 * that calls allocationFor directly (what the classifier precomputes).
 */
import { measure, report } from './harness.js';
import { allocationFor, compileClassifier, type ClassPlan, type PhyClass } from '../src/classes/index.js';
import { tbsFromRe } from '../src/nr/tbs.js';
import { services } from '../src/services/catalogue.js';
import { makeRng } from '../src/core/rng.js';

// A plan with one class per catalogue service (fixed classes: the bench measures lookup, not planning).
const mk = (id: string, nPrb: number, qm: number, rate: number): PhyClass => ({
  id, direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 12, qm, rateX1024: rate, maxTransmissions: 2,
  combining: 'chase', repetitions: 1, grant: 'configured', nPrb, tbsBits: tbsFromRe(132 * nPrb, qm, rate, 1), fiveQi: null,
  nLayers: 1, nRePerPrb: 132, nDmrsRePerPrb: 24, nOverheadRePerPrb: 0,
});
const classes = services.map((s, i) => mk(`c${i}`, 20 + ((i * 37) % 250), [2, 4, 6][i % 3]!, [308, 434, 719][i % 3]!));
const plan: ClassPlan = {
  classes,
  assignments: services.map((s, i) => ({ serviceId: s.id, classId: classes[i]!.id, ownRePerSecond: 0, sharedRePerSecond: 0, sharingPenaltyRePerSecond: 0, sharesWith: [s.id] })),
  unserved: [], totalRePerSecond: 0, loadByDirection: { DL: 0, UL: 0 }, exact: true, method: 'bench',
  maxBytesByService: Object.fromEntries(services.map((s) => [s.id, s.payload.maxBytes])),
};
const t0 = performance.now();
const classify = compileClassifier(plan);
const compileMs = performance.now() - t0;

const N = 4096;
const ids: string[] = [];
const sizes = new Float64Array(N);
const g = makeRng(42);
for (let i = 0; i < N; i++) {
  const s = services[Math.floor(g.uniform() * services.length)]!;
  ids.push(s.id);
  sizes[i] = 1 + Math.floor(g.uniform() * Math.max(1, s.payload.maxBytes));
}
const byId = new Map(services.map((s, i) => [s.id, classes[i]!] as const));
const idx = new Map(services.map((s, i) => [s.id, i] as const));
// the classifier is measured first: `measure` calls every workload through one call site, which
// turns polymorphic (slower) once a second workload has run through it — a radio stack's call site
// sees only the classifier
const classifierResult = measure('compileClassifier classify (serviceId, size)', (i) => classify(ids[i & 4095]!, sizes[i & 4095]!).nPrb, 5_000_000);
const results = [
  measure('floor: Map.get(serviceId) + array read', (i) => (idx.get(ids[i & 4095]!) ?? 0) + sizes[i & 4095]!, 5_000_000),
  classifierResult,
  measure('baseline: allocationFor per packet', (i) => allocationFor(byId.get(ids[i & 4095]!)!, sizes[i & 4095]!).nPrb, 500_000),
];
report(results, 'baseline: allocationFor per packet');
process.stdout.write(`classifier / floor ratio ${(results[1]!.nsPerOp / results[0]!.nsPerOp).toFixed(2)}\n`);
process.stdout.write(`compile ${compileMs.toFixed(1)} ms; classifier ${(results[1]!.opsPerSec / 1e6).toFixed(1)} M classifications/s (target ≥ 20 M/s)\n`);
