import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import {
  type TableColumn,
  csvField,
  csvTable,
  formatBytes,
  formatEpsilon,
  formatMs,
  formatNumber,
  jsonRows,
  parseCsv,
  textTable,
} from '../../src/report/table.js';

interface Row {
  name: string;
  bytes: number;
  eps: number | null;
}
const cols: TableColumn<Row>[] = [
  { key: 'name', header: 'service', get: (r) => r.name },
  { key: 'payloadBytes', header: 'payload', get: (r) => r.bytes, format: (v) => formatBytes(v as number) },
  { key: 'epsilon', header: 'eps', get: (r) => r.eps },
];

describe('report/table', () => {
  it('aligns columns: text left, numbers right, header ruled', () => {
    const out = textTable(
      [
        { name: 'a', bytes: 100352, eps: 1e-5 },
        { name: 'longer-name', bytes: 12, eps: null },
      ],
      cols,
    );
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('service       payload   eps');
    expect(lines[1]).toBe('-----------  --------  ----');
    expect(lines[2]).toBe('a            100.4 kB  1e-5');
    expect(lines[3]).toBe('longer-name      12 B     -');
  });

  it('quotes CSV per RFC 4180 and round-trips through a parser', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    const csv = csvTable([{ name: 'x, "y"', bytes: 1.5, eps: 1e-9 }], cols);
    expect(csv).toBe('name,payloadBytes,epsilon\r\n"x, ""y""",1.5,1e-9\r\n');
  });

  test.prop([fc.array(fc.tuple(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.option(fc.double({ min: 0, max: 1, noNaN: true }))), { maxLength: 8 })])(
    'CSV round-trips any text (formula-like text behind the guard quote) and keeps numbers exact',
    (tuples) => {
      const rows = tuples.map(([name, bytes, eps]) => ({ name, bytes, eps }));
      const parsed = parseCsv(csvTable(rows, cols));
      expect(parsed[0]).toEqual(['name', 'payloadBytes', 'epsilon']);
      expect(parsed).toHaveLength(rows.length + 1);
      rows.forEach((r, i) => {
        const rec = parsed[i + 1] ?? [];
        // The CSV-injection guard (issue 17): text starting with = + - @ TAB CR gains a leading quote.
        const risky = /^[=@\t\r]/.test(r.name) || (/^[+-]./.test(r.name) && !/^[+-](\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(r.name));
        expect(rec[0]).toBe(risky ? `'${r.name}` : r.name);
        expect(Number(rec[1])).toBe(r.bytes === 0 ? 0 : r.bytes); // -0 prints as 0
        expect(rec[2]).toBe(r.eps === null ? '' : String(r.eps));
      });
    },
  );

  it('JSON rows carry raw values keyed by column key', () => {
    expect(jsonRows([{ name: 'a', bytes: 2, eps: null }], cols)).toEqual([{ name: 'a', payloadBytes: 2, epsilon: null }]);
  });

  it('formats numbers for people', () => {
    expect(formatEpsilon(1e-5)).toBe('1e-5');
    expect(formatEpsilon(2.34e-7)).toBe('2.3e-7');
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(3.2e-6)).toBe('3.2e-6');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(1_000_000_000)).toBe('1 GB');
    expect(formatBytes(33_177_600)).toBe('33.18 MB');
    expect(formatMs(0.2857)).toBe('0.286');
    expect(formatMs(12.5)).toBe('12.5');
  });
});

describe('CSV formula guard (issue 17)', () => {
  it('neutralises spreadsheet formulas in text cells, never in numbers', () => {
    const c = [{ key: 'v', header: 'v', get: (r: { v: string | number }) => r.v }];
    const csv = csvTable([{ v: '=HYPERLINK("http://x","y")' }, { v: '+cmd|\'/C calc\'!A0' }, { v: '-2+3' }, { v: '@SUM(A1)' }, { v: '\tx' }, { v: -3 }, { v: 'ok=1' }, { v: '-' }, { v: '-5' }, { v: '+1.5e3' }], c);
    expect(parseCsv(csv).slice(1).map((r) => r[0])).toEqual(["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|'/C calc'!A0", "'-2+3", "'@SUM(A1)", "'\tx", '-3', 'ok=1', '-', '-5', '+1.5e3']);
  });
});
