/**
 * `phyclass tbs`: transport block size of one PDSCH/PUSCH allocation (TS 38.214 §5.1.3.2,
 * §6.1.4.2), exact integer arithmetic through `transportBlockSize`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import { MCS_TABLE_NAMES, type McsTableName } from '../../core/types.js';
import { type TbsParams, transportBlockSize } from '../../nr/tbs.js';
import { mcsEntry } from '../../nr/mcs.js';
import { ALLOCATION_SYMBOLS } from '../../core/ranges.js';
import { parseChoice, parseIntArg } from '../args.js';
import { badInput } from '../errors.js';
import { runJsonLines } from '../batch.js';
import { col, emit, outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';

/** Answer of `phyclass tbs` (also one JSON line per batch input). */
export interface TbsAnswer extends TbsParams {
  readonly tbsBits: number;
  readonly tbsBytes: number;
  readonly qm: number;
  readonly rateX1024: number;
}

const DEFAULTS = { mcsTable: 'qam64', nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 } as const;

/** Compute, or the one-line reason the parameters are invalid. */
export function tbsAnswer(p: TbsParams): E.Either<string, TbsAnswer> {
  const r = transportBlockSize(p);
  if (E.isLeft(r)) return E.left(r.left.message);
  const opts = { ...(p.transformPrecoding === undefined ? {} : { transformPrecoding: p.transformPrecoding }), ...(p.tpPi2Bpsk === undefined ? {} : { tpPi2Bpsk: p.tpPi2Bpsk }) };
  const m = mcsEntry(p.mcsTable, p.mcs, opts);
  const qm = m._tag === 'Some' ? m.value.qm : 0;
  const rate = m._tag === 'Some' ? m.value.rateX1024 : 0;
  return E.right({ ...p, tbsBits: r.right, tbsBytes: r.right / 8, qm, rateX1024: rate });
}

/** The keys a `tbs --batch` line may carry (others are refused with the closest one). */
export const TBS_BATCH_KEYS = ['mcsTable', 'mcs', 'nPrb', 'nSymbols', 'nDmrsRePerPrb', 'nOverheadRePerPrb', 'nLayers', 'scaling', 'transformPrecoding', 'tpPi2Bpsk'] as const;

function fromObject(o: Readonly<Record<string, unknown>>): TbsParams {
  return { ...DEFAULTS, ...o } as unknown as TbsParams; // transportBlockSize validates every field
}

