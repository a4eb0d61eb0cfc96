/**
 * `phyclass classes`: the main job. Plan every built-in (or given) service on the link, derive
 * at most K class templates (`deriveClasses`), re-verify every service on its template with the
 * independent `verify`, and print the table plus the reason for every infeasible service.
 * `phyclass classify <service> <size>`: the compiled runtime classifier for one packet.
 */
import type { Command } from 'commander';
import { deriveClasses } from '../../classes/derive.js';
import { compileClassifier } from '../../classes/classifier.js';
import type { LinkContext } from '../../classes/link.js';
import type { Assignment, ClassPlan, PhyClass, Verdict } from '../../classes/types.js';
import { verify } from '../../classes/verify.js';
import type { ServiceProfile } from '../../services/catalogue.js';
import { formatBytes, formatEpsilon, formatMs, formatNumber, textTable } from '../../report/table.js';
import { parseBytesArg, parseIntArg } from '../args.js';
import { addLinkOptions, linkFromOptions, resolveServices } from '../context.js';
import { describeLink, harqLabel, mcsLabel, payloadRange, ttiLabel } from '../describe.js';
import { EXIT_UNMET, badInput } from '../errors.js';
import { col, emit, outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';

/** One service of the class table: its class (or null when unserved) and the verdict. */
export interface ClassTableEntry {
  readonly service: ServiceProfile;
  /** Short label of the template (C1, C2, ...) or null. */
  readonly label: string | null;
  readonly phyClass: PhyClass | null;
  readonly verdict: Verdict | null;
  /** Planner's reason when no class serves the service. */
  readonly reason: string | null;
  /** Extra expected RE/s this service pays for sharing its template. */
  readonly sharingPenaltyRePerSecond: number;
}

/** JSON answer of `phyclass classes`. */
export interface ClassesAnswer {
  readonly link: LinkContext;
  readonly maxClasses: number;
  readonly plan: ClassPlan;
  readonly labels: Readonly<Record<string, string>>;
  readonly entries: readonly {
    readonly serviceId: string;
    readonly classId: string | null;
    readonly label: string | null;
    readonly verdict: Verdict | null;
    readonly reason: string | null;
  }[];
  readonly allVerified: boolean;
}

/** Plan, derive and verify (the library calls behind `phyclass classes`). */
export function classTableEntries(list: readonly ServiceProfile[], link: LinkContext, maxClasses: number): { plan: ClassPlan; entries: ClassTableEntry[]; labels: Map<string, string> } {
  const cp = deriveClasses(list, link, { maxClasses });
  const labels = new Map<string, string>();
  cp.classes.forEach((c, i) => labels.set(c.id, `C${i + 1}`));
  const byId = new Map(cp.classes.map((c) => [c.id, c] as const));
  const entries = list.map((s): ClassTableEntry => {
    const a = cp.assignments.find((x) => x.serviceId === s.id);
    const c = a === undefined ? undefined : byId.get(a.classId);
    if (a === undefined || c === undefined) {
      const u = cp.unserved.find((x) => x.serviceId === s.id);
      const raw = u?.reason ?? 'not assigned to any class';
      const reason = raw.startsWith(`${s.id}: `) ? raw.slice(s.id.length + 2) : raw;
      return { service: s, label: null, phyClass: null, verdict: null, reason, sharingPenaltyRePerSecond: 0 };
    }
    return { service: s, label: labels.get(c.id) ?? null, phyClass: c, verdict: verify(c, s, link), reason: null, sharingPenaltyRePerSecond: a.sharingPenaltyRePerSecond };
  });
  return { plan: cp, entries, labels };
}

/** The JSON answer of `classes` (shared by the command and `phyclass serve`) with the entries behind it. */
export function classesAnswer(list: readonly ServiceProfile[], link: LinkContext, maxClasses: number): ReturnType<typeof classTableEntries> & { answer: ClassesAnswer } {
  const t = classTableEntries(list, link, maxClasses);
  const answer: ClassesAnswer = {
    link,
    maxClasses,
    plan: t.plan,
    labels: Object.fromEntries(t.labels),
    entries: t.entries.map((e) => ({ serviceId: e.service.id, classId: e.phyClass?.id ?? null, label: e.label, verdict: e.verdict, reason: e.reason })),
    allVerified: t.entries.every((e) => e.verdict === null || e.verdict.pass),
  };
  return { ...t, answer };
}

/** True when `classes` exits 1: a class fails its verification, or (strict) a service is unserved. */
export function classesUnmet(a: ClassesAnswer, strict: boolean): boolean {
  return !a.allVerified || (strict && a.entries.some((e) => e.classId === null));
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

export function entryColumns(): ReturnType<typeof col<ClassTableEntry>>[] {
  return [
    col<ClassTableEntry>('serviceId', 'service', (e) => e.service.id),
    col<ClassTableEntry>('direction', 'dir', (e) => e.service.direction),
    col<ClassTableEntry>('payload', 'payload', (e) => payloadRange(e.service)),
    col<ClassTableEntry>('minBytes', 'min B', (e) => e.service.payload.minBytes),
    col<ClassTableEntry>('maxBytes', 'max B', (e) => e.service.payload.maxBytes),
    col<ClassTableEntry>('latencyBudgetMs', 'deadline ms', (e) => e.service.latencyBudgetMs, (v) => formatMs(v as number)),
    col<ClassTableEntry>('epsilon', 'epsilon', (e) => e.service.epsilon, (v) => formatEpsilon(v as number)),
    col<ClassTableEntry>('class', 'class', (e) => e.label ?? 'infeasible'),
    col<ClassTableEntry>('classId', 'class id', (e) => e.phyClass?.id ?? null),
    col<ClassTableEntry>('mu', 'mu', num((e) => e.phyClass?.mu)),
    col<ClassTableEntry>('tti', 'tti', (e) => (e.phyClass ? ttiLabel(e.phyClass) : null)),
    col<ClassTableEntry>('mcs', 'mcs', (e) => (e.phyClass ? mcsLabel(e.phyClass) : null)),
    col<ClassTableEntry>('harq', 'harq', (e) => (e.phyClass ? harqLabel(e.phyClass) : null)),
    col<ClassTableEntry>('repetitions', 'rep', num((e) => e.phyClass?.repetitions)),
    col<ClassTableEntry>('grant', 'grant', (e) => (e.phyClass ? (e.phyClass.direction === 'DL' ? '-' : e.phyClass.grant) : null)),
    col<ClassTableEntry>('nPrb', 'prb', num((e) => e.phyClass?.nPrb)),
    col<ClassTableEntry>('epsilonAchieved', 'eps achieved', num((e) => e.verdict?.epsilonAchieved), (v) => (v === null ? '-' : formatEpsilon(v as number, 1))),
    col<ClassTableEntry>('latencyMs', 'latency ms', num((e) => (e.verdict ? Math.max(0, ...e.verdict.perSize.map((p) => p.latencyFirstMs)) : undefined)), (v) => (v === null ? '-' : formatMs(v as number))),
    col<ClassTableEntry>('snrMarginDb', 'snr margin', num((e) => e.verdict?.snrMarginDb), (v) => (v === null ? '-' : `${(v as number).toFixed(1)} dB`), 'right'),
    col<ClassTableEntry>('latencyMarginMs', 'lat margin', num((e) => e.verdict?.latencyMarginMs), (v) => (v === null ? '-' : `${formatMs(v as number)} ms`), 'right'),
    col<ClassTableEntry>('load', 'load', num((e) => e.verdict?.load), (v) => (v === null ? '-' : `${formatNumber((v as number) * 100, 2)} %`), 'right'),
    col<ClassTableEntry>('verified', 'verified', (e) => (e.verdict ? e.verdict.pass : null)),
    col<ClassTableEntry>('reason', 'reason', (e) => e.reason),
  ];
}

/** Columns hidden in the text table (present in CSV/JSON). */
export const TEXT_HIDDEN = new Set(['minBytes', 'maxBytes', 'classId', 'reason', 'repetitions', 'grant']);

function classRows(cp: ClassPlan, labels: Map<string, string>): string {
  type R = { c: PhyClass; label: string; services: string[] };
  const rows: R[] = cp.classes.map((c) => ({ c, label: labels.get(c.id) ?? '?', services: cp.assignments.filter((a) => a.classId === c.id).map((a) => a.serviceId) }));
  return textTable(rows, [
    col<R>('label', 'class', (r) => r.label),
    col<R>('id', 'template', (r) => r.c.id),
    col<R>('scs', 'scs kHz', (r) => 15 * 2 ** r.c.mu),
    col<R>('tbs', 'tbs bits', (r) => r.c.tbsBits),
    col<R>('services', 'services', (r) => r.services.join(', ')),
  ]);
}

export function registerClasses(program: Command, env: CommandEnv): void {
  addLinkOptions(
    program
      .command('classes')
      .description('the main job: plan every service, derive the class set, verify each, print the table')
      .option('--max-classes <K>', 'at most K class templates (a gNB configures only a few)', '4')
      .option('--services <file>', 'service profiles JSON (a list, or {"services": [...]}) instead of the catalogue')
      .option('--only <ids>', 'comma-separated service ids to plan')
      .option('--strict', 'exit 1 when any service is infeasible (default: report it, exit 0)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass classes
  $ phyclass classes --bandwidth "20 MHz" --max-classes 3
  $ phyclass classes --tdd DDDSU --capability 2 --snr "10 dB" --csv > classes.csv
  $ phyclass classes --services my-services.json --strict --json
Exit 1 when a derived class fails its verification (or, with --strict, when a service is infeasible).`,
    )
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      const link = await linkFromOptions(env.io, o);
      const list = await resolveServices(env.io, o);
      const K = parseIntArg('--max-classes', String(o['maxClasses']), 1, 64);
      const { plan: cp, entries, labels, answer } = classesAnswer(list, link, K);
      const allVerified = answer.allVerified;
      if (classesUnmet(answer, o['strict'] === true)) env.setExitCode(EXIT_UNMET);
      const cols = entryColumns();
      if (format !== 'table') {
        emit(env.io, format, { rows: entries, columns: cols, json: answer });
        return;
      }
      const served = entries.filter((e) => e.phyClass !== null).length;
      const head = [
        `phyclass classes: ${served} of ${entries.length} services served by ${cp.classes.length} class${cp.classes.length === 1 ? '' : 'es'} (at most ${K}; ${cp.exact ? 'exact partition search' : cp.method})`,
        `link: ${describeLink(link)}`,
        '',
      ].join('\n');
      const table = textTable(entries, cols.filter((c) => !TEXT_HIDDEN.has(c.key)));
      const failing = entries.filter((e) => e.verdict !== null && !e.verdict.pass);
      const foot: string[] = ['', 'Class templates:', classRows(cp, labels).trimEnd()];
      foot.push('', `Load: DL ${formatNumber(cp.loadByDirection.DL * 100, 3)} %, UL ${formatNumber(cp.loadByDirection.UL * 100, 3)} % of the carrier`);
      const unserved = entries.filter((e) => e.phyClass === null);
      if (unserved.length > 0) {
        foot.push('', 'Infeasible services:');
        for (const e of unserved) foot.push(`  ${e.service.id}: ${e.reason ?? ''}`);
      }
      if (failing.length > 0) {
        foot.push('', 'Verification FAILED:');
        for (const e of failing) foot.push(`  ${e.service.id}: ${(e.verdict?.reasons ?? []).join('; ')}`);
      } else foot.push('', `All ${served} served services verified (achieved epsilon <= target within the deadline, independent re-computation).`);
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
      const cp = deriveClasses(list, link, { maxClasses: K });
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
