/**
 * Benchmarks of the link block-error models (run: npx tsx bench/bler.bench.ts).
 * Baseline: one Q-function evaluation (@stdlib erfc), the irreducible cost of any model call.
 * Target (issue 3): nr-ldpc codeBlockErrorRate < 200 ns per call.
 */
import { measure, report } from './harness.js';
import { qfunc } from '../src/link/qfunc.js';
import { normalApproximation } from '../src/link/fbl.js';
import { blerModel, type CodeBlockQuery } from '../src/link/bler.js';
import { harqResidualError } from '../src/link/harq.js';
import { fadingAverage } from '../src/link/fading.js';
import type { McsTableName } from '../src/core/types.js';

const N = 256;
const mask = N - 1;
const model = blerModel();
// pre-built queries (the planner builds its query once and varies fields; the model allocates nothing)
const queries: CodeBlockQuery[] = [];
for (let i = 0; i < N; i++) {
  queries.push({ mcsTable: 'qam64' as McsTableName, mcs: 10, cbsBits: 3000, snrDb: 4 + (i % 64) * 0.05 });
}
const mixed: CodeBlockQuery[] = [];
for (let i = 0; i < N; i++) {
  mixed.push({ mcsTable: (i & 1) === 0 ? 'qam64' : 'qam256', mcs: i % 20, cbsBits: 500 + ((i * 37) % 8000), snrDb: (i % 64) * 0.4 - 5 });
}
const xs = Float64Array.from({ length: N }, (_, i) => (i % 64) * 0.08);
// warm the constellation caches over the SNR ranges used below
for (const q of mixed) model.codeBlockErrorRate(q);

const results = [
  measure('baseline: qfunc (erfc)', (i) => qfunc(xs[i & mask] as number), 2_000_000),
  measure('normalApproximation gaussian', (i) => normalApproximation({ n: 1000, k: 2000, snrDb: 3 + (i & 63) * 0.05, input: 'gaussian' }), 1_000_000),
  measure('normalApproximation qam64', (i) => normalApproximation({ n: 1000, k: 4000, snrDb: 12 + (i & 63) * 0.05, input: 'qam64' }), 1_000_000),
  measure('nr-ldpc codeBlockErrorRate (fixed block, SNR sweep)', (i) => model.codeBlockErrorRate(queries[i & mask] as CodeBlockQuery), 2_000_000),
  measure('nr-ldpc codeBlockErrorRate (mixed MCS/size)', (i) => model.codeBlockErrorRate(mixed[i & mask] as CodeBlockQuery), 1_000_000),
  measure('nr-ldpc blockError kernel', (i) => model.blockError(4, 3000, 3000 / (434 / 1024) / 4, 4 + (i & 63) * 0.05), 2_000_000),
  measure('nr-ldpc transportBlockErrorRate (TBS 20000)', (i) => model.transportBlockErrorRate({ mcsTable: 'qam64', mcs: 10, tbsBits: 20000, snrDb: 5 + (i & 63) * 0.05 }), 300_000),
  measure('harqResidualError AWGN chase T=4', (i) => harqResidualError({ model, mcsTable: 'qam64', mcs: 10, tbsBits: 3000, snrDb: (i & 63) * 0.1, transmissions: 4, combining: 'chase' }), 100_000, 5),
  measure('harqResidualError AWGN IR T=4', (i) => harqResidualError({ model, mcsTable: 'qam64', mcs: 10, tbsBits: 3000, snrDb: (i & 63) * 0.1, transmissions: 4, combining: 'ir' }), 100_000, 5),
  measure('fadingAverage Rayleigh of nr-ldpc CB error', (i) => fadingAverage((s) => model.codeBlockErrorRate({ mcsTable: 'qam64', mcs: 10, cbsBits: 3000, snrDb: s }), 20 + (i & 7), { kind: 'rayleigh' }), 200, 3),
];
report(results, 'baseline: qfunc (erfc)');
