/**
 * Shared command inputs: the link context (a `--link file.json` and/or flags, decoded by
 * `decodeLinkContext` so every field has its default) and service selection (a catalogue id,
 * a profile JSON file, or a file with a list of profiles).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { Command } from 'commander';
import { type LinkContext, LinkInputCodec, decodeLinkContext } from '../classes/link.js';
import { unknownKeyErrors } from '../codecs/strict.js';
import type { FadingModel } from '../core/types.js';
import { type ServiceProfile, serviceById, services as catalogue } from '../services/catalogue.js';
import { orBadInput, parseChoice, parseDbArg, parseIntArg, parseJsonText, parseMHzArg, parseNumberArg } from './args.js';
import { badInput, oneLine } from './errors.js';
import { STACK_DEFAULT_TIMING, STACK_NAMES, TIMING_PROFILE_NAMES, decodeTiming, type StackName, type StackTiming } from '../link/timing.js';

import { DEFAULT_SPECIAL_SLOT_TEXT } from '../nr/slotPattern.js';
import type { CliIo } from './io.js';

/** Link flags added to every command that plans (`classes`, `plan`, `verify`, `classify`, `report`). */
export function addLinkOptions(cmd: Command): Command {
  return cmd
    .option('--link <file>', 'link context JSON (any LinkContext fields; flags below override it)')
    .option('--band <nXX>', "NR operating band, e.g. n78 (default, TDD 100 MHz), n41, n79, n1, n3, n28, n257; it fixes duplex and FR; 'none' = free carrier")
    .option('--carrier-ghz <GHz>', 'carrier frequency in GHz (default: the band centre, 3.55 for n78)')
    .option('--snr <dB>', 'flat mean SNR per RE, e.g. "15 dB" (overrides a link budget)')
    .option('--coupling-loss <dB|median|edge>', 'use a link budget (spec/budget.md) with this coupling loss in dB (40..200) or cell position')
    .option('--ue-power <dBm>', 'use a link budget with this UE maximum power (default 23 dBm, power class 3)')
    .option('--fading <model>', 'awgn | rayleigh[:diversity] | rician:<K dB>[:diversity] | nakagami:<m>[:diversity]')
    .option('--bandwidth <MHz>', 'channel bandwidth the band allows, e.g. "20 MHz" (default: the band\'s widest)')
    .option('--fr <range>', 'frequency range: FR1 or FR2-1 (must be the band\'s)')
    .option('--duplex <FDD|TDD>', 'duplexing (must be the band\'s)')
    .option('--tdd <pattern>', 'TDD slot pattern, e.g. DDDSU')
    .option('--special <format>', `TDD special-slot symbols as '<n>D:<n>G:<n>U' (default ${DEFAULT_SPECIAL_SLOT_TEXT})`)
    .option('--capability <1|2>', 'UE processing capability')
    .option('--layers <n>', 'layers per codeword (1..4)')
    .option('--mu <list>', 'allowed numerologies, e.g. 1 or 1,2')
    .option('--bler-model <name>', 'fbl-gaussian, fbl-qam or nr-ldpc')
    .option('--receiver <preset>', 'nr-ldpc receiver: ideal or conservative')
    .option('--timing <profile>', `stack timing profile: ${TIMING_PROFILE_NAMES.join(', ')} (default spec-min) or JSON {"k1MinSlots":2,"k2MinSlots":2,"gnbProcSlots":1,"srPeriodMs":2}`);
}

/** `--stack <srsran|oai|lena>` (plan, verify, classes, export): the stack's default timing profile and its search space. */
export function addStackOption(cmd: Command): Command {
  return cmd.option('--stack <name>', `radio stack the plan is for: ${STACK_NAMES.join(', ')} (sets its timing profile unless --timing is given, and searches only what the stack runs)`);
}

/** The `--stack` value, or undefined; a bad name is bad input. */
export function stackFromOptions(o: Readonly<Record<string, unknown>>): StackName | undefined {
  const v = o['stack'];
  if (typeof v !== 'string') return undefined;
  return parseChoice('--stack', v, STACK_NAMES);
}

/** Parse `--timing`: a profile name or a JSON object of explicit values. */
export function parseTimingArg(text: string): StackTiming {
  const t = text.trim();
  const allowed = `${TIMING_PROFILE_NAMES.join(', ')} or a JSON object {"k1MinSlots", "k2MinSlots", "gnbProcSlots", "srPeriodMs"}`;
  let u: unknown = t;
  if (t.startsWith('{')) {
    try {
      u = JSON.parse(t);
    } catch {
      return badInput(`--timing: expected ${allowed}, got ${JSON.stringify(text)} (not valid JSON)`);
    }
  }
  const r = decodeTiming(u, '--timing');
  if (E.isLeft(r)) return badInput(typeof u === 'string' ? `--timing: expected one of ${allowed}, got ${JSON.stringify(text)}` : oneLine(r.left.message));
  return r.right;
}

