/**
 * `phyclass classes`: the main job. Plan the whole set on the shared carrier (`deriveSystem`:
 * class templates, one BWP per numerology, PRB-capped templates, UE admission), check it with the
 * independent `verifySystem` (spec/system.md), and print the table: "verified" means every admitted
 * UE of the service meets its epsilon on the shared carrier. `--simulate` runs the slot simulator on
 * exactly the printed plan. `phyclass classify <service> <size>`: the compiled runtime classifier.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import { compileClassifier } from '../../classes/classifier.js';
import type { LinkContext } from '../../classes/link.js';
import type { Assignment, ClassPlan, PhyClass, PlanOptions, Verdict } from '../../classes/types.js';
import { verify } from '../../classes/verify.js';
import type { ServiceProfile } from '../../services/catalogue.js';
import { type SystemApplicationRelaxation, systemApplicationRelaxations } from '../../codesign/system.js';
import { deriveSystem } from '../../system/derive.js';
import type { Admission, ArrivalAssumption, SystemPlan, SystemPlanResult, SystemPolicy, SystemServiceVerdict, SystemVerdict } from '../../system/types.js';
import { ARRIVAL_ASSUMPTIONS } from '../../system/types.js';
import type { SimulatedService } from '../../scheduler/fromPlan.js';
import { formatBytes, formatEpsilon, formatMs, formatNumber, textTable } from '../../report/table.js';
import { formatAssumptions, formatSpeeds, linkAssumptions, type LinkAssumptions } from '../../report/assumptions.js';
import { classSensitivity, type ClassSensitivity } from '../../report/sensitivity.js';
import { parseBytesArg, parseIntArg } from '../args.js';
import { addLinkOptions, addStackOption, linkFromOptions, resolveServices, stackFromOptions } from '../context.js';
import { describeLink, harqLabel, mcsLabel, payloadRange, ttiLabel } from '../describe.js';
import { EXIT_UNMET, badInput } from '../errors.js';
import { col, emit, outputFormat } from '../output.js';
import { progressBar } from '../progress.js';
import type { CommandEnv } from '../program.js';

/** One service of the class table: its class (or null when unserved), the single-UE verdict and the system verdict. */
export interface ClassTableEntry {
  readonly service: ServiceProfile;
  /** Short label of the template (C1, C2, ...) or null. */
  readonly label: string | null;
  readonly phyClass: PhyClass | null;
  /** Single-UE verdict of `verify` (the service alone, one UE). */
  readonly verdict: Verdict | null;
  /** System verdict (every admitted UE on the shared carrier), or null when the service has no class. */
  readonly system: SystemServiceVerdict | null;
  /** Admission: UEs admitted and, when not all, the binding constraint and relaxations. */
  readonly admission: Admission | null;
  /** Simulated outcome on exactly the printed plan (`--simulate`), or null. */
  readonly simulated: SimulatedService | null;
  /** Planner's reason when no class serves the service. */
  readonly reason: string | null;
  /** Extra expected RE/s this service pays for sharing its template. */
  readonly sharingPenaltyRePerSecond: number;
}

