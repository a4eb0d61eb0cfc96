/**
 * `phyclass codesign <pipeline.json | service>`: choose the split point, precision and compression of a
 * split-DNN pipeline together with the PHY classes of its UL feature leg and DL result leg, end to end
 * (device compute + encode + UL air + edge compute + core network + DL air <= the E2E requirement).
 * Prints the Pareto front (radio RE/s, device MACs, E2E latency, accuracy when given) and the best point
 * per objective; when nothing is feasible, why, and the closest application-side relaxations.
 * Under the system-level guarantee (default; `--no-system` skips it) the best points' UL and DL legs are
 * planned as a set at their UE counts (`deriveSystem`) and admitted by `verifySystem`; "system-verified"
 * is printed only for those; `--simulate` runs the slot simulator on the best radio-cost point's set.
 * Exit 1 when no grid point is feasible, or when no checked point is system-verified.
 * Model and sources: spec/codesign.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { Command } from 'commander';
import { type CodesignOptions, type CodesignPipeline, type CodesignPoint, codesign, pipelineFromService } from '../../codesign/codesign.js';
import type { CodesignSystemCheck } from '../../codesign/admission.js';
import type { SimulatedService } from '../../scheduler/fromPlan.js';
import { payloadProfile, serviceById, services, type ServiceProfile } from '../../services/catalogue.js';
import { ARRIVAL_ASSUMPTIONS, type ArrivalAssumption } from '../../system/types.js';
import { formatBytes, formatEpsilon } from '../../report/table.js';
import { COMPUTE_PRESETS, COMPUTE_PRESET_IDS } from '../../workload/macs.js';
import { parseIntArg, parseJsonText } from '../args.js';
import { addLinkOptions, linkFromOptions, readInput } from '../context.js';
import { describeLink } from '../describe.js';
import { EXIT_UNMET, badInput } from '../errors.js';
import { col, emit, outputFormat, toJsonText } from '../output.js';
import type { CommandEnv } from '../program.js';

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function splitLabel(p: CodesignPoint): string {
  return p.splitAlias !== undefined && p.splitAlias !== p.split ? `${p.splitAlias} (${p.split})` : p.split;
}

function columns(withAccuracy: boolean): ReturnType<typeof col<CodesignPoint>>[] {
  return [
    col<CodesignPoint>('split', 'split', (p) => splitLabel(p)),
    col<CodesignPoint>('bitsPerValue', 'bits', (p) => p.bitsPerValue),
    col<CodesignPoint>('compressionRatio', 'ratio', (p) => p.compressionRatio),
    col<CodesignPoint>('payloadBytes', 'payload', (p) => p.payloadBytes, (v) => formatBytes(v as number)),
    col<CodesignPoint>('deviceGMacs', 'device GMAC', (p) => r3(p.deviceMacs / 1e9)),
    col<CodesignPoint>('ulBudgetMs', 'UL ms', (p) => p.e2e.ulAirMs),
    col<CodesignPoint>('ulClassId', 'UL class', (p) => p.ul.phyClass.id),
    col<CodesignPoint>('dlBudgetMs', 'DL ms', (p) => p.e2e.dlAirMs),
    col<CodesignPoint>('dlClassId', 'DL class', (p) => p.dl.phyClass.id),
    col<CodesignPoint>('radioRePerSecond', 'radio RE/s', (p) => Math.round(p.radioRePerSecond)),
    col<CodesignPoint>('e2eLatencyMs', 'E2E ms', (p) => r3(p.e2eLatencyMs)),
    col<CodesignPoint>('deviceComputeMs', 'device ms', (p) => r3(p.e2e.deviceComputeMs)),
    col<CodesignPoint>('edgeComputeMs', 'edge ms', (p) => r3(p.e2e.edgeComputeMs)),
    col<CodesignPoint>('system', 'system', (p) => (p.system === undefined ? null : p.system.pass ? 'verified' : 'refused')),
    ...(withAccuracy ? [col<CodesignPoint>('accuracy', 'accuracy', (p) => p.accuracy ?? null)] : []),
  ];
}

function pointLine(p: CodesignPoint): string {
  return `${p.bitsPerValue}-bit at ${splitLabel(p)}, ${p.compressionRatio}:1 (${formatBytes(p.payloadBytes)}), UL ${p.ul.phyClass.id} in ${p.e2e.ulAirMs} ms, ` +
    `DL ${p.dl.phyClass.id} in ${p.e2e.dlAirMs} ms: ${Math.round(p.radioRePerSecond).toLocaleString('en-US')} RE/s, device ${r3(p.deviceMacs / 1e9)} GMAC, E2E ${r3(p.e2eLatencyMs)} ms` +
    (p.accuracy !== undefined ? `, accuracy ${p.accuracy}` : '') + systemTag(p.system);
}

/** ` [system-verified: UL 4/4, DL 4/4 UEs]`, ` [not admitted: binding]`, or '' (not checked). */
function systemTag(c: CodesignSystemCheck | undefined): string {
  if (c === undefined) return ' [system level not checked]';
  const legs = `UL ${c.ul.admittedUes}/${c.ul.ueCount}, DL ${c.dl.admittedUes}/${c.dl.ueCount} UEs`;
  return c.pass ? ` [system-verified: ${legs}]` : ` [refused on the shared carrier: ${legs}; ${c.binding ?? ''}]`;
}

