/**
 * `phyclass report [--out dir]`: plan and verify the class set, simulate it, and write a
 * self-contained HTML report with five SVG plots (BLER vs SNR with the finite-blocklength limit;
 * latency breakdown per class; seed Table 1 packet sizes; simulated latency CDF against each
 * deadline; class map), the class table and the recomputed Table 1. Each SVG and the class table
 * as CSV are also written beside the page.
 */
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ServiceProfile } from '../../services/catalogue.js';
import type { ScenarioReport } from '../../scheduler/simulate.js';
import { blerCurves, classMapPoints, classPlotLabel, latencyCdfFromReport, latencyPartRows, packetSizeData } from '../../report/data.js';
import { type ReportFigure, htmlTableData, reportHtml } from '../../report/html.js';
import { blerPlotSpec, classMapSpec, latencyBreakdownSpec, latencyCdfSpec, packetSizeSpec, renderSvg } from '../../report/plots.js';
import { csvTable, formatNumber } from '../../report/table.js';
import { packetSizeTable, type PacketSizeRow } from '../../workload/split.js';
import { MAX_SLOTS, SEED } from '../../core/ranges.js';
import { parseIntArg } from '../args.js';
import { addLinkOptions, linkFromOptions, resolveServices } from '../context.js';
import { describeLink } from '../describe.js';
import { formatAssumptions, linkAssumptions } from '../../report/assumptions.js';
import { badInput } from '../errors.js';
import { checkOutputDir, fsCall } from '../files.js';
import { progressBar } from '../progress.js';
import { col, outputFormat, toJsonText } from '../output.js';
import type { CommandEnv } from '../program.js';
import { TEXT_HIDDEN, classTableEntries, entryColumns } from './classes.js';

/** Every file `report` may write in --out (checked before any work). */
const REPORT_FILES = ['index.html', 'bler.svg', 'latency.svg', 'table1.svg', 'cdf.svg', 'classmap.svg', 'classes.csv'] as const;