/** JSON answer of `phyclass classes`. */
export interface ClassesAnswer {
  readonly link: LinkContext;
  /** Every assumption the plan rests on (report/assumptions linkAssumptions; issue 14 item 7). */
  readonly assumptions: LinkAssumptions;
  /** Per served service, the headroom before its class fails verify (`--sensitivity`; report/sensitivity). */
  readonly sensitivity?: readonly ClassSensitivity[];
  readonly maxClasses: number;
  /**
   * The system plan as a ClassPlan (`SystemPlanResult.servedPlan`): the admitted services on the
   * verified classes — what `export --plan` and the classifier consume.
   */
  readonly plan: ClassPlan;
  /** The class-template derivation (deriveClasses) the system plan started from. */
  readonly templates: ClassPlan;
  /** The system plan, its verdict and the admission (what "verified" means). */
  readonly system: {
    readonly plan: SystemPlan;
    readonly verdict: SystemVerdict;
    readonly admission: readonly Admission[];
    readonly method: string;
  };
  readonly labels: Readonly<Record<string, string>>;
  readonly entries: readonly {
    readonly serviceId: string;
    readonly classId: string | null;
    readonly label: string | null;
    /** Single-UE verdict (`verify`: the service alone, one UE). */
    readonly verdict: Verdict | null;
    /** True when every admitted UE is system-verified (false when none is admitted). */
    readonly verified: boolean;
    readonly ueCount: number;
    readonly admittedUes: number;
    readonly system: SystemServiceVerdict | null;
    readonly simulated: SimulatedService | null;
    readonly reason: string | null;
    /**
     * Infeasible or not fully admitted services with a feature source only: the closest application-side
     * relaxations (src/codesign/system.ts), each re-planned and checked on the shared carrier.
     */
    readonly applicationRelaxations?: readonly SystemApplicationRelaxation[];
  }[];
  /** True when every admitted service is system-verified. */
  readonly allVerified: boolean;
  /** Simulation of exactly this plan (`--simulate`), or null. */
  readonly simulation: { readonly slots: number; readonly seed: number; readonly notes: readonly string[] } | null;
}

/** Options of `classTableEntries`. */
export interface ClassTableOptions {
  /** Arrival assumption (default 'synchronous'). */
  readonly arrivals?: ArrivalAssumption;
  /** Policy the plan names (default 'edf'). */
  readonly policy?: SystemPolicy;
  /** Planner restrictions (e.g. `--stack`: export/stacks.ts stackSearchOptions). */
  readonly planOptions?: PlanOptions;
  /** Progress of the planner (`deriveSystem`'s onProgress). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Plan the set, verify it on the shared carrier (the library calls behind `phyclass classes`). */
export function classTableEntries(
  list: readonly ServiceProfile[],
  link: LinkContext,
  maxClasses: number,
  opts: ClassTableOptions = {},
): { plan: ClassPlan; templates: ClassPlan; entries: ClassTableEntry[]; labels: Map<string, string>; system: SystemPlanResult } {
  const sys = deriveSystem(list, link, {
    maxClasses,
    ...(opts.arrivals !== undefined ? { arrivals: opts.arrivals } : {}),
    ...(opts.policy !== undefined ? { policy: opts.policy } : {}),
    ...(opts.planOptions !== undefined ? { planOptions: opts.planOptions } : {}),
    ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}),
  });
  const cp = sys.classPlan;
  const labels = new Map<string, string>();
  sys.plan.classes.forEach((c, i) => labels.set(c.id, `C${i + 1}`));
  const byId = new Map(sys.plan.classes.map((c) => [c.id, c] as const));
  const entries = list.map((s, i): ClassTableEntry => {
    const sp = sys.plan.services[i];
    const c = sp?.classId === null || sp === undefined ? undefined : byId.get(sp.classId);
    const a = cp.assignments.find((x) => x.serviceId === s.id);
    const admission = sys.admission[i] ?? null;
    const sv = sys.verdict.services[i] ?? null;
    if (sp === undefined || sp.classId === null) {
      const u = cp.unserved.find((x) => x.serviceId === s.id);
      const raw = u?.reason ?? 'not assigned to any class';
      const reason = raw.startsWith(`${s.id}: `) ? raw.slice(s.id.length + 2) : raw;
      return { service: s, label: null, phyClass: null, verdict: null, system: null, admission, simulated: null, reason, sharingPenaltyRePerSecond: 0 };
    }
    if (c === undefined || sp.admittedUes === 0) {
      // a class exists but no UE of it was admitted: the class is not configured
      return { service: s, label: null, phyClass: null, verdict: null, system: sv, admission, simulated: null, reason: admission?.binding ?? 'no UE admitted', sharingPenaltyRePerSecond: 0 };
    }
    return {
      service: s,
      label: labels.get(c.id) ?? null,
      phyClass: c,
      verdict: verify(c, { ...s, ueCount: 1 }, link),
      system: sv,
      admission,
      simulated: null,
      reason: null,
      sharingPenaltyRePerSecond: a?.sharingPenaltyRePerSecond ?? 0,
    };
  });
  return { plan: sys.servedPlan, templates: cp, entries, labels, system: sys };
}

