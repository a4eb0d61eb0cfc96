/**
 * `phyclass simulate <scenario.json>`: slot-level simulation of a scenario (services, classes,
 * carrier, policy) with a progress bar on stderr when it is a terminal. Prints per service and per
 * class the on-time ratio with its Wilson 95 % interval, latency percentiles, drops, HARQ figures.
 * Exit 1 when some service's miss ratio is above its epsilon with confidence.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import type { SimGroupReport } from '../../scheduler/run.js';
import type { ScenarioReport } from '../../scheduler/simulate.js';
import { formatEpsilon, formatMs, formatNumber } from '../../report/table.js';
import { MAX_SLOTS, SEED } from '../../core/ranges.js';
import { parseIntArg, parseJsonText } from '../args.js';
import { readInput } from '../context.js';
import { EXIT_UNMET, badInput } from '../errors.js';
import { progressBar } from '../progress.js';
import { col, emit, outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';

type Row = SimGroupReport & { kind: 'service' | 'class' };

const pct = (v: number | null): string => (v === null ? '-' : formatMs(v));

export function registerSimulate(program: Command, env: CommandEnv): void {
  program
    .command('simulate')
    .description('simulate a scenario slot by slot: deadline ratios with confidence intervals, latency percentiles')
    .argument('<scenario>', "scenario JSON file ('-' = stdin); see examples/scenarios/")
    .option('--slots <n>', "slots to simulate (default: the scenario's, else 10000)")
    .option('--seed <n>', 'random seed (same seed, same report)', '1')
    .addHelpText(
      'after',
      `
Scenario: {"services": [{"service": "teleop.haptic_feedback", "ueCount": 4}, ...], "policy": "edf",
           "classes": "derive" | "plan" | [PhyClass...], "link": {...}, "slots": 100000}
Policies: edf, priority, pf, and each with +preemption.
Examples:
  $ phyclass simulate examples/scenarios/mixed.json --slots 100000
  $ phyclass simulate scenario.json --seed 7 --json > run7.json`,
    )
    .action(async (file: string, o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const u = parseJsonText(file, await readInput(env.io, file));
      const seed = parseIntArg('--seed', String(o['seed']), SEED.min, SEED.max);
      const slots = o['slots'] === undefined ? undefined : parseIntArg('--slots', String(o['slots']), 1, MAX_SLOTS);
      const { simulate } = await import('../../scheduler/simulate.js'); // heavy: loaded only here
      const bar = progressBar(env.io, 'simulate');
      const r = simulate(u, { seed, ...(slots === undefined ? {} : { slots }), onProgress: bar.update });
      bar.finish();
      if (E.isLeft(r)) return badInput(`${file}: ${r.left.message}`);
      const rep: ScenarioReport = r.right;
      if (rep.services.some((g) => g.target === 'missed')) env.setExitCode(EXIT_UNMET);
      const rows: Row[] = [...rep.services.map((g) => ({ ...g, kind: 'service' as const })), ...rep.classes.map((g) => ({ ...g, kind: 'class' as const }))];
      const drops = (g: Row): number => Object.values(g.dropped).reduce((a, b) => a + b, 0);
      emit(env.io, format, {
        rows,
        json: rep,
        title: `${rep.name}: ${rep.slots} slots (${formatNumber(rep.durationMs, 6)} ms), policy ${rep.policy}, seed ${rep.seed}, ${rep.preemptions} pre-emptions`,
        footer: [
          ...rep.utilisation.map((x) => `BWP ${x.bwp}: DL ${formatNumber(x.dlUsedRatio * 100, 3)} % used, UL ${formatNumber(x.ulUsedRatio * 100, 3)} % used, configured grants unused ${formatNumber(x.cgUnusedRatio * 100, 3)} %`),
          ...rep.notes.map((n) => `note: ${n}`),
        ],
        columns: [
          col<Row>('kind', 'kind', (g) => g.kind),
          col<Row>('id', 'id', (g) => g.id),
          col<Row>('arrived', 'arrived', (g) => g.arrived),
          col<Row>('onTimeRatio', 'on time', (g) => g.onTimeRatio, (v) => formatNumber(v as number, 6)),
          col<Row>('missRatio', 'miss', (g) => g.missRatio, (v) => formatEpsilon(v as number, 1)),
          col<Row>('missCiLower', 'miss CI low', (g) => g.missCi.lower, (v) => formatEpsilon(v as number, 1)),
          col<Row>('missCiUpper', 'miss CI high', (g) => g.missCi.upper, (v) => formatEpsilon(v as number, 1)),
          col<Row>('epsilon', 'epsilon', (g) => g.epsilon, (v) => (v === null ? '-' : formatEpsilon(v as number))),
          col<Row>('target', 'target', (g) => g.target),
          col<Row>('p50Ms', 'p50 ms', (g) => g.latencyMs.p50.ms, (v) => pct(v as number | null), 'right'),
          col<Row>('p99Ms', 'p99 ms', (g) => g.latencyMs.p99.ms, (v) => pct(v as number | null), 'right'),
          col<Row>('p99999Ms', 'p99.999 ms', (g) => g.latencyMs.p99999.ms, (v) => pct(v as number | null), 'right'),
          col<Row>('dropped', 'dropped', (g) => drops(g)),
          col<Row>('retransmissions', 'retx', (g) => g.harq.retransmissions),
        ],
      });
    });
}
