/**
 * Minimal benchmark harness: warm up, then time `fn` over `iterations` calls, several rounds,
 * and report the median ns per call. Compare ratios within one run; absolute numbers are noisy.
 */
import { readFileSync, readdirSync } from 'node:fs';

export interface BenchResult {
  readonly name: string;
  readonly nsPerOp: number;
  readonly opsPerSec: number;
  readonly rounds: readonly number[];
}

/** Keeps results alive so the JIT cannot drop the work. */
export let blackhole = 0;

export function measure(name: string, fn: (i: number) => number, iterations: number, rounds = 7): BenchResult {
  for (let i = 0; i < Math.min(iterations, 100_000); i++) blackhole += fn(i);
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    let acc = 0;
    for (let i = 0; i < iterations; i++) acc += fn(i);
    const t1 = process.hrtime.bigint();
    blackhole += acc;
    perRound.push(Number(t1 - t0) / iterations);
  }
  const sorted = [...perRound].sort((a, b) => a - b);
  const nsPerOp = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { name, nsPerOp, opsPerSec: 1e9 / nsPerOp, rounds: perRound };
}

export function report(results: readonly BenchResult[], baseline?: string): void {
  const base = results.find((r) => r.name === baseline);
  for (const r of results) {
    const spread = Math.max(...r.rounds) / Math.min(...r.rounds);
    const ratio = base ? `  x${(r.nsPerOp / base.nsPerOp).toFixed(2)} vs ${base.name}` : '';
    process.stdout.write(
      `${r.name.padEnd(48)} ${r.nsPerOp.toFixed(1).padStart(10)} ns/op  ${(r.opsPerSec / 1e6).toFixed(2).padStart(8)} M op/s  (max/min round ${spread.toFixed(2)})${ratio}\n`,
    );
  }
}

/**
 * CPU time of this process split by thread, ms (Linux /proc/self/task/<tid>/stat, utime + stime, in
 * clock ticks of 10 ms): the main thread (tid = pid) and the rest — V8's background compiler and GC
 * helpers, libuv's pool. Null where /proc is not readable. Used by the fresh-process figures (issue 18):
 * a first call's CPU is mostly V8 tiering up, and the split shows how much ran beside the JS.
 */
export function threadCpuMs(): { readonly main: number; readonly background: number } | null {
  try {
    let main = 0;
    let background = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // fields after "(comm)": state is field 3; utime 14 and stime 15 (1-based) → rest[11], rest[12]
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(rest[11]) + Number(rest[12])) * 10;
      if (!Number.isFinite(ms)) return null;
      if (Number(tid) === process.pid) main += ms;
      else background += ms;
    }
    return { main, background };
  } catch {
    return null;
  }
}
