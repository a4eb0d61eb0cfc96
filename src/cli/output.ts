/**
 * Output formats shared by every command: an aligned text table for people (default),
 * `--json` (the library's own result objects, pretty-printed) and `--csv` (RFC 4180).
 */
import type { Command } from 'commander';
import { type TableColumn, csvTable, jsonRows, textTable } from '../report/table.js';
import { badInput } from './errors.js';
import type { CliIo } from './io.js';

export type OutputFormat = 'table' | 'json' | 'csv';

/** The output format chosen by the global `--json` / `--csv` flags (both at once is bad input). */
export function outputFormat(cmd: Command): OutputFormat {
  const o = cmd.optsWithGlobals<{ json?: boolean; csv?: boolean }>();
  if (o.json === true && o.csv === true) badInput('choose one of --json and --csv, not both');
  return o.json === true ? 'json' : o.csv === true ? 'csv' : 'table';
}

/** JSON text of a result: finite numbers as is, non-finite as null, no functions. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** What a command prints: rows through columns (table/CSV) and a JSON value (default: the rows). */
export interface Emission<R> {
  readonly rows: readonly R[];
  readonly columns: readonly TableColumn<R>[];
  /** The JSON document for `--json` (default: the rows keyed by column key). */
  readonly json?: unknown;
  /** Lines printed after the table in table mode only (notes, infeasible reasons). */
  readonly footer?: readonly string[];
  /** A title line printed before the table in table mode only. */
  readonly title?: string;
}

/** Print an emission in the chosen format. */
export function emit<R>(io: CliIo, format: OutputFormat, e: Emission<R>): void {
  if (format === 'json') {
    io.stdout(toJsonText(e.json === undefined ? jsonRows(e.rows, e.columns) : e.json));
    return;
  }
  if (format === 'csv') {
    io.stdout(csvTable(e.rows, e.columns));
    return;
  }
  let out = '';
  if (e.title !== undefined) out += `${e.title}\n\n`;
  out += textTable(e.rows, e.columns);
  if (e.footer && e.footer.length > 0) out += `\n${e.footer.join('\n')}\n`;
  io.stdout(out);
}

/** Shorthand for a column (keeps command files short). */
export function col<R>(
  key: string,
  header: string,
  get: TableColumn<R>['get'],
  format?: TableColumn<R>['format'],
  align?: 'left' | 'right',
): TableColumn<R> {
  return { key, header, get, ...(format === undefined ? {} : { format }), ...(align === undefined ? {} : { align }) };
}
