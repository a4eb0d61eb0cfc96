/**
 * `phyclass table1`: the seed paper's Table 1 (packet sizes of split DNNs) recomputed from the
 * layer tables, with a verdict per cell: where the paper's quoted range holds and where not.
 */
import type { Command } from 'commander';
import { type PacketSizeRow, packetSizeTable } from '../../workload/split.js';
import { formatBytes } from '../../report/table.js';
import { type ClassTableRow, classTable } from '../../classes/classTable.js';
import { addLinkOptions, linkFromOptions } from '../context.js';
import { badInput } from '../errors.js';
import { describeLink } from '../describe.js';
import { col, emit, outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';

function amount(v: number, unit: 'values' | 'bytes'): string {
  return unit === 'bytes' ? formatBytes(v) : `${Math.round(v).toLocaleString('en-US')}`;
}

export function registerTable1(program: Command, env: CommandEnv): void {
  const command = program
    .command('table1')
    .description("the seed paper's Table 1 (split-DNN packet sizes) recomputed, with verdicts")
    .option('--cells', 'list every split point (layer, shape, value, inside the range?)')
    .option('--notes', 'print the computed explanation of every row under the table')
    .option('--classes', "the seed's conclusion: the PHY class for each service and packet-size decade (1 kB .. 1 GB), or why none exists");
  const own = new Set(command.options);
  addLinkOptions(command);
  // the link options only apply to --classes: given without it they are refused (exit 2), not ignored
  const linkOptions = command.options.filter((x) => !own.has(x));
  command
    .addHelpText('after', '\nExamples:\n  $ phyclass table1\n  $ phyclass table1 --cells --csv > table1-cells.csv\n  $ phyclass table1 --classes --bandwidth "20 MHz"\n  $ phyclass table1 --json')
    .action(async (o: { cells?: boolean; notes?: boolean; classes?: boolean } & Record<string, unknown>, cmd: Command) => {
      const format = outputFormat(cmd);
      if (o.classes !== true) {
        const given = linkOptions.filter((x) => cmd.getOptionValueSource(x.attributeName()) === 'cli');
        if (given.length > 0) badInput(`table1: link options (${given.map((x) => x.long).join(', ')}) apply only with --classes`);
      }
      if (o.classes === true) {
        // classTable() is the seed's Table 1 extended with classes: every built-in service's QoS with
        // its payload replaced by each size decade, planned on the given link.
        const link = await linkFromOptions(env.io, o);
        const rows = classTable(link);
        emit(env.io, format, {
          rows,
          json: rows,
          title: `Seed Table 1 extended with PHY classes (link: ${describeLink(link)})`,
          columns: [
            col<ClassTableRow>('serviceId', 'service', (r) => r.serviceId),
            col<ClassTableRow>('sizeRange', 'packet size', (r) => r.range.label),
            col<ClassTableRow>('classId', 'class', (r) => r.classId ?? 'none'),
            col<ClassTableRow>('binding', 'binding', (r) => r.binding ?? ''),
            col<ClassTableRow>('reason', 'reason', (r) => r.reason ?? ''),
          ],
        });
        return;
      }
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
