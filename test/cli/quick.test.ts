/**
 * The quick-check commands through the real binary: tbs, bler, latency, services, table1 —
 * exit codes, one-line answers, --json equal to the library's result, --csv per RFC 4180,
 * JSON-lines batch mode, and bad input as exit 2 with one stderr line.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { blerModel } from '../../src/link/bler.js';
import { tryUserPlaneLatency } from '../../src/link/latency.js';
import { transportBlockSize } from '../../src/nr/tbs.js';
import { parseCsv } from '../../src/report/table.js';
import { services } from '../../src/services/catalogue.js';
import { packetSizeTable } from '../../src/workload/split.js';
import { oneErrorLine, runBin } from './run-bin.js';

describe('phyclass quick checks (spawned binary)', () => {
  it('tbs: one line, --json equals transportBlockSize, --csv parses', async () => {
    const args = ['tbs', '--mcs', '27', '--prb', '273', '--symbols', '12', '--table', 'qam256'];
    const [text, json, csv] = await Promise.all([runBin(args), runBin([...args, '--json']), runBin([...args, '--csv'])]);
    const expected = transportBlockSize({ mcsTable: 'qam256', mcs: 27, nPrb: 273, nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 });
    expect(E.isRight(expected)).toBe(true);
    const tbs = E.isRight(expected) ? expected.right : -1;
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toHaveLength(1);
    expect(text.stdout).toContain(`TBS ${tbs} bits`);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { tbsBits: number }).tbsBits).toBe(tbs);
    const rec = parseCsv(csv.stdout);
    expect(rec).toHaveLength(2);
    const header = rec[0] ?? [];
    expect(rec[1]?.[header.indexOf('tbsBits')]).toBe(String(tbs));
  });

  it('tbs --batch answers one JSON line per input line, flags bad lines and exits 2', async () => {
    const r = await runBin(['tbs', '--batch'], { stdin: '{"mcs":5,"nPrb":10}\n\nnot json\n{"mcs":40,"nPrb":1}\n{"mcs":27,"nPrb":273,"mcsTable":"qam256"}\n' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    const t = transportBlockSize({ mcsTable: 'qam64', mcs: 5, nPrb: 10, nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 });
    expect(lines[0]?.['tbsBits']).toBe(E.isRight(t) ? t.right : -1);
    expect(lines[1]).toMatchObject({ line: 3 });
    expect(String(lines[2]?.['error'])).toMatch(/^mcs: expected an integer in 0\.\.28/);
    expect(typeof lines[3]?.['tbsBits']).toBe('number');
    expect(r.code).toBe(2);
    expect(oneErrorLine(r)).toMatch(/2 bad input lines/);
  });

  it('bler: --json equals the model; --target inverts it', async () => {
    const [at, inv] = await Promise.all([
      runBin(['bler', '--mcs', '10', '--size', '1000 bit', '--snr', '5 dB', '--json']),
      runBin(['bler', '--mcs', '10', '--size', '1000', '--target', '1e-3', '--json']),
    ]);
    expect(at.code).toBe(0);
    const a = JSON.parse(at.stdout) as { bler: number; tbsBits: number };
    const m = blerModel('nr-ldpc', { receiver: 'conservative' });
    expect(a.tbsBits).toBe(1000);
    expect(a.bler).toBe(m.transportBlockErrorRate({ mcsTable: 'qam64', mcs: 10, tbsBits: 1000, snrDb: 5 }));
    const b = JSON.parse(inv.stdout) as { snrDb: number; bler: number };
    expect(b.bler).toBeLessThanOrEqual(1e-3 * (1 + 1e-9));
    expect(m.transportBlockErrorRate({ mcsTable: 'qam64', mcs: 10, tbsBits: 1000, snrDb: b.snrDb - 0.01 })).toBeGreaterThan(1e-3);
  });

  it('latency: parts sum to the total and match tryUserPlaneLatency; text is one line', async () => {
    const args = ['latency', '--direction', 'UL', '--grant', 'configured', '--mu', '1', '--tti', '2', '--capability', '2'];
    const [text, json] = await Promise.all([runBin(args), runBin([...args, '--json'])]);
    const lib = tryUserPlaneLatency({ direction: 'UL', duplex: 'FDD', mu: 1, ttiSymbols: 2, ueCapability: 2, grant: 'configured', transmissions: 1, alignment: 'average' });
    expect(E.isRight(lib)).toBe(true);
    const j = JSON.parse(json.stdout) as { totalMs: number; parts: Record<string, number> };
    if (E.isRight(lib)) {
      expect(j.totalMs).toBe(lib.right.totalMs);
      expect(j.parts).toEqual(lib.right.parts);
    }
    expect(Object.values(j.parts).reduce((s, x) => s + x, 0)).toBeCloseTo(j.totalMs, 9);
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('services and table1: --json equals the catalogue and packetSizeTable()', async () => {
    const [svc, t1, t1csv] = await Promise.all([runBin(['services', '--json']), runBin(['table1', '--json']), runBin(['table1', '--csv'])]);
    expect(svc.code).toBe(0);
    expect(JSON.parse(svc.stdout)).toEqual(JSON.parse(JSON.stringify(services)));
    expect(JSON.parse(t1.stdout)).toEqual(JSON.parse(JSON.stringify(packetSizeTable())));
    const rec = parseCsv(t1csv.stdout);
    expect(rec).toHaveLength(packetSizeTable().length + 1);
    expect(rec.slice(1).map((r) => r[0])).toEqual(packetSizeTable().map((r) => r.id));
  });

  it('bad input: exit 2 with exactly one clear stderr line and no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['tbs', '--mcs', '29', '--prb', '3'], /mcs: expected an integer in 0\.\.28/],
      [['bler', '--mcs', '4', '--size', '5 parsecs', '--snr', '3'], /--size: expected a size/],
      [['latency', '--mu', '9'], /--mu: expected an integer in 0\.\.6/],
      [['tbs', '--mcs', '1', '--prb', '2', '--json', '--csv'], /choose one of --json and --csv/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['tbs', '--bogus'], /unknown option '--bogus'/],
    ];
    const results = await Promise.all(cases.map(([a]) => runBin(a)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]?.[0].join(' ')).toBe(2);
      expect(oneErrorLine(r)).toMatch(cases[i]?.[1] ?? /./);
      expect(r.stdout).toBe('');
    });
  });

  it('--help lists every command with examples; no arguments prints help and exits 0', async () => {
    const [help, none, sub] = await Promise.all([runBin(['--help']), runBin([]), runBin(['tbs', '--help'])]);
    expect(help.code).toBe(0);
    for (const c of ['classes', 'plan', 'verify', 'classify', 'services', 'table1', 'tbs', 'bler', 'latency', 'simulate', 'report']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    }
    expect(help.stdout).toContain('Examples:');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Usage: phyclass');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--batch');
  });
});