export function registerReport(program: Command, env: CommandEnv): void {
  addLinkOptions(
    program
      .command('report')
      .description('write an HTML report with SVG plots (BLER, latency, Table 1, simulated CDF, class map)')
      .option('--out <dir>', 'output directory', 'phyclass-report')
      .option('--force', 'overwrite the files of an earlier report in --out')
      .option('--max-classes <K>', 'at most K class templates', '4')
      .option('--services <file>', 'service profiles JSON instead of the catalogue')
      .option('--only <ids>', 'comma-separated service ids')
      .option('--slots <n>', 'slots to simulate for the latency CDF (0 = skip the simulation)', '20000')
      .option('--seed <n>', 'simulation seed', '1'),
  )
    .addHelpText('after', '\nExamples:\n  $ phyclass report --out report/\n  $ phyclass report --out report/ --force     # replace an earlier report\n  $ phyclass report --bandwidth "20 MHz" --slots 50000 --out report-20mhz/')
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const link = await linkFromOptions(env.io, o);
      const list = await resolveServices(env.io, o);
      const K = parseIntArg('--max-classes', String(o['maxClasses']), 1, 64);
      const slots = parseIntArg('--slots', String(o['slots']), 0, MAX_SLOTS);
      const seed = parseIntArg('--seed', String(o['seed']), SEED.min, SEED.max);
      const out = String(o['out']);
      if (out.trim() === '') badInput('--out: expected a directory');
      // Before any work: a usable directory, no symlink out of it, nothing overwritten without --force.
      await checkOutputDir(env.io, '--out', out, REPORT_FILES, o['force'] === true);

      const { entries, labels, system } = classTableEntries(list, link, K);
      const served: ServiceProfile[] = entries.filter((e) => e.phyClass !== null).map((e) => e.service);

      // Simulation (latency CDF): exactly the system plan (its classes, BWPs, admitted UEs, grants, policy).
      let sim: ScenarioReport | null = null;
      let simNote = 'simulation skipped (--slots 0)';
      let simNotes: readonly string[] = [];
      if (slots > 0 && served.length > 0) {
        const { simulateSystemPlan } = await import('../../scheduler/fromPlan.js'); // heavy: loaded only here
        const bar = progressBar(env.io, 'simulate');
        const r = simulateSystemPlan(system.plan, list, link, { slots, seed, onProgress: bar.update });
        bar.finish();
        if (E.isRight(r)) {
          sim = r.right.report;
          simNotes = r.right.notes;
          simNote = `simulated ${slots} slots (${formatNumber(r.right.report.durationMs / 1000, 3)} s of air time) of exactly the system plan (admitted UEs, BWPs ${system.plan.bwps.map((b) => `${b.id} ${b.nPrb} PRB`).join(', ')}), ${system.plan.policy} scheduling, seed ${seed}`;
        } else simNote = `simulation not run: ${r.left.message}`;
      }

      const figures: ReportFigure[] = [];
      const add = async (id: string, title: string, caption: string, spec: Parameters<typeof renderSvg>[0]): Promise<void> => {
        figures.push({ id, title, caption, svg: await renderSvg(spec) });
      };
      await add('bler', 'Block error rate vs SNR', 'Transport blocks of 1024 bits, 64QAM MCS table, AWGN. Dashed: the practical NR LDPC model with the conservative receiver the planner uses; solid: the finite-blocklength normal approximation with Gaussian input, the limit no code of this length can beat. The gap is the price of a real code, modulation and receiver.', blerPlotSpec(blerCurves()));
      const classList = system.plan.classes.map((c) => ({ phyClass: c, label: labels.get(c.id) ?? '' }));
      await add('latency', 'User-plane latency per class', 'One-way latency with every HARQ transmission the class allows (ITU-R M.2412 average frame alignment), split into its parts.', latencyBreakdownSpec(latencyPartRows(classList, link)));
      const ps = packetSizeData();
      await add('table1', 'Packet sizes per model and split point (seed Table 1)', 'Every candidate split point of each DNN (blue ticks) against the range the seed paper quotes (red bar). 224x224 rows count values; 8K and future rows count bytes at 10:1 compression.', packetSizeSpec(ps.points, ps.ranges));
      if (sim !== null) {
        const deadlines = new Map(served.map((s) => [s.id, s.latencyBudgetMs] as const));
        await add('cdf', 'Simulated latency CDF against deadlines', `${simNote}. Points are the measured p50/p99/p99.999/max (as the sample allows) and the on-time ratio at each deadline (dashed).`, latencyCdfSpec(latencyCdfFromReport(sim.services, deadlines), served.map((s) => ({ service: s.id, deadlineMs: s.latencyBudgetMs }))));
      }
      await add('classmap', 'Class map', 'Each service at its payload range (bytes) and radio latency budget, coloured by the class template serving it.', classMapSpec(classMapPoints(entries)));

      const cols = entryColumns().filter((c) => !TEXT_HIDDEN.has(c.key) || c.key === 'classId');
      const t1cols = [
        col<PacketSizeRow>('id', 'row', (r) => r.id),
        col<PacketSizeRow>('paperRange', 'paper', (r) => r.paperRange),
        col<PacketSizeRow>('computedMin', 'computed min', (r) => r.computedMin),
        col<PacketSizeRow>('computedMax', 'computed max', (r) => r.computedMax),
        col<PacketSizeRow>('unit', 'unit', (r) => r.unit),
        col<PacketSizeRow>('verdict', 'verdict', (r) => r.verdict),
        col<PacketSizeRow>('holdsFrom', 'holds from', (r) => r.holdsFrom),
      ];
      const tables = [
        htmlTableData('classes', 'System-verified class table', entries, cols, `${entries.filter((e) => e.phyClass !== null).length} of ${entries.length} services admitted on ${system.plan.classes.length} classes (${system.method}); "verified" = every admitted UE meets its epsilon on the shared carrier (spec/system.md). System check: ${system.verdict.pass ? 'pass' : 'FAILED'}.`),
        htmlTableData('table1-data', 'Seed Table 1, recomputed', packetSizeTable(), t1cols),
      ];
      if (sim !== null) {
        type G = ScenarioReport['services'][number];
        tables.push(
          htmlTableData('simulation', 'Simulation per service', sim.services, [
            col<G>('id', 'service', (g) => g.id),
            col<G>('arrived', 'arrived', (g) => g.arrived),
            col<G>('onTimeRatio', 'on time', (g) => g.onTimeRatio),
            col<G>('missRatio', 'miss ratio', (g) => g.missRatio),
            col<G>('missCiHigh', 'miss CI high', (g) => g.missCi.upper),
            col<G>('epsilon', 'epsilon', (g) => g.epsilon),
            col<G>('target', 'target', (g) => g.target),
            col<G>('p99Ms', 'p99 ms', (g) => g.latencyMs.p99.ms),
          ]),
        );
      }
      const unservedNotes = entries.filter((e) => e.phyClass === null).map((e) => `Infeasible: ${e.service.id}: ${e.reason ?? ''}`);
      const html = reportHtml({
        title: 'phyclass report: PHY classes for distributed-learning services',
        summary: [
          `Link: ${describeLink(link)}`,
          ...formatAssumptions(linkAssumptions(link)).map((x) => x.trim()),
          `Classes: ${system.plan.classes.map((c) => `${labels.get(c.id) ?? ''} = ${classPlotLabel(c)} (${c.id})`).join('; ')}`,
          `Admitted UEs: ${system.admission.map((a) => `${a.serviceId} ${a.admittedUes}/${a.ueCount}`).join(', ')}`,
          `Simulation: ${simNote}`,
        ],
        figures,
        tables,
        notes: [
          ...unservedNotes,
          ...simNotes.map((n) => `Simulator: ${n}`),
          ...(sim?.notes ?? []).filter((n) => !simNotes.includes(n)).map((n) => `Simulator: ${n}`),
          'Models and their limits: spec/bler.md, spec/latency.md, spec/planner.md, spec/scheduler.md, spec/workload.md.',
        ],
      });
      const write = (name: string, text: string): Promise<void> => fsCall(`--out ${join(out, name)}`, 'write', () => env.io.writeTextFile(join(out, name), text));
      await write('index.html', html);
      for (const f of figures) await write(`${f.id}.svg`, f.svg);
      await write('classes.csv', csvTable(entries, entryColumns()));
      const files = ['index.html', ...figures.map((f) => `${f.id}.svg`), 'classes.csv'];
      if (format === 'json') env.io.stdout(toJsonText({ out, files, plots: figures.map((f) => f.id), simulated: sim !== null, assumptions: linkAssumptions(link) }));
      else if (format === 'csv') env.io.stdout(csvTable(files, [col<string>('file', 'file', (f) => join(out, f))]));
      else env.io.stdout(`wrote ${join(out, 'index.html')} with ${figures.length} plots (${figures.map((f) => f.id).join(', ')}) and ${files.length - 1} more files in ${out}\n`);
    });
}
