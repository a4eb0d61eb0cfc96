/**
 * Validated root entry points of the modules added after the first explicit API (issue 12 §7):
 * slot model, links, co-design and stack export. Same contract as `entry.ts`: check the input, then
 * delegate to the unchanged module function; invalid input answers a `PhyError` (or a `Left`), never a
 * throw. See spec/api.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type PhyError } from '../core/errors.js';
import { inconsistentLink as inconsistentLinkImpl, type LinkContext } from '../classes/link.js';
import type { PlanOptions } from '../classes/types.js';
import { decodeClassPlan } from '../codecs/classPlan.js';
import { applicationRelaxations as applicationRelaxationsImpl, type ApplicationRelaxation } from '../codesign/application.js';
import { codesign as codesignImpl, pipelineFromService as pipelineFromServiceImpl, type CodesignOptions, type CodesignPipeline, type CodesignResult } from '../codesign/codesign.js';
import { classifierHeader as classifierHeaderImpl, type CHeaderOptions } from '../export/c.js';
import { STACK_TARGETS, exportStack as exportStackImpl, parseStackExport as parseStackExportImpl, type ParsedBlock, type StackExport, type StackExportInput, type StackTarget } from '../export/stacks.js';
import {
  directionDuty as directionDutyImpl,
  formatSpecialSlot as formatSpecialSlotImpl,
  isSpecialSlotFormat,
  isTddPattern,
  type SpecialSlotFormat,
} from '../nr/slotPattern.js';
import type { ServiceProfile } from '../services/catalogue.js';
import { checkComputeProfile, computeTimeMs as computeTimeMsImpl, tryLayerMacs, type ComputeProfile, type ModelMacs } from '../workload/macs.js';
import type { Direction, Duplex, Mu } from '../core/types.js';
import { snrPerReDb as snrPerReDbImpl } from '../link/budget.js';
import { simulateSystemPlan as simulateSystemPlanImpl, type SystemSimulation } from '../scheduler/fromPlan.js';
import { deriveSystem as deriveSystemImpl } from '../system/derive.js';
import { ARRIVAL_ASSUMPTIONS, type DeriveSystemOptions, type SystemPlan, type SystemPlanResult, type SystemVerdict, type VerifySystemOptions } from '../system/types.js';
import { verifySystem as verifySystemImpl } from '../system/verify.js';
import { classSensitivity as classSensitivityImpl, type ClassSensitivity } from '../report/sensitivity.js';
import { linkAssumptions as linkAssumptionsImpl, type LinkAssumptions } from '../report/assumptions.js';
import type { PhyClass } from '../classes/types.js';
import { checkLink, checkPhyClass, checkPlanOptions, checkService, firstProblem, guarded, isRecord, needArray, needInt, needNumber, needOneOf, needRecord, needString, optional, orError } from './guard.js';

/**
 * Mean SNR per RE per layer (dB) of a transmission over `nPrb` PRBs at numerology `mu` in `direction`
 * on `link` (link/budget `snrPerReDb`, spec/budget.md): the link budget's when the link has one, else
 * its flat snrDb. The link is decoded (checkLink); nPrb an integer 1..275, mu 0..6; else the PhyError.
 */
export function snrPerReDb(link: LinkContext, direction: Direction, nPrb: number, mu: Mu): number | PhyError {
  const l = checkLink(link);
  if (E.isLeft(l)) return l.left;
  const p = firstProblem(
    () => needOneOf('direction', direction, ['DL', 'UL']),
    () => needInt('nPrb', nPrb, 1, 275),
    () => needInt('mu', mu, 0, 6),
  );
  return p ?? snrPerReDbImpl(l.right, direction, nPrb, mu);
}

/** Share of the carrier's time a direction owns (nr/slotPattern `directionDuty`), or the PhyError. */
export function directionDuty(direction: Direction, duplex: Duplex, tddPattern?: string, special?: SpecialSlotFormat): number | PhyError {
  const p = firstProblem(
    () => needOneOf('direction', direction, ['DL', 'UL']),
    () => needOneOf('duplex', duplex, ['FDD', 'TDD']),
    () => optional(tddPattern, () => (isTddPattern(tddPattern) ? null : invalidInput('tddPattern', "a pattern of 'D', 'S', 'U' such as 'DDDSU'", tddPattern))),
    () => optional(special, () => (isSpecialSlotFormat(special) ? null : invalidInput('special', 'a special-slot format { dl, guard, ul } summing to 14', special))),
  );
  return p ?? directionDutyImpl(direction, duplex, tddPattern, special);
}

