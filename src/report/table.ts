/**
 * Tabular output of the SDK: one column description drives three renderings of the same rows —
 * an aligned text table for people, RFC 4180 CSV for spreadsheets, and JSON for programs.
 *
 * A column has a machine `key` (CSV header, JSON field, with units in the name such as
 * `latencyMs`), a human `header`, a getter returning the raw cell, and an optional formatter
 * for the text table only. CSV and JSON always carry the raw value (full precision), so that a
 * program reading `--csv` or `--json` never has to parse "1.2 ms".
 *
 * Pure functions, no I/O. Implements RFC 4180 (Common Format and MIME Type for CSV Files)
 * quoting: a field containing a comma, a double quote, CR or LF is enclosed in double quotes,
 * and an embedded double quote is doubled; records end with CRLF.
 */
import { escapeTerminal } from '../core/text.js';

/** A raw table cell: what CSV and JSON carry. `null` renders as an empty field / `-`. */
export type TableCell = string | number | boolean | null;

/** One column of a table over rows of type `R`. */
export interface TableColumn<R> {
  /** Machine name: CSV header and JSON field (units in the name: `latencyMs`, `payloadBytes`). */
  readonly key: string;
  /** Human header of the aligned text table (may be shorter, may carry a unit: `lat ms`). */
  readonly header: string;
  /** The raw value of this column for a row. */
  readonly get: (row: R) => TableCell;
  /** Text-table rendering of the raw value; default: `formatCell`. */
  readonly format?: (value: TableCell, row: R) => string;
  /** Alignment in the text table; default: right for numbers, left otherwise. */
  readonly align?: 'left' | 'right';
}

/** Options of the aligned text table. */
export interface TextTableOptions {
  /** Spaces between columns (default 2). */
  readonly gap?: number;
  /** Draw a dashed rule under the header (default true). */
  readonly rule?: boolean;
}

/**
 * Default human rendering of a cell: integers as is, other numbers with 4 significant digits
 * (exponent form below 1e-3), `null` as `-`, booleans as yes/no.
 */
export function formatCell(value: TableCell): string {
  if (value === null) return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  return formatNumber(value);
}

/** A number with about `digits` significant digits, without trailing zeros; tiny values in e-notation. */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const ax = Math.abs(x);
  if (ax !== 0 && (ax < 1e-3 || ax >= 1e15)) return formatEpsilon(x, digits - 2);
  const s = x.toPrecision(digits);
  return s.includes('e') ? String(Number(s)) : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** An error probability or other tiny number as `1e-5`, `2.3e-7` (mantissa trimmed). */
export function formatEpsilon(x: number, fractionDigits = 1): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return formatNumber(x);
  const [mant = '0', exp = '0'] = x.toExponential(Math.max(0, fractionDigits)).split('e');
  const m = mant.includes('.') ? mant.replace(/\.?0+$/, '') : mant;
  return `${m}e${Number(exp)}`;
}

/** A byte count in decimal SI units with 4 significant digits: `812 B`, `100.4 kB`, `33.18 MB`, `1 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return formatNumber(bytes);
  const units = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const text = i === 0 ? String(Math.round(v)) : v.toPrecision(4);
  return `${text.includes('.') ? text.replace(/\.?0+$/, '') : text} ${units[i] ?? 'B'}`;
}

/** A duration in ms with sensible precision: `0.286`, `12.5`, `100`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return formatNumber(ms);
  if (ms === 0) return '0';
  const a = Math.abs(ms);
  const s = a >= 100 ? ms.toFixed(0) : a >= 10 ? ms.toFixed(1) : a >= 1 ? ms.toFixed(2) : ms.toFixed(3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Display width of a string (code points; the tables use no wide characters). */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'left' ? s + fill : fill + s;
}

