/**
 * `phyclass bler`: block error rate of one transport block at an SNR (AWGN), or the SNR needed
 * for a target BLER, with the practical NR LDPC model and the finite-blocklength limits
 * (`blerModel`, `bisectSnr`; spec/bler.md).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import { MCS_TABLE_NAMES, type McsTableName } from '../../core/types.js';
import { showValue } from '../../core/errors.js';
import { SNR_DB, isNumberIn } from '../../core/ranges.js';
import { BLER_MODEL_NAMES, type BlerModelName, type ReceiverPreset, bisectSnr, blerModel } from '../../link/bler.js';
import { mcsEntry } from '../../nr/mcs.js';
import { formatEpsilon, formatNumber } from '../../report/table.js';
import { parseBitsArg, parseChoice, parseDbArg, parseIntArg, parseNumberArg } from '../args.js';
import { runJsonLines } from '../batch.js';
import { badInput } from '../errors.js';
import { col, emit, outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';

/** Parameters of one BLER question: either `snrDb` (-> bler) or `targetBler` (-> snrDb). */
export interface BlerQuestion {
  readonly model: BlerModelName;
  readonly receiver: ReceiverPreset;
  readonly mcsTable: McsTableName;
  readonly mcs: number;
  readonly tbsBits: number;
  readonly snrDb?: number;
  readonly targetBler?: number;
}

/** Answer: the question with both `snrDb` and `bler` filled in. */
export interface BlerAnswer extends BlerQuestion {
  readonly snrDb: number;
  readonly bler: number;
  readonly qm: number;
  readonly rateX1024: number;
}

const DEFAULTS = { model: 'nr-ldpc', receiver: 'conservative', mcsTable: 'qam64' } as const;

/** The keys a `bler --batch` line may carry (others are refused with the closest one). */
export const BLER_BATCH_KEYS = ['model', 'receiver', 'mcsTable', 'mcs', 'tbsBits', 'snrDb', 'targetBler'] as const;

/** Validate and answer (plain object input, as from a JSON line). */
export function blerAnswer(q: Readonly<Record<string, unknown>>): E.Either<string, BlerAnswer> {
  const model = q['model'] ?? DEFAULTS.model;
  if (!(BLER_MODEL_NAMES as readonly unknown[]).includes(model)) return E.left(`model: expected one of ${BLER_MODEL_NAMES.join(', ')}, got ${JSON.stringify(model)}`);
  const receiver = q['receiver'] ?? DEFAULTS.receiver;
  if (receiver !== 'ideal' && receiver !== 'conservative') return E.left(`receiver: expected ideal or conservative, got ${JSON.stringify(receiver)}`);
  const table = q['mcsTable'] ?? DEFAULTS.mcsTable;
  if (!(MCS_TABLE_NAMES as readonly unknown[]).includes(table)) return E.left(`mcsTable: expected one of ${MCS_TABLE_NAMES.join(', ')}, got ${JSON.stringify(table)}`);
  const mcs = q['mcs'];
  const entry = typeof mcs === 'number' && Number.isInteger(mcs) ? mcsEntry(table as McsTableName, mcs) : undefined;
  if (entry === undefined || entry._tag === 'None') return E.left(`mcs: expected a non-reserved MCS index of ${String(table)}, got ${JSON.stringify(mcs)}`);
  const tbs = q['tbsBits'];
  if (typeof tbs !== 'number' || !Number.isInteger(tbs) || tbs < 1 || tbs > 10_000_000) return E.left(`tbsBits: expected an integer in 1..10000000, got ${JSON.stringify(tbs)}`);
  const snr = q['snrDb'];
  const target = q['targetBler'];
  if ((snr === undefined) === (target === undefined)) return E.left('give exactly one of snrDb (-> bler) and targetBler (-> snrDb)');
  if (snr !== undefined && !isNumberIn(snr, SNR_DB)) return E.left(`snrDb: expected a number in [${SNR_DB.min}, ${SNR_DB.max}], got ${showValue(snr)}`);
  if (target !== undefined && (typeof target !== 'number' || !(target > 0 && target < 1))) return E.left(`targetBler: expected a probability in (0, 1), got ${JSON.stringify(target)}`);
  const m = blerModel(model as BlerModelName, { receiver: receiver as ReceiverPreset });
  const mcsIndex = mcs as number;
  const base = { model: model as BlerModelName, receiver: receiver as ReceiverPreset, mcsTable: table as McsTableName, mcs: mcsIndex, tbsBits: tbs };
  const at = (s: number): number => m.transportBlockErrorRate({ mcsTable: base.mcsTable, mcs: mcsIndex, tbsBits: tbs, snrDb: s });
  const snrDb = typeof snr === 'number' ? snr : bisectSnr(at, target as number);
  return E.right({
    ...base,
    ...(typeof target === 'number' ? { targetBler: target } : {}),
    snrDb,
    bler: at(snrDb),
    qm: entry.value.qm,
    rateX1024: entry.value.rateX1024,
  });
}

