/**
 * `phyclass plan <service | profile.json>`: the least-cost PHY class for one service on the
 * link, re-checked by the independent `verify`; or why no class exists and what would fix it.
 * `phyclass verify <service> [--class class.json]`: verify a given (or the planned) class and
 * print the per-packet-size figures. Exit 1 when infeasible or the verification fails.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import type { LinkContext } from '../../classes/link.js';
import { type ApplicationRelaxation, applicationRelaxations } from '../../codesign/application.js';
import { plan } from '../../classes/planner.js';
import type { Infeasible, PhyClass, PlanOptions, SizeVerdict, Verdict } from '../../classes/types.js';
import { verify } from '../../classes/verify.js';
import type { ServiceProfile } from '../../services/catalogue.js';
import { formatBytes, formatEpsilon, formatMs } from '../../report/table.js';
import { formatAssumptions, formatSpeeds, linkAssumptions, type LinkAssumptions } from '../../report/assumptions.js';
import { parseJsonText } from '../args.js';
import { addLinkOptions, addStackOption, linkFromOptions, readInput, resolveService, stackFromOptions } from '../context.js';
import { classLines, describeLink, harqLabel, infeasibleLines, keyValueText, mcsLabel, ttiLabel } from '../describe.js';
import { EXIT_UNMET, badInput, oneLine } from '../errors.js';
import { col, emit, outputFormat, toJsonText } from '../output.js';
import type { CommandEnv } from '../program.js';

/** JSON answer of `plan`/`verify`. */
export interface PlanAnswer {
  readonly service: ServiceProfile;
  readonly link: LinkContext;
  /** Every assumption the answer rests on (report/assumptions linkAssumptions; issue 14 item 7). */
  readonly assumptions: LinkAssumptions;
  readonly feasible: boolean;
  readonly phyClass: PhyClass | null;
  readonly verdict: Verdict | null;
  readonly infeasible: Infeasible | null;
  /** Infeasible services with a feature source: application-side changes `plan` confirms (issue 15). */
  readonly applicationRelaxations?: readonly ApplicationRelaxation[];
  /** What the verdict covers: one UE of the service alone on the carrier (the shared-carrier check is `phyclass classes`). */
  readonly scope: 'single-UE';
}

/**
 * The JSON answer of `plan` (shared by the command and `phyclass serve`): the class and its
 * verdict, or the infeasibility with relaxations (when `relaxations`) and, for a service that carries
 * its feature source, the application-side relaxations (src/codesign/application.ts).
 */
export function planAnswer(s: ServiceProfile, link: LinkContext, relaxations = true, opts: PlanOptions = {}): PlanAnswer {
  const r = plan(s, link, { ...opts, relaxations });
  if (E.isLeft(r)) {
    const app = relaxations && s.feature !== undefined ? applicationRelaxations(s, link) : [];
    return {
      service: s,
      link,
      assumptions: linkAssumptions(link),
      feasible: false,
      phyClass: null,
      verdict: null,
      infeasible: r.left,
      scope: 'single-UE',
      ...(app.length > 0 ? { applicationRelaxations: app } : {}), // last: the key order `plan --json` has always printed
    };
  }
  return { service: s, link, assumptions: linkAssumptions(link), feasible: true, phyClass: r.right, verdict: verify(r.right, s, link), infeasible: null, scope: 'single-UE' };
}

/** The JSON answer of `verify` for a given class, or for the class `plan` chooses when `given` is null. */
export function verifyAnswer(s: ServiceProfile, link: LinkContext, given: PhyClass | null, opts?: PlanOptions): PlanAnswer {
  let c: PhyClass;
  if (given === null) {
    const r = opts === undefined ? plan(s, link) : plan(s, link, opts);
    if (E.isLeft(r)) return { service: s, link, assumptions: linkAssumptions(link), feasible: false, phyClass: null, verdict: null, infeasible: r.left, scope: 'single-UE' };
    c = r.right;
  } else c = given;
  const v = verify(c, s, link);
  return { service: s, link, assumptions: linkAssumptions(link), feasible: v.pass, phyClass: c, verdict: v, infeasible: null, scope: 'single-UE' };
}

/** True when the CLI exits 1 for this plan/verify answer (infeasible or the verification fails). */
export function planAnswerUnmet(a: PlanAnswer): boolean {
  return a.infeasible !== null || a.verdict === null || !a.verdict.pass;
}