function textOf<R>(col: TableColumn<R>, row: R): string {
  const v = col.get(row);
  const s = col.format ? col.format(v, row) : formatCell(v);
  // A text table cell is one line; tabs and newlines would break alignment. Control characters and
  // bidi overrides are shown escaped (\uXXXX), never sent raw to a terminal (issue 17).
  return escapeTerminal(s.replace(/[\r\n\t]+/g, ' '));
}

function alignOf<R>(col: TableColumn<R>, rows: readonly R[]): 'left' | 'right' {
  if (col.align) return col.align;
  const first = rows.map((r) => col.get(r)).find((v) => v !== null);
  return typeof first === 'number' ? 'right' : 'left';
}

/**
 * Aligned plain-text table: header, a dashed rule, one line per row. Trailing spaces are
 * trimmed; every line ends with `\n`. An empty row list prints the header only.
 */
export function textTable<R>(rows: readonly R[], columns: readonly TableColumn<R>[], opts: TextTableOptions = {}): string {
  const gap = ' '.repeat(opts.gap ?? 2);
  const cells = rows.map((r) => columns.map((c) => textOf(c, r)));
  const widths = columns.map((c, j) => Math.max(width(c.header), ...cells.map((line) => width(line[j] ?? ''))));
  const aligns = columns.map((c) => alignOf(c, rows));
  const line = (parts: readonly string[]): string =>
    parts
      .map((p, j) => pad(p, widths[j] ?? 0, aligns[j] ?? 'left'))
      .join(gap)
      .replace(/\s+$/, '');
  const out = [line(columns.map((c) => c.header))];
  if (opts.rule ?? true) out.push(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) out.push(line(c));
  return `${out.join('\n')}\n`;
}

/**
 * One CSV field per RFC 4180 §2: quoted when it holds `,` `"` CR or LF, quotes doubled. A text
 * cell that spreadsheets (Excel, LibreOffice, Google Sheets) would evaluate as a formula, e.g.
 * `=HYPERLINK(...)`, is prefixed with a single quote `'` (the OWASP "CSV injection" guard), so it
 * is shown as text: see `csvFormulaRisk`. Numbers are never prefixed. Documented in spec/codecs.md §9.
 */
export function csvField(value: TableCell): string {
  const raw = value === null ? '' : typeof value === 'number' ? csvNumber(value) : String(value);
  const s = typeof value === 'string' && csvFormulaRisk(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * True when a text cell would start a spreadsheet formula: its first character is `=`, `@`, TAB or
 * CR; or it starts with `+` or `-` followed by more text that is not a plain decimal number (`-`
 * alone, the table placeholder, and `-5` are data; `-2+3`, `+cmd|...` are formulas).
 */
export function csvFormulaRisk(s: string): boolean {
  if (/^[=@\t\r]/.test(s)) return true;
  if (!/^[+-]/.test(s) || s.length === 1) return false;
  return !/^[+-](\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);
}

function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

/** RFC 4180 CSV: a header record of column keys, then one record per row, CRLF line breaks. */
export function csvTable<R>(rows: readonly R[], columns: readonly TableColumn<R>[]): string {
  const records = [columns.map((c) => csvField(c.key)).join(',')];
  for (const r of rows) records.push(columns.map((c) => csvField(c.get(r))).join(','));
  return `${records.join('\r\n')}\r\n`;
}

/** The rows as plain JSON objects keyed by column key (raw values; non-finite numbers as null). */
export function jsonRows<R>(rows: readonly R[], columns: readonly TableColumn<R>[]): Record<string, TableCell>[] {
  return rows.map((r) => {
    const o: Record<string, TableCell> = {};
    for (const c of columns) {
      const v = c.get(r);
      o[c.key] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }
    return o;
  });
}

/**
 * Parse RFC 4180 CSV text back into records (fields as strings). Accepts CRLF or LF; quoted
 * fields may hold commas, quotes (doubled) and line breaks. Used by tests and by callers that
 * round-trip `--csv` output.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  let any = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      any = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      any = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      any = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      any = true;
      i++;
    }
  }
  if (any || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