/** Parse the `--fading` spelling into a FadingModel. */
export function parseFading(text: string): FadingModel {
  const [kind = '', a, b] = text.trim().toLowerCase().split(':');
  const div = (s: string | undefined): { diversity?: number } => (s === undefined ? {} : { diversity: parseIntArg('--fading diversity', s, 1, 16) });
  switch (kind) {
    case 'awgn':
      if (a !== undefined) badInput(`--fading: awgn takes no parameters, got ${JSON.stringify(text)}`);
      return { kind: 'awgn' };
    case 'rayleigh':
      if (b !== undefined) badInput(`--fading: expected rayleigh[:diversity], got ${JSON.stringify(text)}`);
      return { kind: 'rayleigh', ...div(a) };
    case 'rician':
      if (a === undefined) return badInput('--fading: rician needs a K factor in dB, e.g. rician:6 or rician:6:2');
      return { kind: 'rician', kFactorDb: parseNumberArg('--fading K factor', a, -20, 40), ...div(b) };
    case 'nakagami':
      if (a === undefined) return badInput('--fading: nakagami needs m, e.g. nakagami:2');
      return { kind: 'nakagami', m: parseNumberArg('--fading m', a, 0.5, 50), ...div(b) };
    default:
      return badInput(`--fading: expected awgn, rayleigh[:d], rician:K[:d] or nakagami:m[:d], got ${JSON.stringify(text)}`);
  }
}

/** The link context from `--link` and the flags (flags win), validated with defaults. */
export async function linkFromOptions(io: CliIo, o: Readonly<Record<string, unknown>>): Promise<LinkContext> {
  let base: Record<string, unknown> = {};
  if (typeof o['link'] === 'string') {
    const u = parseJsonText(o['link'], await readInput(io, o['link']));
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return badInput(`${o['link']}: expected a JSON object of link fields`);
    base = { ...(u as Record<string, unknown>) };
    const unknown = unknownKeyErrors(LinkInputCodec, base);
    if (unknown.length > 0) return badInput(`${o['link']}: ${unknown.join('; ')}`);
  }
  const s = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const patch: Record<string, unknown> = {};
  const band = s('band');
  if (band !== undefined) {
    patch['band'] = band.trim();
    // a band named on the command line replaces the file's band-derived fields unless the flags set them
    for (const k of ['duplex', 'fr', 'bandwidthMHz', 'tddPattern', 'specialSlot', 'carrierFrequencyGHz', 'allowedMu'] as const) if (base['band'] !== undefined && base['band'] !== patch['band']) delete base[k];
  }
  const ghz = s('carrierGhz');
  if (ghz !== undefined) patch['carrierFrequencyGHz'] = parseNumberArg('--carrier-ghz', ghz, 0.41, 71);
  const snr = s('snr');
  if (snr !== undefined) patch['snrDb'] = parseDbArg('--snr', snr);
  // link budget (spec/budget.md): --coupling-loss / --ue-power switch it on (over the --link file's);
  // --snr is the flat override, so it cannot be combined with them and drops a file's budget
  const cl = s('couplingLoss');
  const uePower = s('uePower');
  if (snr !== undefined && (cl !== undefined || uePower !== undefined)) {
    return badInput(`--snr sets a flat SNR; it cannot be combined with ${cl !== undefined ? '--coupling-loss' : '--ue-power'} (a link budget)`);
  }
  if (snr !== undefined && 'linkBudget' in base) delete base['linkBudget'];
  if (cl !== undefined || uePower !== undefined) {
    const fileBudget = typeof base['linkBudget'] === 'object' && base['linkBudget'] !== null ? (base['linkBudget'] as Record<string, unknown>) : {};
    const b: Record<string, unknown> = { ...fileBudget };
    if (cl !== undefined) {
      const t = cl.trim().toLowerCase();
      if (t === 'median' || t === 'edge') {
        delete b['couplingLossDb'];
        b['position'] = t;
      } else {
        delete b['position'];
        b['couplingLossDb'] = parseNumberArg('--coupling-loss', t.replace(/\s*db$/, ''), 40, 200);
      }
    }
    if (uePower !== undefined) b['ueMaxPowerDbm'] = parseNumberArg('--ue-power', uePower.trim().toLowerCase().replace(/\s*dbm$/, ''), -10, 40);
    patch['linkBudget'] = b;
  }
  const fading = s('fading');
  if (fading !== undefined) patch['fading'] = parseFading(fading);
  const bw = s('bandwidth');
  if (bw !== undefined) patch['bandwidthMHz'] = await parseMHzArg('--bandwidth', bw);
  const fr = s('fr');
  if (fr !== undefined) patch['fr'] = parseChoice('--fr', fr, ['FR1', 'FR2-1'] as const);
  const duplex = s('duplex');
  if (duplex !== undefined) patch['duplex'] = parseChoice('--duplex', duplex, ['FDD', 'TDD'] as const);
  const tdd = s('tdd');
  if (tdd !== undefined) {
    patch['tddPattern'] = tdd.toUpperCase();
    if (duplex === undefined) patch['duplex'] = 'TDD';
  }
  const special = s('special');
  if (special !== undefined) {
    patch['specialSlot'] = special.toUpperCase();
    if (duplex === undefined) patch['duplex'] = 'TDD';
  }
  const cap = s('capability');
  if (cap !== undefined) patch['ueCapability'] = parseIntArg('--capability', cap, 1, 2);
  const layers = s('layers');
  if (layers !== undefined) patch['nLayers'] = parseIntArg('--layers', layers, 1, 4);
  const mu = s('mu');
  if (mu !== undefined) patch['allowedMu'] = mu.split(',').map((m) => parseIntArg('--mu', m, 0, 6));
  const model = s('blerModel');
  if (model !== undefined) patch['blerModel'] = parseChoice('--bler-model', model, ['fbl-gaussian', 'fbl-qam', 'nr-ldpc'] as const);
  const rx = s('receiver');
  if (rx !== undefined) patch['receiver'] = parseChoice('--receiver', rx, ['ideal', 'conservative'] as const);
  const timing = s('timing');
  if (timing !== undefined) patch['timing'] = parseTimingArg(timing);
  else if (base['timing'] === undefined) {
    // --stack without --timing (and no timing in --link): the stack's default timing profile
    const stack = stackFromOptions(o);
    if (stack !== undefined) patch['timing'] = STACK_DEFAULT_TIMING[stack];
  }
  return orBadInput(decodeLinkContext({ ...base, ...patch }));
}