/** '<dl>D:<guard>G:<ul>U' for a special-slot format, or the PhyError. */
export function formatSpecialSlot(sp: SpecialSlotFormat): string | PhyError {
  return isSpecialSlotFormat(sp) ? formatSpecialSlotImpl(sp) : invalidInput('specialSlot', 'a special-slot format { dl, guard, ul } summing to 14', sp);
}

/** The one check of links that cannot exist (classes/link `inconsistentLink`): the PhyError, or null when consistent. */
export function inconsistentLink(link: LinkContext): PhyError | null {
  if (!isRecord(link)) return invalidInput('link', 'a link object', link);
  return inconsistentLinkImpl(link);
}

/**
 * The assumptions a result on `link` rests on (report/assumptions `linkAssumptions`: band, duplex and
 * pattern, SCS, SNR or link budget, fading and its time correlation, control errors, DMRS, HARQ, UE
 * capability, timing), or the PhyError of an invalid link. `undefined` = `defaultLink`.
 */
export function linkAssumptions(link?: LinkContext): LinkAssumptions | PhyError {
  const l = checkLink(link);
  if (E.isLeft(l)) return l.left;
  return guarded('linkAssumptions', () => linkAssumptionsImpl(l.right), (e) => e);
}

/**
 * SNR, HARQ round-trip and control-error headroom of `phyClass` for `service` on `link` before the
 * class fails `verify` (report/sensitivity `classSensitivity`), or the PhyError of invalid input.
 */
export function classSensitivity(phyClass: PhyClass, service: ServiceProfile | { readonly id: string }, link?: LinkContext): ClassSensitivity | PhyError {
  const bad = firstProblem(
    () => checkPhyClass(phyClass),
    () => checkService(service),
  );
  if (bad !== null) return bad;
  const l = checkLink(link);
  if (E.isLeft(l)) return l.left;
  return guarded('classSensitivity', () => classSensitivityImpl(phyClass, service as ServiceProfile, l.right), (e) => e);
}

/** Per-layer multiply-accumulates (workload/macs `layerMacs`), or the PhyError. */
export function layerMacs(model: string, input: { readonly height: number; readonly width: number }): ModelMacs | PhyError {
  return orError(tryLayerMacs(model, input));
}

/** Compute time of layers `from..to` of `m` on profile `p` (workload/macs `computeTimeMs`), or the PhyError. */
export function computeTimeMs(p: ComputeProfile, m: ModelMacs, from: number, to: number, runs = 1): number | PhyError {
  const bad = firstProblem(
    () => needRecord('profile', p),
    () => needRecord('macs', m),
    () => needArray('macs.layers', isRecord(m) ? m['layers'] : undefined, (x, f) => needRecord(f, x) ?? needNumber(`${f}.macs`, (x as Record<string, unknown>)['macs'], 0)),
    () => needInt('from', from, -1e9, 1e9),
    () => needInt('to', to, -1e9, 1e9),
    () => needInt('runs', runs, 0, 1e6),
  );
  if (bad !== null) return bad;
  const prof = checkComputeProfile(p);
  if (E.isLeft(prof)) return prof.left;
  const ms = computeTimeMsImpl(prof.right, m, from, to, runs);
  return Number.isFinite(ms) ? ms : invalidInput('profile', 'a profile whose rates give a finite time', p);
}

function linkOrDefault(link: unknown): E.Either<PhyError, LinkContext> {
  return checkLink(link);
}

/** Co-design of split point × precision × compression × PHY class (codesign/codesign `codesign`). */
export function codesign(pipeline: CodesignPipeline, link?: LinkContext, opts?: CodesignOptions): E.Either<PhyError, CodesignResult> {
  const bad = firstProblem(
    () => needRecord('pipeline', pipeline),
    () => needString('pipeline.model', isRecord(pipeline) ? pipeline['model'] : undefined),
    () => needRecord('pipeline.input', isRecord(pipeline) ? pipeline['input'] : undefined),
    () => optional(opts, () => needRecord('opts', opts)),
  );
  if (bad !== null) return E.left(bad);
  const l = linkOrDefault(link);
  if (E.isLeft(l)) return l;
  return guarded('codesign', () => codesignImpl(pipeline, l.right, opts), (e) => E.left(e));
}