export function registerTbs(program: Command, env: CommandEnv): void {
  program
    .command('tbs')
    .description('transport block size of one allocation (TS 38.214 5.1.3.2)')
    .option('--mcs <index>', 'MCS index I_MCS')
    .option('--prb <n>', 'allocated PRBs (1..275)')
    .option('--symbols <n>', 'symbols of the allocation (1..14)', String(DEFAULTS.nSymbols))
    .option('--table <name>', `MCS table: ${MCS_TABLE_NAMES.join(', ')}`, DEFAULTS.mcsTable)
    .option('--dmrs <re>', 'DM-RS REs per PRB over the allocation', String(DEFAULTS.nDmrsRePerPrb))
    .option('--overhead <re>', 'xOverhead REs per PRB (0, 6, 12, 18)', String(DEFAULTS.nOverheadRePerPrb))
    .option('--layers <n>', 'layers of the codeword (1..4)', String(DEFAULTS.nLayers))
    .option('--scaling <s>', 'TB scaling: 1, 0.5 or 0.25', String(DEFAULTS.scaling))
    .option('--transform-precoding', 'PUSCH with DFT-s-OFDM (TS 38.214 6.1.4.2)')
    .option('--pi2bpsk', 'tp-pi2BPSK (with --transform-precoding)')
    .option('--batch', 'read JSON lines of TbsParams on stdin, answer one JSON line each')
    .addHelpText(
      'after',
      `
Examples:
  $ phyclass tbs --mcs 27 --prb 273 --symbols 12 --table qam256
  $ phyclass tbs --mcs 10 --prb 52 --json
  $ printf '{"mcs":5,"nPrb":10}\\n{"mcs":27,"nPrb":273,"mcsTable":"qam256"}\\n' | phyclass tbs --batch
Batch fields: mcsTable, mcs, nPrb, nSymbols (12), nDmrsRePerPrb (12), nOverheadRePerPrb (0), nLayers (1), scaling (1), transformPrecoding, tpPi2Bpsk.`,
    )
    .action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = outputFormat(cmd);
      if (o['batch'] === true) {
        await runJsonLines(env, (obj) => {
          const r = tbsAnswer(fromObject(obj));
          return E.isRight(r) ? { ok: true, value: r.right } : { ok: false, error: r.left };
        }, TBS_BATCH_KEYS);
        return;
      }
      if (o['mcs'] === undefined || o['prb'] === undefined) badInput('tbs: --mcs and --prb are required (or --batch with JSON lines on stdin)');
      const str = (k: string): string => String(o[k]);
      const p: TbsParams = {
        mcsTable: parseChoice<McsTableName>('--table', str('table'), MCS_TABLE_NAMES),
        mcs: parseIntArg('--mcs', str('mcs'), 0, 31),
        nPrb: parseIntArg('--prb', str('prb'), 1, 275),
        nSymbols: parseIntArg('--symbols', str('symbols'), ALLOCATION_SYMBOLS.min, ALLOCATION_SYMBOLS.max),
        nDmrsRePerPrb: parseIntArg('--dmrs', str('dmrs'), 0, 168),
        nOverheadRePerPrb: parseIntArg('--overhead', str('overhead'), 0, 168),
        nLayers: parseIntArg('--layers', str('layers'), 1, 4),
        scaling: parseChoice('--scaling', str('scaling'), ['1', '0.5', '0.25'] as const) === '1' ? 1 : str('scaling') === '0.5' ? 0.5 : 0.25,
        ...(o['transformPrecoding'] === true ? { transformPrecoding: true } : {}),
        ...(o['pi2bpsk'] === true ? { tpPi2Bpsk: true } : {}),
      };
      const r = tbsAnswer(p);
      if (E.isLeft(r)) return badInput(r.left);
      const a = r.right;
      if (format === 'table') {
        env.io.stdout(
          `TBS ${a.tbsBits} bits (${a.tbsBytes} bytes): ${a.mcsTable} MCS ${a.mcs} (Qm ${a.qm}, R ${a.rateX1024}/1024), ${a.nPrb} PRB x ${a.nSymbols} symbols, ${a.nLayers} layer${a.nLayers === 1 ? '' : 's'}\n`,
        );
        return;
      }
      emit(env.io, format, {
        rows: [a],
        json: a,
        columns: [
          col<TbsAnswer>('mcsTable', 'table', (x) => x.mcsTable),
          col<TbsAnswer>('mcs', 'mcs', (x) => x.mcs),
          col<TbsAnswer>('nPrb', 'prb', (x) => x.nPrb),
          col<TbsAnswer>('nSymbols', 'symbols', (x) => x.nSymbols),
          col<TbsAnswer>('nDmrsRePerPrb', 'dmrs', (x) => x.nDmrsRePerPrb),
          col<TbsAnswer>('nOverheadRePerPrb', 'overhead', (x) => x.nOverheadRePerPrb),
          col<TbsAnswer>('nLayers', 'layers', (x) => x.nLayers),
          col<TbsAnswer>('scaling', 'scaling', (x) => x.scaling),
          col<TbsAnswer>('qm', 'qm', (x) => x.qm),
          col<TbsAnswer>('rateX1024', 'rate', (x) => x.rateX1024),
          col<TbsAnswer>('tbsBits', 'tbs bits', (x) => x.tbsBits),
        ],
      });
    });
}
