/**
 * Child-process half of test/api/kernels.test.ts (`node --import tsx test/api/kernels-crash.ts`).
 *
 * `phyclass/kernels` may assume valid input (an exception or a meaningless number is allowed) but
 * must never bring the process down or hang. Each kernel is called with the bad values of the root
 * fuzz, with hostile numbers (1e300, ±Infinity, 2^31, -1e9, 0.5, 1e-300) in every position, and with
 * fast-check `fc.anything()` tuples; exceptions are caught and counted. A call over 5 s is a problem;
 * a crash ends the child (the parent reports the last `call` line of the protocol file, argument 1).
 */
import { openSync, writeSync } from 'node:fs';
import fc from 'fast-check';
import * as kernels from '../../src/kernels.js';
import { BAD_VALUES } from './child.js';

type Fn = (...args: unknown[]) => unknown;

const VALUES: readonly (readonly [string, unknown])[] = [
  ...BAD_VALUES,
  ['0', 0],
  ['0.5', 0.5],
  ['1e-300', 1e-300],
  ['1e300', 1e300],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['2^31', 2 ** 31],
  ['-1e9', -1e9],
  ['Float64Array(3)', new Float64Array(3)],
];

const LIMIT_MS = 5_000;

/** The protocol goes to the file named by the first argument, synchronously: the last line is there even if the next call kills the process. */
const LOG_FD = openSync(process.argv[2] ?? '/dev/null', 'w');
function out(line: string): void {
  writeSync(LOG_FD, `${line}\n`);
}

let calls = 0;
let threw = 0;
let problems = 0;

function callOne(name: string, f: Fn, args: readonly unknown[], label: string): void {
  calls++;
  out(`call ${name} ${label}`);
  const t0 = performance.now();
  try {
    f(...args);
  } catch {
    threw++;
  }
  const ms = performance.now() - t0;
  if (ms > LIMIT_MS) {
    problems++;
    out(`problem ${JSON.stringify({ name, label, what: `took ${ms.toFixed(0)} ms` })}`);
  }
}

const names = Object.keys(kernels).filter((k) => typeof (kernels as Record<string, unknown>)[k] === 'function').sort();
for (const name of names) {
  const f = (kernels as unknown as Record<string, Fn>)[name] as Fn;
  const positions = Math.min(8, Math.max(1, f.length + 1));
  for (const [label, v] of VALUES) {
    callOne(name, f, [v], `(${label})`);
    callOne(name, f, Array.from({ length: positions }, () => v), `(${label} in all ${positions} positions)`);
    for (let i = 0; i < positions; i++) callOne(name, f, Array.from({ length: positions }, (_, j) => (j === i ? v : 1)), `(${label} at position ${i}, 1 elsewhere)`);
  }
  const tuples = fc.sample(fc.array(fc.anything({ maxDepth: 2 }), { maxLength: positions }), { numRuns: 25, seed: 7 });
  for (const [k, args] of tuples.entries()) callOne(name, f, args, `(fc.anything tuple #${k})`);
}
// the occasion grid of an absurd TTI length is empty (issue 12: it used to grow an array until V8 aborted)
for (const tti of [0, -1, 0.5, 1e-300, Number.NaN, Number.NEGATIVE_INFINITY]) {
  out(`call occasionGrid (DL, ${tti}, TDD, DDDSU) expecting no occasion`);
  const g = kernels.occasionGrid('DL', tti, 'TDD', 'DDDSU');
  if (g.starts.length !== 0 || g.worst.length !== 0 || g.periodSymbols !== 70) {
    problems++;
    out(`problem ${JSON.stringify({ name: 'occasionGrid', label: String(tti), what: `expected an empty grid, got ${JSON.stringify(g).slice(0, 200)}` })}`);
  }
}
out(`done ${calls} ${threw} ${problems}`);