/** The JSON answer of `classes` (shared by the command and `phyclass serve`) with the entries behind it. */
export function classesAnswer(
  list: readonly ServiceProfile[],
  link: LinkContext,
  maxClasses: number,
  opts: ClassTableOptions = {},
): ReturnType<typeof classTableEntries> & { answer: ClassesAnswer; applicationRelaxations: SystemApplicationRelaxation[][] } {
  const t = classTableEntries(list, link, maxClasses, opts);
  // application-side relaxations next to the radio ones (issue 15 item 4): the helper `plan` uses, confirmed by verifySystem
  const app = systemApplicationRelaxations(t.system, list, link);
  const answer: ClassesAnswer = {
    link,
    assumptions: linkAssumptions(link),
    maxClasses,
    plan: t.plan,
    templates: t.templates,
    system: { plan: t.system.plan, verdict: t.system.verdict, admission: t.system.admission, method: t.system.method },
    labels: Object.fromEntries(t.labels),
    entries: entryAnswers(t.entries, app),
    allVerified: t.system.verdict.pass,
    simulation: null,
  };
  return { ...t, answer, applicationRelaxations: app };
}

/** Headroom of every served service's class (report/sensitivity classSensitivity), in table order. */
export function sensitivityOf(entries: readonly ClassTableEntry[], link: LinkContext): ClassSensitivity[] {
  return entries.filter((e) => e.phyClass !== null).map((e) => classSensitivity(e.phyClass as PhyClass, e.service, link));
}

/** The sensitivity section of the text output. */
export function sensitivityLines(rows: readonly ClassSensitivity[]): string[] {
  if (rows.length === 0) return ['Sensitivity: no served service.'];
  type R = ClassSensitivity;
  const t = textTable(rows, [
    col<R>('serviceId', 'service', (r) => r.serviceId),
    col<R>('snr', 'snr headroom', (r) => (r.pass ? `${r.snrHeadroomDb.toFixed(2)} dB` : 'fails'), undefined, 'right'),
    col<R>('rtt', 'harq rtt headroom', (r) => (r.harqRoundTripHeadroomSlots === null ? 'n/a' : `${r.harqRoundTripAtLeast ? '≥ ' : ''}${r.harqRoundTripHeadroomSlots} slots`), undefined, 'right'),
    col<R>('ce', 'control-error headroom', (r) => (r.controlErrorHeadroom === null ? 'n/a' : `${r.controlErrorAtLeast ? '≥ ' : ''}${formatEpsilon(r.controlErrorHeadroom, 2)}`), undefined, 'right'),
  ]);
  return [
    'Sensitivity (single-UE verify of each class; headroom before it fails):',
    '  snr: dB the mean SNR may drop; harq rtt: extra K1/K2 slots per HARQ round trip (lower bound; n/a with one transmission);',
    '  control-error: largest per-event PDCCH/HARQ-ACK/SR error rate tolerated (n/a without a control-error model on the link)',
    t.trimEnd(),
  ];
}

/** The per-service rows of the JSON answer. */
function entryAnswers(entries: readonly ClassTableEntry[], app: readonly (readonly SystemApplicationRelaxation[])[]): ClassesAnswer['entries'] {
  return entries.map((e, i) => ({
    serviceId: e.service.id,
    classId: e.phyClass?.id ?? null,
    label: e.label,
    verdict: e.verdict,
    verified: verifiedOf(e) === true,
    ueCount: e.admission?.ueCount ?? e.service.ueCount ?? 1,
    admittedUes: e.phyClass === null ? 0 : (e.admission?.admittedUes ?? 0),
    system: e.system,
    simulated: e.simulated,
    reason: e.reason,
    ...((app[i]?.length ?? 0) > 0 ? { applicationRelaxations: app[i] } : {}),
  }));
}

