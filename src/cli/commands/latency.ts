/**
 * `phyclass latency`: one-way user-plane latency of one configuration with every part
 * (ITU-R M.2412 / 3GPP TR 37.910 §5.7.1 method, `tryUserPlaneLatency`).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import type { Direction, Duplex, GrantType, Mu, UeCapability } from '../../core/types.js';
import { type UserPlaneLatency, type UserPlaneLatencyInput, tryUserPlaneLatency } from '../../link/latency.js';
import { formatMs } from '../../report/table.js';
import { TTI_SYMBOLS } from '../../core/ranges.js';
import { parseChoice, parseIntArg } from '../args.js';
import { runJsonLines } from '../batch.js';
import { badInput } from '../errors.js';
import { type OutputFormat, emit, col } from '../output.js';
import { outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';
import { DEFAULT_SPECIAL_SLOT_TEXT, DEFAULT_TDD_PATTERN } from '../../nr/slotPattern.js';
import { TIMING_PROFILE_NAMES, timingText } from '../../link/timing.js';
import { parseTimingArg } from '../context.js';

/** Answer of `phyclass latency`: the input echoed with the result. */
export interface LatencyAnswer extends UserPlaneLatency {
  readonly input: UserPlaneLatencyInput;
}

const DEFAULTS = { direction: 'DL', duplex: 'FDD', mu: 1, ttiSymbols: 14, ueCapability: 1, grant: 'dynamic', transmissions: 1, alignment: 'average' } as const;

/** The keys a `latency --batch` line may carry (UserPlaneLatencyInput; others are refused with the closest one). */
export const LATENCY_BATCH_KEYS = ['direction', 'duplex', 'tddPattern', 'specialSlot', 'mu', 'ttiSymbols', 'ueCapability', 'grant', 'transmissions', 'alignment', 'dTerms', 'timing'] as const;

export function latencyAnswer(p: UserPlaneLatencyInput): E.Either<string, LatencyAnswer> {
  const r = tryUserPlaneLatency(p);
  return E.isLeft(r) ? E.left(r.left.message) : E.right({ ...r.right, input: p });
}

function print(env: CommandEnv, format: OutputFormat, a: LatencyAnswer): void {
  if (format === 'table') {
    const parts = Object.entries(a.parts)
      .filter(([, v]) => v !== 0)
      .map(([k, v]) => `${k} ${formatMs(v)}`)
      .join(' + ');
    const p = a.input;
    env.io.stdout(
      `${formatMs(a.totalMs)} ms ${p.direction}${p.direction === 'UL' ? ` (${p.grant} grant)` : ''}, ${p.duplex}${p.duplex === 'TDD' ? ` ${p.tddPattern ?? DEFAULT_TDD_PATTERN}` : ''}, mu ${p.mu}, ${p.ttiSymbols}-symbol TTI, capability ${a.ueCapabilityUsed}, ${p.transmissions} transmission${p.transmissions === 1 ? '' : 's'}, ${p.alignment ?? 'average'} alignment${p.timing !== undefined ? `, timing ${timingText(p.timing)}` : ''} = ${parts}\n`,
    );
    return;
  }
  const partNames = Object.keys(a.parts);
  emit(env.io, format, {
    rows: [a],
    json: a,
    columns: [
      col<LatencyAnswer>('totalMs', 'total ms', (x) => x.totalMs),
      ...partNames.map((k) => col<LatencyAnswer>(`${k}Ms`, k, (x) => x.parts[k] ?? 0)),
      col<LatencyAnswer>('ueCapabilityUsed', 'capability', (x) => x.ueCapabilityUsed),
    ],
  });
}

export function registerLatency(program: Command, env: CommandEnv): void {
  program
    .command('latency')
    .description('one-way user-plane latency with its parts (ITU-R M.2412 / TR 37.910)')
    .option('--direction <DL|UL>', 'link direction', DEFAULTS.direction)
    .option('--duplex <FDD|TDD>', 'duplexing', DEFAULTS.duplex)
    .option('--tdd <pattern>', `TDD slot pattern of D/S/U letters (default ${DEFAULT_TDD_PATTERN})`)
    .option('--special <format>', `TDD special-slot symbols as '<n>D:<n>G:<n>U' (default ${DEFAULT_SPECIAL_SLOT_TEXT})`)
    .option('--mu <0..6>', 'numerology (SCS 15*2^mu kHz)', String(DEFAULTS.mu))
    .option('--tti <symbols>', 'TTI length in symbols: 14 (slot) or 2..13 (mini-slot)', String(DEFAULTS.ttiSymbols))
    .option('--capability <1|2>', 'UE processing capability', String(DEFAULTS.ueCapability))
    .option('--grant <type>', 'UL grant: dynamic, configured or sr', DEFAULTS.grant)
    .option('--transmissions <n>', 'HARQ transmissions counted (1..4)', String(DEFAULTS.transmissions))
    .option('--worst', 'worst-case frame alignment instead of the M.2412 average')
    .option('--timing <profile>', `stack timing profile: ${TIMING_PROFILE_NAMES.join(', ')} (default spec-min) or a JSON object of explicit values`)
    .option('--batch', 'read JSON lines of UserPlaneLatencyInput on stdin, answer one JSON line each')
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass latency --direction UL --grant configured --mu 1 --tti 2 --capability 2
  $ phyclass latency --duplex TDD --tdd DDDSU --transmissions 2 --json
  $ echo '{"direction":"UL","grant":"sr","mu":2,"ttiSymbols":7}' | phyclass latency --batch
  $ phyclass latency --direction UL --grant sr --worst --timing srsran-low-latency`,
    )
    .action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = outputFormat(cmd);
      if (o['batch'] === true) {
        await runJsonLines(env, (obj) => {
          const r = latencyAnswer({ ...DEFAULTS, ...obj } as unknown as UserPlaneLatencyInput);
          return E.isRight(r) ? { ok: true, value: r.right } : { ok: false, error: r.left };
        }, LATENCY_BATCH_KEYS);
        return;
      }
      const str = (k: string): string => String(o[k]);
      const duplex = parseChoice<Duplex>('--duplex', str('duplex'), ['FDD', 'TDD']);
      if (duplex === 'FDD' && (o['tdd'] !== undefined || o['special'] !== undefined)) badInput('--tdd/--special: only with --duplex TDD');
      const p: UserPlaneLatencyInput = {
        direction: parseChoice<Direction>('--direction', str('direction'), ['DL', 'UL']),
        duplex,
        ...(o['tdd'] === undefined ? {} : { tddPattern: str('tdd').toUpperCase() }),
        ...(o['special'] === undefined ? {} : { specialSlot: str('special') }),
        mu: parseIntArg('--mu', str('mu'), 0, 6) as Mu,
        ttiSymbols: parseIntArg('--tti', str('tti'), TTI_SYMBOLS.min, TTI_SYMBOLS.max),
        ueCapability: parseIntArg('--capability', str('capability'), 1, 2) as UeCapability,
        grant: parseChoice<GrantType>('--grant', str('grant'), ['dynamic', 'configured', 'sr']),
        transmissions: parseIntArg('--transmissions', str('transmissions'), 1, 4),
        alignment: o['worst'] === true ? 'worst' : 'average',
        ...(typeof o['timing'] === 'string' ? { timing: parseTimingArg(o['timing']) } : {}),
      };
      const r = latencyAnswer(p);
      if (E.isLeft(r)) return badInput(r.left);
      print(env, format, r.right);
    });
}