/** Read a file, or stdin for `-`; a missing file is bad input. */
export async function readInput(io: CliIo, path: string): Promise<string> {
  if (path === '-') return io.readStdin();
  try {
    return await io.readTextFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return badInput(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : code ?? 'read error'})`);
  }
}

function looksLikeFile(arg: string): boolean {
  return arg === '-' || arg.endsWith('.json') || arg.includes('/') || arg.includes('\\');
}

/** One service: a catalogue id, or a JSON profile file (`-` for stdin). Unknown ids list the catalogue. */
export async function resolveService(io: CliIo, arg: string): Promise<ServiceProfile> {
  if (!looksLikeFile(arg)) {
    const s = serviceById(arg);
    if (O.isSome(s)) return s.value;
    return badInput(`unknown service ${JSON.stringify(arg)} (see 'phyclass services'; known: ${catalogue.map((c) => c.id).slice(0, 4).join(', ')}, ...); or give a profile .json file`);
  }
  const u = parseJsonText(arg, await readInput(io, arg));
  const { decodeServiceProfile } = await import('../codecs/service.js'); // loads mathjs: only for files
  const r = decodeServiceProfile(u);
  if (E.isLeft(r)) return badInput(`${arg}: ${r.left.message}`);
  const unknown = (await import('../codecs/known-keys.js')).serviceKeyErrors(u);
  return unknown.length > 0 ? badInput(`${arg}: ${unknown.join('; ')}`) : r.right;
}

/** Services for the planning commands: `--services file.json` (a list, or {services: [...]}) or the catalogue, filtered by `--only`. */
export async function resolveServices(io: CliIo, o: Readonly<Record<string, unknown>>): Promise<readonly ServiceProfile[]> {
  let list: readonly ServiceProfile[] = catalogue;
  if (typeof o['services'] === 'string') {
    const path = o['services'];
    const u = parseJsonText(path, await readInput(io, path));
    const arr = typeof u === 'object' && u !== null && !Array.isArray(u) && 'services' in u ? (u as { services: unknown }).services : u;
    const { decodeServices } = await import('../codecs/service.js'); // loads mathjs: only for files
    const r = decodeServices(arr);
    if (E.isLeft(r)) return badInput(`${path}: ${r.left.message}`);
    const unknown = (await import('../codecs/known-keys.js')).serviceListKeyErrors(arr);
    if (unknown.length > 0) return badInput(`${path}: ${unknown.join('; ')}`);
    list = r.right;
  }
  if (typeof o['only'] === 'string') {
    const ids = o['only'].split(',').map((x) => x.trim()).filter((x) => x !== '');
    for (const id of ids) if (!list.some((s) => s.id === id)) badInput(`--only: unknown service ${JSON.stringify(id)} (see 'phyclass services')`);
    const all = list;
    list = [...new Set(ids)].map((id) => all.find((s) => s.id === id) as ServiceProfile); // in the order given
  }
  if (list.length === 0) return badInput('no services to plan');
  return list;
}