/** True when `classes` exits 1: the system check fails, or (strict) some service is not fully admitted. */
export function classesUnmet(a: ClassesAnswer, strict: boolean): boolean {
  return !a.allVerified || (strict && a.system.admission.some((x) => x.admittedUes < x.ueCount));
}

/** The JSON answer of `classify`: the classifier's assignment with the service id and size. */
export type ClassifyAnswer = Assignment & { serviceId: string; sizeBytes: number };

/** Classify one packet with a compiled classifier (shared by the command and `phyclass serve`). */
export function classifyAnswer(classify: (serviceId: string, sizeBytes: number) => Assignment, serviceId: string, sizeBytes: number): ClassifyAnswer {
  return { ...classify(serviceId, sizeBytes), serviceId, sizeBytes };
}

const num = (f: (e: ClassTableEntry) => number | undefined) => (e: ClassTableEntry) => {
  const v = f(e);
  return v === undefined ? null : v;
};

const verifiedOf = (e: ClassTableEntry): boolean | null => (e.system === null || e.system.admittedUes === 0 ? null : e.system.pass);

export function entryColumns(opts: { simulated?: boolean } = {}): ReturnType<typeof col<ClassTableEntry>>[] {
  const cols = [
    col<ClassTableEntry>('serviceId', 'service', (e) => e.service.id),
    col<ClassTableEntry>('direction', 'dir', (e) => e.service.direction),
    col<ClassTableEntry>('payload', 'payload', (e) => payloadRange(e.service)),
    col<ClassTableEntry>('minBytes', 'min B', (e) => e.service.payload.minBytes),
    col<ClassTableEntry>('maxBytes', 'max B', (e) => e.service.payload.maxBytes),
    col<ClassTableEntry>('latencyBudgetMs', 'deadline ms', (e) => e.service.latencyBudgetMs, (v) => formatMs(v as number)),
    col<ClassTableEntry>('epsilon', 'epsilon', (e) => e.service.epsilon, (v) => formatEpsilon(v as number)),
    col<ClassTableEntry>('class', 'class', (e) => e.label ?? (e.system !== null ? 'not admitted' : 'infeasible')),
    col<ClassTableEntry>('classId', 'class id', (e) => e.phyClass?.id ?? null),
    col<ClassTableEntry>('mu', 'mu', num((e) => e.phyClass?.mu)),
    col<ClassTableEntry>('tti', 'tti', (e) => (e.phyClass ? ttiLabel(e.phyClass) : null)),
    col<ClassTableEntry>('mcs', 'mcs', (e) => (e.phyClass ? mcsLabel(e.phyClass) : null)),
    col<ClassTableEntry>('harq', 'harq', (e) => (e.phyClass ? harqLabel(e.phyClass) : null)),
    col<ClassTableEntry>('repetitions', 'rep', num((e) => e.phyClass?.repetitions)),
    col<ClassTableEntry>('grant', 'grant', (e) => (e.phyClass ? (e.phyClass.direction === 'DL' ? '-' : e.phyClass.grant) : null)),
    col<ClassTableEntry>('nPrb', 'prb', num((e) => e.phyClass?.nPrb)),
    col<ClassTableEntry>('ues', 'ues', (e) => `${e.admission?.admittedUes ?? 0}/${e.admission?.ueCount ?? e.service.ueCount ?? 1}`, undefined, 'right'),
    col<ClassTableEntry>('epsilonSingleUe', 'eps 1 UE', num((e) => e.verdict?.epsilonAchieved), (v) => (v === null ? '-' : formatEpsilon(v as number, 1))),
    col<ClassTableEntry>('epsilonAchieved', 'eps system', num((e) => (e.phyClass === null ? undefined : e.system?.epsilonAchieved)), (v) => (v === null ? '-' : formatEpsilon(v as number, 1))),
    col<ClassTableEntry>('latencyMs', 'latency ms', num((e) => (e.verdict ? Math.max(0, ...e.verdict.perSize.map((p) => p.latencyFirstMs)) : undefined)), (v) => (v === null ? '-' : formatMs(v as number))),
    col<ClassTableEntry>('snrMarginDb', 'snr margin', num((e) => e.verdict?.snrMarginDb), (v) => (v === null ? '-' : `${(v as number).toFixed(1)} dB`), 'right'),
    col<ClassTableEntry>('latencyMarginMs', 'lat margin', num((e) => e.verdict?.latencyMarginMs), (v) => (v === null ? '-' : `${formatMs(v as number)} ms`), 'right'),
    col<ClassTableEntry>('load', 'bwp load', num((e) => (e.phyClass === null ? undefined : e.system?.meanLoad)), (v) => (v === null ? '-' : `${formatNumber((v as number) * 100, 2)} %`), 'right'),
    col<ClassTableEntry>('verified', 'verified', (e) => verifiedOf(e)),
  ];
  if (opts.simulated === true) {
    cols.push(
      col<ClassTableEntry>('simulated', 'simulated miss [95 %]', (e) =>
        e.simulated === null ? null : `${formatEpsilon(e.simulated.missRatio, 1)} [${formatEpsilon(e.simulated.missCi.lower, 1)}, ${formatEpsilon(e.simulated.missCi.upper, 1)}] n=${e.simulated.packets}`,
      ),
    );
  }
  cols.push(col<ClassTableEntry>('reason', 'reason', (e) => e.reason));
  return cols;
}