/** The leg services of a checked point as service profiles (what the simulator takes). */
function legProfiles(p: CodesignPoint): ServiceProfile[] {
  return [p.ul.service, p.dl.service].map((s) => ({
    ...s, name: s.id, payload: payloadProfile(s.payload.sizesBytes), source: 'codesign', description: 'co-designed leg', arrival: 'periodic' as const,
  }));
}

function looksLikeFile(arg: string): boolean {
  return arg === '-' || arg.endsWith('.json') || arg.includes('/') || arg.includes('\\');
}

function preset(option: string, id: string): (typeof COMPUTE_PRESETS)[string] {
  const p = COMPUTE_PRESETS[id];
  return p !== undefined ? p : badInput(`${option}: expected one of ${COMPUTE_PRESET_IDS.join(', ')}, got ${JSON.stringify(id)}`);
}

export function registerCodesign(program: Command, env: CommandEnv): void {
  addLinkOptions(
    program
      .command('codesign')
      .description('co-design split point x precision x compression x PHY class, end to end (Pareto front)')
      .argument('<pipeline>', "pipeline .json file ('-' = stdin), or a catalogue service with a feature source")
      .option('--device <preset>', `terminal compute preset (${COMPUTE_PRESET_IDS.join(', ')}); overrides the file`)
      .option('--edge <preset>', 'edge compute preset; overrides the file')
      .option('--all', 'list every feasible point, not only the Pareto front')
      .option('--no-system', 'skip the system-level check (the legs planned as a set at N UEs with deriveSystem, admitted by verifySystem)')
      .option('--arrivals <mode>', `arrival phases the system check assumes: ${ARRIVAL_ASSUMPTIONS.join(' | ')}`, 'synchronous')
      .option('--simulate', "also run the slot simulator on the best radio-cost point's system plan")
      .option('--slots <n>', 'slots to simulate with --simulate', '20000')
      .option('--seed <n>', 'simulation seed with --simulate', '1')
      .option('--svg <file>', 'also write the Pareto plot (radio RE/s x E2E latency, size = device GMAC) as SVG'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass codesign examples/pipelines/figure1.json
  $ phyclass codesign v2x.cooperative_perception_features --tdd DDDSU
  $ phyclass codesign my-pipeline.json --device jetson-orin-nano --csv > front.csv
  $ phyclass codesign examples/pipelines/figure1.json --svg front.svg
  $ phyclass codesign examples/pipelines/figure1.json --simulate --slots 50000
A service id builds the pipeline from its feature source (model, input, frame rate, E2E requirement)
with the jetson-agx-orin device and the edge-gpu-l4 edge unless --device/--edge say otherwise.
Exit 1 when no grid point is feasible (the reason and the closest relaxations are printed), or when
no point checked at the system level is admitted with all its UEs ("system-verified").`,
    )
    .action(async (arg: string, o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const link = await linkFromOptions(env.io, o);
      let pipeline: CodesignPipeline;
      let options: CodesignOptions = {};
      if (looksLikeFile(arg)) {
        const u = parseJsonText(arg, await readInput(env.io, arg));
        const { decodeCodesignInput } = await import('../../codecs/codesign.js'); // loads mathjs: only for files
        const d = decodeCodesignInput(u);
        if (E.isLeft(d)) return badInput(`${arg}: ${d.left.message}`);
        pipeline = d.right.pipeline;
        options = d.right.options;
      } else {
        const s = serviceById(arg);
        if (O.isNone(s)) return badInput(`unknown service ${JSON.stringify(arg)}; give a pipeline .json file or one of ${services.filter((x) => x.feature !== undefined).map((x) => x.id).join(', ')}`);
        const p = pipelineFromService(s.value, COMPUTE_PRESETS['jetson-agx-orin']!, COMPUTE_PRESETS['edge-gpu-l4']!);
        if (p === null) return badInput(`${arg}: the service has no feature source (model, split, bits, ratio); choose one of ${services.filter((x) => x.feature !== undefined).map((x) => x.id).join(', ')}`);
        pipeline = p;
        const f = s.value.feature!;
        options = { grid: { compressionRatios: [...new Set([1, 4, 10, 32, f.compressionRatio])] } };
      }
      if (typeof o['device'] === 'string') pipeline = { ...pipeline, device: preset('--device', o['device']) };
      if (typeof o['edge'] === 'string') pipeline = { ...pipeline, edge: preset('--edge', o['edge']) };
      const arrivals = String(o['arrivals']) as ArrivalAssumption;
      if (!ARRIVAL_ASSUMPTIONS.includes(arrivals)) return badInput(`--arrivals: expected one of ${ARRIVAL_ASSUMPTIONS.join(', ')}, got ${JSON.stringify(o['arrivals'])}`);
      const slots = parseIntArg('--slots', String(o['slots']), 1, 100_000_000);
      const seed = parseIntArg('--seed', String(o['seed']), 0, 2 ** 31 - 1);
      if (o['system'] === false) options = { ...options, system: false };
      else if (arrivals !== 'synchronous') {
        const so = typeof options.system === 'object' ? options.system : {};
        options = { ...options, system: { ...so, arrivals } };
      }
      const r = codesign(pipeline, link, options);
      if (E.isLeft(r)) return badInput(`${arg}: ${r.left.message}`);
      const res = r.right;
      if (!res.feasible || (res.system !== null && !res.system.bestVerified)) env.setExitCode(EXIT_UNMET);
      // --simulate: the slot simulator on exactly the system plan of the best radio-cost point
      let simulation: { pointKey: string; slots: number; seed: number; services: Record<string, SimulatedService>; notes: readonly string[] } | null = null;
      const simPoint = res.best.radioCost;
      if (o['simulate'] === true && simPoint?.system !== undefined && simPoint.system.plan.services.some((x) => x.admittedUes > 0)) {
        const { simulateSystemPlan } = await import('../../scheduler/fromPlan.js'); // heavy: loaded only here
        const sim = simulateSystemPlan(simPoint.system.plan, legProfiles(simPoint), link, { slots, seed });
        simulation = E.isLeft(sim)
          ? { pointKey: simPoint.key, slots, seed, services: {}, notes: [`simulation not run: ${sim.left.message}`] }
          : { pointKey: simPoint.key, slots, seed, services: { ...sim.right.services }, notes: [...sim.right.notes] };
      }
      const rows = o['all'] === true ? res.points : res.front;
      if (typeof o['svg'] === 'string') {
        const { paretoSpec, renderSvg } = await import('../../report/plots.js'); // loads vega: only when asked
        const front = new Set(res.front);
        const svg = await renderSvg(paretoSpec(res.points.map((p) => ({
          label: `${p.bitsPerValue}-bit at ${splitLabel(p)}, ${p.compressionRatio}:1, UL ${p.e2e.ulAirMs} ms, DL ${p.e2e.dlAirMs} ms`,
          radioRePerSecond: p.radioRePerSecond, e2eLatencyMs: p.e2eLatencyMs, deviceGMacs: p.deviceMacs / 1e9, onFront: front.has(p),
        })), { subtitle: `${res.pipelineId} on ${describeLink(link)}` }));
        try {
          await env.io.writeTextFile(o['svg'], svg);
        } catch (e) {
          return badInput(`--svg ${o['svg']}: cannot write (${(e as { code?: string }).code ?? 'write error'})`);
        }
      }
      const withAcc = options.accuracy !== undefined;
      if (format === 'json') {
        const { points, ...rest } = res;
        env.io.stdout(toJsonText({ pipeline, link, ...rest, ...(o['all'] === true ? { points } : {}), ...(simulation !== null ? { simulation } : {}) }));
        return;
      }
      const footer: string[] = [];
      if (res.feasible) {
        footer.push(`best radio cost: ${pointLine(res.best.radioCost!)}`);
        footer.push(`fewest device MACs: ${pointLine(res.best.deviceMacs!)}`);
        footer.push(`lowest E2E latency: ${pointLine(res.best.e2eLatency!)}`);
        if (res.best.accuracy !== null) footer.push(`highest accuracy: ${pointLine(res.best.accuracy)}`);
      } else {
        footer.push(`infeasible: ${res.diagnosis}`);
        for (const x of res.relaxations) footer.push(`  would work with: ${x.description}${res.system === null ? '' : systemTag(x.point.system)}`);
        if (res.relaxations.length === 0) footer.push('  no application-side relaxation on the ladders (compression, bits, split, E2E deadline up to 10x) helps');
      }
      if (res.system !== null) {
        footer.push(`system level (${res.system.arrivals} arrivals): ${res.system.verified} of ${res.system.checked} points checked are system-verified (both legs, every UE admitted, verifySystem)` +
          (res.feasible && !res.system.bestVerified ? ' — none of the best points is admitted with all its terminals on this carrier' : ''));
      } else footer.push('system level: not checked (--no-system): the legs are single-service plans, not verified as a set');
      if (simulation !== null) {
        footer.push(`simulated ${simulation.slots} slots (seed ${simulation.seed}) on the system plan of ${simulation.pointKey}:`);
        for (const [id, x] of Object.entries(simulation.services)) {
          footer.push(`  ${id}: miss ${formatEpsilon(x.missRatio, 1)} [${formatEpsilon(x.missCi.lower, 1)}, ${formatEpsilon(x.missCi.upper, 1)}] n=${x.packets}`);
        }
        for (const n of simulation.notes) footer.push(`  note: ${n}`);
      }
      footer.push(`${res.counts.feasible} feasible of ${res.counts.evaluated} grid points (${res.counts.overBudget} over the E2E budget, ${res.counts.ulInfeasible} without a UL class, ${res.counts.dlInfeasible} without a DL class)`);
      footer.push(...res.assumptions.map((a) => `assumes: ${a}`));
      emit(env.io, format, {
        rows,
        columns: columns(withAcc),
        title: `${o['all'] === true ? 'Feasible points' : 'Pareto front'} of ${res.pipelineId} (${pipeline.model} ${pipeline.input.height}x${pipeline.input.width}, ${pipeline.frameRateHz} fps, E2E ${pipeline.e2eLatencyMs} ms, epsilon ${pipeline.epsilon}) on ${describeLink(link)}`,
        footer,
      });
    });
}