export function registerBler(program: Command, env: CommandEnv): void {
  program
    .command('bler')
    .description('transport-block error rate at an SNR (AWGN), or the SNR for a target BLER')
    .option('--mcs <index>', 'MCS index')
    .option('--table <name>', `MCS table: ${MCS_TABLE_NAMES.join(', ')}`, DEFAULTS.mcsTable)
    .option('--size <tbs>', 'transport block size: bits, or with a unit ("1000 bit", "2 kB")')
    .option('--snr <dB>', 'SNR per resource element, e.g. "6 dB"')
    .option('--target <bler>', 'target BLER: answer the SNR needed instead')
    .option('--model <name>', `${BLER_MODEL_NAMES.join(', ')} or all`, DEFAULTS.model)
    .option('--receiver <preset>', 'nr-ldpc receiver: ideal or conservative', DEFAULTS.receiver)
    .option('--batch', 'read JSON lines {mcs, tbsBits, snrDb|targetBler, mcsTable?, model?, receiver?} on stdin')
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass bler --mcs 10 --size "1000 bit" --snr "6 dB"
  $ phyclass bler --mcs 4 --size 256 --target 1e-5 --model all
  $ echo '{"mcs":10,"tbsBits":4000,"snrDb":7}' | phyclass bler --batch`,
    )
    .action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = outputFormat(cmd);
      if (o['batch'] === true) {
        await runJsonLines(env, (obj) => {
          const r = blerAnswer(obj);
          return E.isRight(r) ? { ok: true, value: r.right } : { ok: false, error: r.left };
        }, BLER_BATCH_KEYS);
        return;
      }
      const str = (k: string): string => String(o[k]);
      if (o['mcs'] === undefined || o['size'] === undefined) badInput('bler: --mcs and --size are required (or --batch)');
      if ((o['snr'] === undefined) === (o['target'] === undefined)) badInput('bler: give exactly one of --snr (-> BLER) and --target (-> SNR)');
      const modelArg = parseChoice('--model', str('model'), [...BLER_MODEL_NAMES, 'all'] as const);
      const models: BlerModelName[] = modelArg === 'all' ? [...BLER_MODEL_NAMES] : [modelArg];
      const q = {
        receiver: parseChoice<ReceiverPreset>('--receiver', str('receiver'), ['ideal', 'conservative']),
        mcsTable: parseChoice<McsTableName>('--table', str('table'), MCS_TABLE_NAMES),
        mcs: parseIntArg('--mcs', str('mcs'), 0, 31),
        tbsBits: await parseBitsArg('--size', str('size')),
        ...(o['snr'] === undefined ? {} : { snrDb: parseDbArg('--snr', str('snr')) }),
        ...(o['target'] === undefined ? {} : { targetBler: parseNumberArg('--target', str('target'), 1e-12, 0.999) }),
      };
      const answers = models.map((model) => {
        const r = blerAnswer({ ...q, model });
        return E.isRight(r) ? r.right : badInput(r.left);
      });
      if (format === 'table' && answers.length === 1) {
        const a = answers[0] as BlerAnswer;
        const what = a.targetBler === undefined ? `BLER ${formatEpsilon(a.bler, 2)} at ${formatNumber(a.snrDb)} dB` : `${formatNumber(a.snrDb)} dB for BLER ${formatEpsilon(a.targetBler, 2)}`;
        env.io.stdout(`${what}: ${a.model}${a.model === 'nr-ldpc' ? ` (${a.receiver})` : ''}, ${a.mcsTable} MCS ${a.mcs} (Qm ${a.qm}, R ${a.rateX1024}/1024), TB ${a.tbsBits} bits, AWGN\n`);
        return;
      }
      emit(env.io, format, {
        rows: answers,
        json: answers.length === 1 ? answers[0] : answers,
        columns: [
          col<BlerAnswer>('model', 'model', (a) => a.model),
          col<BlerAnswer>('receiver', 'receiver', (a) => (a.model === 'nr-ldpc' ? a.receiver : null)),
          col<BlerAnswer>('mcsTable', 'table', (a) => a.mcsTable),
          col<BlerAnswer>('mcs', 'mcs', (a) => a.mcs),
          col<BlerAnswer>('tbsBits', 'tbs bits', (a) => a.tbsBits),
          col<BlerAnswer>('snrDb', 'snr dB', (a) => a.snrDb, (v) => formatNumber(v as number)),
          col<BlerAnswer>('bler', 'bler', (a) => a.bler, (v) => formatEpsilon(v as number, 2)),
        ],
      });
    });
}