/** Columns hidden in the text table (present in CSV/JSON). */
export const TEXT_HIDDEN = new Set(['minBytes', 'maxBytes', 'classId', 'reason', 'repetitions', 'grant', 'snrMarginDb', 'latencyMarginMs']);

function classRows(classes: readonly PhyClass[], sp: SystemPlan, labels: Map<string, string>): string {
  type R = { c: PhyClass; label: string; services: string[] };
  const rows: R[] = classes.map((c) => ({ c, label: labels.get(c.id) ?? '?', services: sp.services.filter((a) => a.classId === c.id && a.admittedUes > 0).map((a) => a.serviceId) }));
  return textTable(rows, [
    col<R>('label', 'class', (r) => r.label),
    col<R>('id', 'template', (r) => r.c.id),
    col<R>('scs', 'scs kHz', (r) => 15 * 2 ** r.c.mu),
    col<R>('tbs', 'tbs bits', (r) => r.c.tbsBits),
    col<R>('services', 'services', (r) => r.services.join(', ')),
  ]);
}

const pct = (x: number): string => `${formatNumber(x * 100, 3)} %`;

/** One application-side relaxation line: system-verified with all UEs admitted, or single-UE with the carrier's refusal. */
function appLine(x: SystemApplicationRelaxation): string {
  return x.scope === 'system'
    ? `would work with (application): ${x.description} (class ${x.classId}; ${x.system.ueCount === 1 ? 'its UE' : `all ${x.system.ueCount} UEs`} admitted, verified on the shared carrier)`
    : `would work alone with (application): ${x.description} (class ${x.classId}, single UE; not admitted beside the other services: ${x.system.reasons.join('; ')})`;
}