/** The one-line scope statement of plan/verify output. */
export const SINGLE_UE_SCOPE = "scope: single-UE result (one UE of the service alone on the carrier); several UEs or services on one carrier: 'phyclass classes' (verifySystem)";

type Row = { s: ServiceProfile; c: PhyClass; v: Verdict };

const classColumns = [
  col<Row>('serviceId', 'service', (r) => r.s.id),
  col<Row>('classId', 'class', (r) => r.c.id),
  col<Row>('mu', 'mu', (r) => r.c.mu),
  col<Row>('tti', 'tti', (r) => ttiLabel(r.c)),
  col<Row>('mcs', 'mcs', (r) => mcsLabel(r.c)),
  col<Row>('harq', 'harq', (r) => harqLabel(r.c)),
  col<Row>('repetitions', 'rep', (r) => r.c.repetitions),
  col<Row>('grant', 'grant', (r) => r.c.grant),
  col<Row>('nPrb', 'prb', (r) => r.c.nPrb),
  col<Row>('tbsBits', 'tbs bits', (r) => r.c.tbsBits),
  col<Row>('pass', 'verified', (r) => r.v.pass),
  col<Row>('epsilonAchieved', 'eps achieved', (r) => r.v.epsilonAchieved, (v) => formatEpsilon(v as number, 2)),
  col<Row>('snrMarginDb', 'snr margin dB', (r) => r.v.snrMarginDb),
  col<Row>('latencyMarginMs', 'lat margin ms', (r) => r.v.latencyMarginMs, (v) => formatMs(v as number)),
  col<Row>('load', 'load', (r) => r.v.load),
];

function printInfeasible(env: CommandEnv, format: ReturnType<typeof outputFormat>, answer: PlanAnswer, inf: Infeasible): void {
  if (format === 'json') env.io.stdout(toJsonText(answer));
  else if (format === 'csv') {
    emit(env.io, 'csv', {
      rows: [inf],
      columns: [
        col<Infeasible>('serviceId', 'service', (x) => x.serviceId),
        col<Infeasible>('feasible', 'feasible', () => false),
        col<Infeasible>('binding', 'binding', (x) => x.binding),
        col<Infeasible>('needed', 'needed', (x) => x.needed),
        col<Infeasible>('best', 'best', (x) => x.best),
        col<Infeasible>('unit', 'unit', (x) => x.unit),
        col<Infeasible>('message', 'message', (x) => x.message),
      ],
    });
  } else {
    const app = (answer.applicationRelaxations ?? []).map((x) => `  would work with (application): ${x.description} (class ${x.classId})`);
    env.io.stdout(`${[...infeasibleLines(inf), ...app, ...formatAssumptions(answer.assumptions)].join('\n')}\n`);
  }
  env.setExitCode(EXIT_UNMET);
}

/** `--stack`: the planner restricted to what the stack runs (export/stacks.ts stackPlanOptions); undefined without it. */
async function stackPlanOpts(o: Readonly<Record<string, unknown>>, direction: 'DL' | 'UL', link: LinkContext): Promise<PlanOptions | undefined> {
  const stack = stackFromOptions(o);
  if (stack === undefined) return undefined;
  const { stackPlanOptions } = await import('../../export/stacks.js');
  const { relaxations: _r, ...rest } = stackPlanOptions(stack, direction, link);
  return rest;
}