/** Application-side relaxations of an infeasible service with a feature source (codesign/application). */
export function applicationRelaxations(service: ServiceProfile, link?: LinkContext, opts?: PlanOptions): ApplicationRelaxation[] | PhyError {
  const bad = firstProblem(() => checkService(service), () => optional(opts, () => checkPlanOptions(opts)));
  if (bad !== null) return bad;
  const l = linkOrDefault(link);
  if (E.isLeft(l)) return l.left;
  return guarded('applicationRelaxations', () => applicationRelaxationsImpl(service, l.right, opts), (e) => e);
}

/** The co-design pipeline of a catalogue-shaped service with a feature source (null without one), or the PhyError. */
export function pipelineFromService(
  service: ServiceProfile,
  device: ComputeProfile,
  edge: ComputeProfile,
  resultBytes = 64,
): CodesignPipeline | null | PhyError {
  const bad = firstProblem(
    () => checkService(service),
    () => needNumber('resultBytes', resultBytes, 1, 1e12),
    () => optional(isRecord(service) ? service['feature'] : undefined, () => {
      const f = (service as { feature?: unknown }).feature;
      return needRecord('service.feature', f) ?? needString('service.feature.model', (f as Record<string, unknown>)['model']) ?? needRecord('service.feature.input', (f as Record<string, unknown>)['input']);
    }),
  );
  if (bad !== null) return bad;
  const d = checkComputeProfile(device, 'device');
  if (E.isLeft(d)) return d.left;
  const e = checkComputeProfile(edge, 'edge');
  if (E.isLeft(e)) return e.left;
  return pipelineFromServiceImpl(service, d.right, e.right, resultBytes);
}

/** The C99 classifier header of a class plan (export/c `classifierHeader`); the plan is decoded first. */
export function classifierHeader(plan: unknown, opts?: CHeaderOptions): E.Either<PhyError, string> {
  const p = decodeClassPlan(plan);
  if (E.isLeft(p)) return p;
  if (opts !== undefined && !isRecord(opts)) return E.left(invalidInput('opts', 'an options object', opts));
  return guarded('classifierHeader', () => classifierHeaderImpl(p.right, opts ?? {}), (e) => E.left(e));
}

/** Stack configuration fragments of a class plan (export/stacks `exportStack`), or the PhyError. */
export function exportStack(target: StackTarget, input: StackExportInput): StackExport | PhyError {
  const bad = firstProblem(
    () => needOneOf('target', target, STACK_TARGETS),
    () => needRecord('input', input),
    () => needArray('input.services', isRecord(input) ? input['services'] : undefined, (x, f) => checkService(x, f)),
    () => needRecord('input.epsilonByClass', isRecord(input) ? input['epsilonByClass'] : undefined),
  );
  if (bad !== null) return bad;
  const plan = decodeClassPlan(input.plan);
  if (E.isLeft(plan)) return plan.left;
  const l = checkLink(input.link);
  if (E.isLeft(l)) return l.left;
  return guarded('exportStack', () => exportStackImpl(target, { ...input, plan: plan.right, link: l.right }), (e) => e);
}

/** Read an emitted stack fragment back into class fields (export/stacks `parseStackExport`), or the PhyError. */
export function parseStackExport(target: StackTarget, text: string): ParsedBlock[] | PhyError {
  const bad = firstProblem(
    () => needOneOf('target', target, STACK_TARGETS),
    () => needString('text', text),
    () => (typeof text === 'string' && text.length > 10_000_000 ? invalidInput('text', 'at most 10,000,000 characters', `${text.length} characters`) : null),
  );
  if (bad !== null) return bad;
  return guarded('parseStackExport', () => parseStackExportImpl(target, text), (e) => e);
}

/** A failing system verdict carrying an input problem (never a throw). */
function inputSystemVerdict(e: PhyError): SystemVerdict {
  const v: SystemVerdict = {
    pass: false,
    services: [],
    bwps: [],
    loadByDirection: { DL: 0, UL: 0 },
    peakByDirection: { DL: 0, UL: 0 },
    reasons: [`invalid input: ${e.message}`],
    assumptions: [],
    arrivals: 'synchronous',
  };
  return v;
}

