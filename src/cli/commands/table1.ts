/**
 * `phyclass table1`: the seed paper's Table 1 (packet sizes of split DNNs) recomputed from the
 * layer tables, with a verdict per cell: where the paper's quoted range holds and where not.
 */
import type { Command } from 'commander';
import { type PacketSizeRow, packetSizeTable } from '../../workload/split.js';
import { formatBytes } from '../../report/table.js';
import { col, emit, outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';

function amount(v: number, unit: 'values' | 'bytes'): string {
  return unit === 'bytes' ? formatBytes(v) : `${Math.round(v).toLocaleString('en-US')}`;
}

export function registerTable1(program: Command, env: CommandEnv): void {
  program
    .command('table1')
    .description("the seed paper's Table 1 (split-DNN packet sizes) recomputed, with verdicts")
    .option('--cells', 'list every split point (layer, shape, value, inside the range?)')
    .option('--notes', 'print the computed explanation of every row under the table')
    .addHelpText('after', '\nExamples:\n  $ phyclass table1\n  $ phyclass table1 --cells --csv > table1-cells.csv\n  $ phyclass table1 --json')
    .action((o: { cells?: boolean; notes?: boolean }, cmd: Command) => {
      const format = outputFormat(cmd);
      const rows = packetSizeTable();
      if (o.cells === true) {
        type Cell = { row: PacketSizeRow; layer: string; shape: string; elements: number; value: number; inRange: boolean };
        const cells: Cell[] = rows.flatMap((row) => row.cells.map((c) => ({ row, layer: c.alias !== undefined ? `${c.layer} (${c.alias})` : c.layer, shape: c.shape, elements: c.elements, value: c.value, inRange: c.inRange })));
        emit(env.io, format, {
          rows: cells,
          json: rows,
          columns: [
            col<Cell>('row', 'row', (c) => c.row.id),
            col<Cell>('layer', 'layer', (c) => c.layer),
            col<Cell>('shape', 'shape', (c) => c.shape),
            col<Cell>('elements', 'elements', (c) => c.elements),
            col<Cell>('unit', 'unit', (c) => c.row.unit),
            col<Cell>('value', 'value', (c) => c.value, (v, c) => amount(v as number, c.row.unit), 'right'),
            col<Cell>('paperRange', 'paper', (c) => c.row.paperRange),
            col<Cell>('inRange', 'in range', (c) => c.inRange),
          ],
        });
        return;
      }
      emit(env.io, format, {
        rows,
        json: rows,
        title: "Seed paper Table 1, recomputed (224x224 rows count values; 8K/future rows count bytes at 10:1 compression)",
        columns: [
          col<PacketSizeRow>('id', 'row', (r) => r.id),
          col<PacketSizeRow>('model', 'model', (r) => r.model),
          col<PacketSizeRow>('input', 'input', (r) => `${r.input.height}x${r.input.width}`),
          col<PacketSizeRow>('bitsPerValue', 'bits', (r) => r.bitsPerValue),
          col<PacketSizeRow>('paperRange', 'paper', (r) => r.paperRange),
          col<PacketSizeRow>('unit', 'unit', (r) => r.unit),
          col<PacketSizeRow>('computedMin', 'computed min', (r) => r.computedMin, (v, r) => amount(v as number, r.unit), 'right'),
          col<PacketSizeRow>('computedMax', 'computed max', (r) => r.computedMax, (v, r) => amount(v as number, r.unit), 'right'),
          col<PacketSizeRow>('verdict', 'verdict', (r) => r.verdict),
          col<PacketSizeRow>('holdsFrom', 'holds from', (r) => r.holdsFrom),
        ],
        footer: o.notes === true ? rows.map((r) => `${r.id}: ${r.note}`) : ['(--notes explains every row: where the range holds and which split points fall outside)'],
      });
    });
}
