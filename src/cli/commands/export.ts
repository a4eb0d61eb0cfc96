/**
 * `phyclass export --target c|srsran|oai|lena`: write a class plan down where it is used —
 * a self-contained C99 header with the compiled classifier (`c`), or configuration fragments of
 * a radio stack (spec/export.md). The plan is the output of `phyclass classes --json`
 * (`--plan file.json`, '-' = stdin) or is derived here from the same options as `classes`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import type { LinkContext } from '../../classes/link.js';
import { decodeLinkContext } from '../../classes/link.js';
import type { ClassPlan } from '../../classes/types.js';
import { decodeClassPlan } from '../../codecs/classPlan.js';
import { classifierHeader } from '../../export/c.js';
import { STACK_TARGETS, type StackTarget, exportStack, stackSearchOptions } from '../../export/stacks.js';
import { defaultLink } from '../../classes/link.js';
import type { ServiceProfile } from '../../services/catalogue.js';
import { orBadInput, parseChoice, parseIntArg, parseJsonText } from '../args.js';
import { addLinkOptions, addStackOption, linkFromOptions, readInput, resolveServices, stackFromOptions } from '../context.js';
import { describeLink } from '../describe.js';
import { badInput } from '../errors.js';
import type { CommandEnv } from '../program.js';
import { classTableEntries } from './classes.js';

/** Export targets. */
export const EXPORT_TARGETS = ['c', ...STACK_TARGETS] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** A class plan with what is known about it (link, per-class proved epsilon). */
export interface PlanSource {
  readonly plan: ClassPlan;
  readonly link: LinkContext | null;
  /** Worst achieved epsilon (verify) over the services of each class, by class id. */
  readonly epsilonByClass: Readonly<Record<string, number>>;
}

function worstByClass(entries: readonly { classId: string | null; epsilon: number | null }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    if (e.classId === null || e.epsilon === null) continue;
    out[e.classId] = Math.max(out[e.classId] ?? 0, e.epsilon);
  }
  return out;
}

/**
 * A plan source from a parsed JSON value: a `classes --json` answer (its link and the verdicts'
 * epsilons come along) or a bare ClassPlan. `source` names it in errors (bad input).
 */
export function planSourceFrom(source: string, u: unknown, fallbackLink: LinkContext | null): PlanSource {
  const p = decodeClassPlan(u);
  if (E.isLeft(p)) return badInput(`${source}: ${p.left.message}`);
  const obj = typeof u === 'object' && u !== null ? (u as Record<string, unknown>) : {};
  let link: LinkContext | null = fallbackLink;
  if ('link' in obj) link = orBadInput(decodeLinkContext(obj['link']), `${source}: link`);
  const entries = Array.isArray(obj['entries']) ? (obj['entries'] as unknown[]) : [];
  const eps = worstByClass(
    entries.map((e) => {
      const r = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
      const v = typeof r['verdict'] === 'object' && r['verdict'] !== null ? (r['verdict'] as Record<string, unknown>) : {};
      const epsilon = typeof v['epsilonAchieved'] === 'number' && Number.isFinite(v['epsilonAchieved']) ? v['epsilonAchieved'] : null;
      return { classId: typeof r['classId'] === 'string' ? r['classId'] : null, epsilon };
    }),
  );
  return { plan: p.right, link, epsilonByClass: eps };
}

/** The plan from `--plan file` (a `classes --json` answer or a bare ClassPlan), or derived from the `classes` options. */
export async function planSource(env: CommandEnv, o: Readonly<Record<string, unknown>>): Promise<PlanSource> {
  if (typeof o['plan'] === 'string') {
    const path = o['plan'];
    return planSourceFrom(path, parseJsonText(path, await readInput(env.io, path)), null);
  }
  const link = await linkFromOptions(env.io, o);
  const list = await resolveServices(env.io, o);
  const K = parseIntArg('--max-classes', String(o['maxClasses']), 1, 64);
  return derivedPlanSource(list, link, K, stackFromOptions(o));
}

/**
 * The system plan of `list` on `link` as an export source (what `classes` admits and verifies), without
 * the application-side relaxations `classes` adds (an export does not print them; serve's `export` too).
 */
export function derivedPlanSource(list: readonly ServiceProfile[], link: LinkContext, maxClasses: number, stack?: StackTarget): PlanSource {
  const { plan, entries } = classTableEntries(list, link, maxClasses, stack === undefined ? {} : { planOptions: stackSearchOptions(stack, link) });
  return {
    plan,
    link,
    epsilonByClass: worstByClass(entries.map((e) => ({ classId: e.phyClass?.id ?? null, epsilon: e.verdict?.epsilonAchieved ?? null }))),
  };
}

/**
 * The text `phyclass export` prints for a target. The stack targets need the services' profiles
 * (for the nearest expressible class of a class they cannot express) and the link (the plan's,
 * else `fallbackLink`, else the default link).
 */
export function exportText(target: ExportTarget, src: PlanSource, services: readonly ServiceProfile[] = [], fallbackLink: LinkContext | null = null): string {
  if (target === 'c') {
    return orBadInput(
      classifierHeader(src.plan, {
        ...(src.link === null ? {} : { linkDescription: describeLink(src.link) }),
        epsilonByClass: src.epsilonByClass,
      }),
    );
  }
  const link = src.link ?? fallbackLink ?? defaultLink;
  return exportStack(target as StackTarget, { plan: src.plan, link, services, epsilonByClass: src.epsilonByClass }).text;
}

export function registerExport(program: Command, env: CommandEnv): void {
  addStackOption(addLinkOptions(
    program
      .command('export')
      .description('write a class plan down: the C classifier header, or radio-stack configuration fragments')
      .requiredOption('--target <t>', `one of ${EXPORT_TARGETS.join(', ')}`)
      .option('--plan <file>', "class plan: the output of 'phyclass classes --json' ('-' = stdin); default: derive it from the options below")
      .option('--max-classes <K>', 'at most K class templates', '4')
      .option('--services <file>', 'service profiles JSON instead of the catalogue')
      .option('--only <ids>', 'comma-separated service ids to plan'),
  ))
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass export --target c > phyclass_classes.h
  $ phyclass export --target srsran --mu 0,1 > gnb_phyclass.yml
  $ phyclass export --target srsran --stack srsran --timing srsran-low-latency > gnb_phyclass.yml
  $ phyclass classes --json > plan.json && phyclass export --target lena --plan plan.json
  $ phyclass classes --json > plan.json && phyclass export --target c --plan plan.json > phyclass_classes.h`,
    )
    .action(async (o: Record<string, unknown>) => {
      const target = parseChoice<ExportTarget>('--target', String(o['target']), EXPORT_TARGETS);
      const src = await planSource(env, o);
      if (target === 'c') {
        env.io.stdout(exportText(target, src));
        return;
      }
      // profiles for the nearest expressible classes: --services or the catalogue (not filtered by --only)
      const services = await resolveServices(env.io, { services: o['services'] });
      const link = src.link ?? (await linkFromOptions(env.io, o));
      env.io.stdout(exportText(target, src, services, link));
    });
}