export function registerPlan(program: Command, env: CommandEnv): void {
  addStackOption(addLinkOptions(
    program
      .command('plan')
      .description('least-cost PHY class for one service (catalogue id or profile JSON), verified')
      .argument('<service>', "catalogue id (see 'phyclass services') or a service profile .json file ('-' = stdin)")
      .option('--no-relaxations', 'when infeasible, skip the search for the closest feasible relaxations (faster)'),
  ))
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass plan v2x.cooperative_perception_features
  $ phyclass plan my-service.json --bandwidth "20 MHz" --snr "10 dB" --json
  $ phyclass plan teleop.uplink_features --tdd DDDSU --capability 2
  $ phyclass plan teleop.haptic_feedback --stack srsran --timing srsran-low-latency
Exit 1 when no class meets the service (the reason and the closest relaxations are printed).`,
    )
    .action(async (serviceArg: string, o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const link = await linkFromOptions(env.io, o);
      const s = await resolveService(env.io, serviceArg);
      const answer = planAnswer(s, link, o['relaxations'] !== false, await stackPlanOpts(o, s.direction, link));
      if (answer.infeasible !== null) {
        printInfeasible(env, format, answer, answer.infeasible);
        return;
      }
      const c = answer.phyClass as PhyClass;
      const v = answer.verdict as Verdict;
      if (!v.pass) env.setExitCode(EXIT_UNMET);
      if (format === 'table') env.io.stdout(`link: ${describeLink(link)}\n${[...formatAssumptions(answer.assumptions), ...formatSpeeds(answer.assumptions, v.pass ? [s] : [])].join('\n')}\n${SINGLE_UE_SCOPE}\n\n${keyValueText(classLines(s, c, v))}`);
      else emit(env.io, format, { rows: [{ s, c, v }], columns: classColumns, json: answer });
    });

  addStackOption(addLinkOptions(
    program
      .command('verify')
      .description('verify a PHY class for a service: achieved epsilon, latency and margins per packet size')
      .argument('<service>', "catalogue id or a service profile .json file ('-' = stdin)")
      .option('--class <file>', 'PhyClass JSON to verify (default: the class plan would choose)'),
  ))
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass verify teleop.haptic_feedback
  $ phyclass plan teleop.haptic_feedback --json | jq .phyClass > c.json && phyclass verify teleop.haptic_feedback --class c.json --snr "10 dB"
Exit 1 when the class fails (reasons printed).`,
    )
    .action(async (serviceArg: string, o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const link = await linkFromOptions(env.io, o);
      const s = await resolveService(env.io, serviceArg);
      let given: PhyClass | null = null;
      if (typeof o['class'] === 'string') {
        const u = parseJsonText(o['class'], await readInput(env.io, o['class']));
        const obj = typeof u === 'object' && u !== null && 'phyClass' in u ? (u as { phyClass: unknown }).phyClass : u;
        const { decodePhyClass } = await import('../../codecs/phyClass.js'); // loads mathjs only for a unit
        const dc = decodePhyClass(obj, 'phyClass');
        if (E.isLeft(dc)) return badInput(`${o['class']}: ${oneLine(dc.left.message)}`);
        given = dc.right;
      }
      const answer = verifyAnswer(s, link, given, await stackPlanOpts(o, s.direction, link));
      if (answer.infeasible !== null) {
        printInfeasible(env, format, answer, answer.infeasible);
        return;
      }
      const c = answer.phyClass as PhyClass;
      const v = answer.verdict as Verdict;
      if (!v.pass) env.setExitCode(EXIT_UNMET);
      if (format === 'json') {
        env.io.stdout(toJsonText(answer));
        return;
      }
      const title = format === 'table' ? `${v.pass ? 'PASS' : 'FAIL'}: ${c.id} for ${s.id} (budget ${formatMs(s.latencyBudgetMs)} ms, epsilon ${formatEpsilon(s.epsilon)}) on ${describeLink(link)}` : undefined;
      emit(env.io, format, {
        rows: v.perSize,
        ...(title === undefined ? {} : { title }),
        footer: [
          `worst epsilon ${formatEpsilon(v.epsilonAchieved, 2)}, SNR margin ${v.snrMarginDb.toFixed(2)} dB, latency margin ${formatMs(v.latencyMarginMs)} ms, load ${(v.load * 100).toFixed(3)} %`,
          ...v.reasons.map((x) => `- ${x}`),
          SINGLE_UE_SCOPE,
          ...(format === 'table' ? formatAssumptions(answer.assumptions) : []),
        ],
        columns: [
          col<SizeVerdict>('sizeBytes', 'size', (p) => p.sizeBytes, (x) => formatBytes(x as number)),
          col<SizeVerdict>('nPrb', 'prb', (p) => p.nPrb),
          col<SizeVerdict>('nTti', 'ttis', (p) => p.nTti),
          col<SizeVerdict>('tbsBits', 'tbs bits', (p) => p.tbsBits),
          col<SizeVerdict>('transmissionsWithinBudget', 'tx in budget', (p) => p.transmissionsWithinBudget),
          col<SizeVerdict>('epsilonAchieved', 'eps achieved', (p) => p.epsilonAchieved, (x) => formatEpsilon(x as number, 2)),
          col<SizeVerdict>('latencyFirstMs', 'lat first ms', (p) => p.latencyFirstMs, (x) => formatMs(x as number)),
          col<SizeVerdict>('latencyLastMs', 'lat last ms', (p) => p.latencyLastMs, (x) => formatMs(x as number)),
          col<SizeVerdict>('expectedRe', 'expected RE', (p) => p.expectedRe),
          col<SizeVerdict>('pass', 'pass', (p) => p.pass),
        ],
      });
    });
}