export function registerClasses(program: Command, env: CommandEnv): void {
  addStackOption(addLinkOptions(
    program
      .command('classes')
      .description('the main job: plan the service set on the shared carrier (classes, BWPs, admitted UEs), verify it as a system, print the table')
      .option('--max-classes <K>', 'at most K class templates (a gNB configures only a few)', '4')
      .option('--services <file>', 'service profiles JSON (a list, or {"services": [...]}) instead of the catalogue')
      .option('--only <ids>', 'comma-separated service ids to plan')
      .option('--arrivals <mode>', `arrival phases the guarantee assumes: ${ARRIVAL_ASSUMPTIONS.join(' | ')} (spec/system.md §3)`, 'synchronous')
      .option('--simulate', 'also run the slot simulator on exactly the printed plan')
      .option('--slots <n>', 'slots to simulate with --simulate', '20000')
      .option('--seed <n>', 'simulation seed with --simulate', '1')
      .option('--sensitivity', 'also print, per served service, the SNR, HARQ round-trip and control-error headroom before its class fails verify')
      .option('--strict', 'exit 1 when any service is infeasible or not every UE is admitted (default: report it, exit 0)'),
  ))
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass classes
  $ phyclass classes --bandwidth "20 MHz" --max-classes 3
  $ phyclass classes --simulate --slots 200000 --json
  $ phyclass classes --services my-services.json --strict --json
  $ phyclass classes --stack srsran --timing srsran-low-latency
"verified" = every admitted UE of the service meets its epsilon on the shared carrier (verifySystem).
Exit 1 when an admitted service fails the system check (or, with --strict, when a service is infeasible or not fully admitted).`,
    )
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const link = await linkFromOptions(env.io, o);
      const list = await resolveServices(env.io, o);
      const K = parseIntArg('--max-classes', String(o['maxClasses']), 1, 64);
      const arrivals = String(o['arrivals']) as ArrivalAssumption;
      if (!ARRIVAL_ASSUMPTIONS.includes(arrivals)) badInput(`--arrivals: expected one of ${ARRIVAL_ASSUMPTIONS.join(', ')}, got ${JSON.stringify(o['arrivals'])}`);
      const simulateIt = o['simulate'] === true;
      const slots = parseIntArg('--slots', String(o['slots']), 1, 100_000_000);
      const seed = parseIntArg('--seed', String(o['seed']), 0, 2 ** 31 - 1);
      const stack = stackFromOptions(o);
      const planOptions = stack === undefined ? undefined : (await import('../../export/stacks.js')).stackSearchOptions(stack, link);
      // progress on stderr when it is a terminal (quiet otherwise): own searches, then candidate plans
      const planBar = progressBar(env.io, 'classes', 'steps');
      const { plan: cp, entries: entries0, labels, system, answer: answer0, applicationRelaxations: app } = classesAnswer(list, link, K, { arrivals, onProgress: planBar.update, ...(planOptions !== undefined ? { planOptions } : {}) });
      planBar.finish();
      let entries = entries0;
      let simulation: ClassesAnswer['simulation'] = null;
      if (simulateIt && system.plan.services.some((x) => x.admittedUes > 0)) {
        const { simulateSystemPlan } = await import('../../scheduler/fromPlan.js'); // heavy: loaded only here
        const bar = progressBar(env.io, 'simulate');
        const r = simulateSystemPlan(system.plan, list, link, { slots, seed, onProgress: bar.update });
        bar.finish();
        if (E.isLeft(r)) simulation = { slots, seed, notes: [`simulation not run: ${r.left.message}`] };
        else {
          const sims = r.right.services;
          entries = entries.map((e) => ({ ...e, simulated: e.phyClass === null ? null : (sims[e.service.id] ?? null) }));
          simulation = { slots, seed, notes: [...r.right.notes] };
        }
      }
      const answer1: ClassesAnswer = simulation === null ? answer0 : { ...answer0, entries: entryAnswers(entries, app), simulation };
      const sensitivity = o['sensitivity'] === true ? sensitivityOf(entries, link) : null;
      const answer: ClassesAnswer = sensitivity === null ? answer1 : { ...answer1, sensitivity };
      const allVerified = answer.allVerified;
      if (classesUnmet(answer, o['strict'] === true)) env.setExitCode(EXIT_UNMET);
      const cols = entryColumns({ simulated: simulation !== null });
      if (format !== 'table') {
        emit(env.io, format, { rows: entries, columns: cols, json: answer });
        return;
      }
      const v = system.verdict;
      const admitted = entries.filter((e) => e.phyClass !== null);
      const ueAdm = system.admission.reduce((a, x) => a + (x.admittedUes > 0 && entries.some((e) => e.service.id === x.serviceId && e.phyClass !== null) ? x.admittedUes : 0), 0);
      const ueAll = system.admission.reduce((a, x) => a + x.ueCount, 0);
      const head = [
        `phyclass classes: ${admitted.length} of ${entries.length} services admitted (${ueAdm} of ${ueAll} UEs) on ${system.plan.classes.length} class${system.plan.classes.length === 1 ? '' : 'es'} (at most ${K}; ${system.method})`,
        `link: ${describeLink(link)}`,
        `arrivals: ${arrivals} (${arrivals === 'synchronous' ? 'every UE may burst in the same slot: peak fit' : 'spec/system.md §3'}); policy ${system.plan.policy}`,
        ...formatAssumptions(answer.assumptions),
        ...formatSpeeds(answer.assumptions, admitted.map((e) => e.service)),
        '',
      ].join('\n');
      const table = textTable(entries, cols.filter((c) => !TEXT_HIDDEN.has(c.key)));
      const foot: string[] = ['', 'Class templates:', classRows(system.plan.classes, system.plan, labels).trimEnd()];
      foot.push('', 'Bandwidth parts:');
      for (const b of v.bwps) {
        foot.push(
          `  ${b.id}: ${b.nPrb} PRB at ${15 * 2 ** b.mu} kHz (${pct(b.carrierFraction)} of the carrier); peak DL ${b.peakPrb.DL} PRB (${pct(b.peakLoad.DL)}), UL ${b.peakPrb.UL} PRB (${pct(b.peakLoad.UL)}); mean load DL ${pct(b.meanLoad.DL)}, UL ${pct(b.meanLoad.UL)}`,
        );
      }
      if (v.bwps.length === 0) foot.push('  (none: no service admitted)');
      foot.push('', `Load (most loaded BWP): DL mean ${pct(v.loadByDirection.DL)}, peak ${pct(v.peakByDirection.DL)}; UL mean ${pct(v.loadByDirection.UL)}, peak ${pct(v.peakByDirection.UL)}`);
      const appOf = (id: string): readonly SystemApplicationRelaxation[] => app[list.findIndex((s) => s.id === id)] ?? [];
      const partial = system.admission.filter((a) => a.admittedUes < a.ueCount && entries.some((e) => e.service.id === a.serviceId && (e.system !== null || e.phyClass !== null)));
      if (partial.length > 0) {
        foot.push('', 'Not every UE admitted:');
        for (const a of partial) {
          foot.push(`  ${a.serviceId}: ${a.admittedUes} of ${a.ueCount} UEs admitted; ${a.binding ?? ''}`);
          for (const r of a.relaxations) foot.push(`    - ${r.description}`);
          for (const x of appOf(a.serviceId)) foot.push(`    - ${appLine(x)}`);
        }
      }
      const unserved = entries.filter((e) => e.phyClass === null && e.system === null);
      if (unserved.length > 0) {
        foot.push('', 'Infeasible services:');
        for (const e of unserved) {
          foot.push(`  ${e.service.id}: ${e.reason ?? ''}`);
          for (const x of appOf(e.service.id)) foot.push(`    - ${appLine(x)}`);
        }
      }
      const failing = entries.filter((e) => e.phyClass !== null && e.system !== null && !e.system.pass);
      if (!allVerified) {
        foot.push('', 'System verification FAILED:');
        for (const e of failing) foot.push(`  ${e.service.id}: ${e.system?.reasons.join('; ') ?? ''}`);
        for (const r of v.reasons.filter((x) => !failing.some((e) => x.startsWith(`${e.service.id}:`)))) foot.push(`  ${r}`);
      } else if (admitted.length > 0) {
        foot.push('', `All ${admitted.length} admitted services verified on the shared carrier: every admitted UE meets its epsilon within its deadline (single-UE bound + contention bound, spec/system.md), under the assumptions above${answer.assumptions.harqFading === 'correlated' ? ', its UEs moving at least at the speeds listed' : ''}.`);
      } else foot.push('', 'No service admitted: nothing is verified.');
      if (simulation !== null) {
        foot.push('', `Simulated ${simulation.slots} slots (seed ${simulation.seed}) on exactly this plan (${system.plan.policy}):`);
        const above = entries.filter((e) => e.simulated !== null && e.simulated.missCi.lower > e.service.epsilon);
        foot.push(above.length === 0 ? '  no admitted service misses its epsilon with confidence (Wilson 95 % lower bound ≤ epsilon).' : `  above epsilon with confidence: ${above.map((e) => e.service.id).join(', ')}`);
        for (const n of simulation.notes) foot.push(`  note: ${n}`);
      }
      if (sensitivity !== null) foot.push('', ...sensitivityLines(sensitivity));
      env.io.stdout(`${head}\n${table}${foot.join('\n')}\n`);
    });

  addLinkOptions(
    program
      .command('classify')
      .description('classify one packet with the compiled runtime classifier: class, PRBs, TTIs, MCS, TBS')
      .argument('<service>', 'service id')
      .argument('<size>', 'packet size, e.g. "25 kB", "1500 B" or a number of bytes')
      .option('--max-classes <K>', 'at most K class templates', '4')
      .option('--services <file>', 'service profiles JSON instead of the catalogue')
      .option('--only <ids>', 'comma-separated service ids to derive the classes for'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass classify v2x.cooperative_perception_features "25 kB"
  $ phyclass classify teleop.haptic_feedback 48 --json
Exit 1 when the packet cannot be served (size beyond the profile, or the service is infeasible); 2 for an unknown service.`,
    )
    .action(async (serviceId: string, sizeArg: string, o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const link = await linkFromOptions(env.io, o);
      const list = await resolveServices(env.io, o);
      if (!list.some((s) => s.id === serviceId)) badInput(`unknown service ${JSON.stringify(serviceId)} (see 'phyclass services')`);
      const size = await parseBytesArg('<size>', sizeArg);
      const K = parseIntArg('--max-classes', String(o['maxClasses']), 1, 64);
      // the classifier of the system plan (what 'classes' admits and verifies), not of the templates
      const cp = deriveSystem(list, link, { maxClasses: K }).servedPlan;
      const row = classifyAnswer(compileClassifier(cp), serviceId, size);
      const a = row;
      if (a.status !== 'ok') env.setExitCode(EXIT_UNMET);
      type Row = ClassifyAnswer;
      if (format === 'table') {
        const why =
          a.status === 'ok'
            ? `${a.classId ?? ''}: ${a.nPrb} PRB x ${a.nTti} TTI${a.nTti === 1 ? '' : 's'}, ${a.mcsTable} MCS ${a.mcs}, TBS ${a.tbsBits} bits per TTI`
            : a.status === 'beyond-profile'
              ? `beyond the profile (max ${formatBytes(cp.maxBytesByService[serviceId] ?? 0)})${a.classId === null ? '' : `; fallback ${a.classId}: ${a.nPrb} PRB x ${a.nTti} TTIs`}`
              : `${a.status}: ${cp.unserved.find((u) => u.serviceId === serviceId)?.reason ?? 'no class serves this service'}`;
        env.io.stdout(`${serviceId} ${formatBytes(size)} -> ${why}\n`);
        return;
      }
      emit(env.io, format, {
        rows: [row],
        json: row,
        columns: [
          col<Row>('serviceId', 'service', (r) => r.serviceId),
          col<Row>('sizeBytes', 'size', (r) => r.sizeBytes),
          col<Row>('status', 'status', (r) => r.status),
          col<Row>('classId', 'class', (r) => r.classId),
          col<Row>('nPrb', 'prb', (r) => r.nPrb),
          col<Row>('nTti', 'ttis', (r) => r.nTti),
          col<Row>('mcsTable', 'table', (r) => r.mcsTable),
          col<Row>('mcs', 'mcs', (r) => r.mcs),
          col<Row>('tbsBits', 'tbs bits', (r) => r.tbsBits),
        ],
      });
    });
}