function checkSystemPlan(u: unknown): PhyError | null {
  return firstProblem(
    () => needRecord('plan', u),
    () => needArray('plan.classes', isRecord(u) ? u['classes'] : undefined, (x, f) => needRecord(f, x)),
    () => needArray('plan.bwps', isRecord(u) ? u['bwps'] : undefined, (x, f) => needRecord(f, x) ?? needInt(`${f}.nPrb`, (x as Record<string, unknown>)['nPrb'], 1, 275)),
    () => needArray('plan.services', isRecord(u) ? u['services'] : undefined, (x, f) => needRecord(f, x) ?? needString(`${f}.serviceId`, (x as Record<string, unknown>)['serviceId'])),
  );
}

/**
 * The shared-carrier check of a whole class plan (system/verify `verifySystem`): every admitted UE of every
 * admitted service, together, on the plan's bandwidth parts. Invalid input gives a failing verdict naming it.
 */
export function verifySystem(plan: SystemPlan, services: readonly ServiceProfile[], link?: LinkContext, opts?: VerifySystemOptions): SystemVerdict {
  const bad = firstProblem(
    () => checkSystemPlan(plan),
    () => checkServicesList(services),
    () => optional(opts, () => needRecord('opts', opts) ?? optional((opts as Record<string, unknown>)['arrivals'], () => needOneOf('opts.arrivals', (opts as Record<string, unknown>)['arrivals'], ARRIVAL_ASSUMPTIONS))),
  );
  if (bad !== null) return inputSystemVerdict(bad);
  const l = checkLink(link);
  if (E.isLeft(l)) return inputSystemVerdict(l.left);
  return guarded('verifySystem', () => verifySystemImpl(plan, services, l.right, opts ?? {}), inputSystemVerdict);
}

function checkServicesList(u: unknown): PhyError | null {
  return needArray('services', u, (x, f) => checkService(x, f), 0, 10_000);
}

/** Plan the set on the shared carrier (system/derive `deriveSystem`): classes, BWPs, admission; or the PhyError. */
export function deriveSystem(services: readonly ServiceProfile[], link?: LinkContext, opts?: DeriveSystemOptions): SystemPlanResult | PhyError {
  const bad = firstProblem(
    () => checkServicesList(services),
    () => optional(opts, () => needRecord('opts', opts) ?? optional((opts as Record<string, unknown>)['arrivals'], () => needOneOf('opts.arrivals', (opts as Record<string, unknown>)['arrivals'], ARRIVAL_ASSUMPTIONS))),
    () => optional(isRecord(opts) ? opts['maxClasses'] : undefined, () => needInt('opts.maxClasses', (opts as Record<string, unknown>)['maxClasses'], 1, 64)),
  );
  if (bad !== null) return bad;
  const l = checkLink(link);
  if (E.isLeft(l)) return l.left;
  return guarded('deriveSystem', () => deriveSystemImpl(services, l.right, opts ?? {}), (e) => e);
}

/** Simulate exactly a system plan (scheduler/fromPlan `simulateSystemPlan`): per service the miss ratio with its Wilson interval. */
export function simulateSystemPlan(
  plan: SystemPlan,
  services: readonly ServiceProfile[],
  link: LinkContext,
  opts: { readonly slots: number; readonly seed: number },
): E.Either<PhyError, SystemSimulation> {
  const bad = firstProblem(
    () => checkSystemPlan(plan),
    () => checkServicesList(services),
    () => needRecord('opts', opts),
    () => needInt('opts.slots', isRecord(opts) ? opts['slots'] : undefined, 1, 100_000_000),
    () => needInt('opts.seed', isRecord(opts) ? opts['seed'] : undefined, 0, 2 ** 32 - 1),
  );
  if (bad !== null) return E.left(bad);
  const l = checkLink(link);
  if (E.isLeft(l)) return l;
  return guarded('simulateSystemPlan', () => simulateSystemPlanImpl(plan, services, l.right, { slots: opts.slots, seed: opts.seed }), (e) => E.left(e));
}
