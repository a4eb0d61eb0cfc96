/**
 * Issue 17 item 4: safe output. Control characters and bidi overrides a user typed never reach
 * the terminal raw (text tables, one-line answers, stderr), JSON stays valid with the same values,
 * and `report --out` refuses a file, a path under a file, symlinks out of the directory, and
 * overwriting without --force — each exit 2 with one line, before any work.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { processIo } from '../../src/cli/io.js';
import { escapeTerminal, hasUnsafeChars, safeIo } from '../../src/cli/safe.js';
import { textTable } from '../../src/report/table.js';
import { memoryIo } from './io.js';

const EVIL = 'svc\u202e\u001b[31mred\u0007\u009b\u2066x';

describe('terminal escaping', () => {
  it('escapes C0/C1 controls, DEL and bidi controls as \\uXXXX; keeps LF, TAB, CRLF and ordinary Unicode', () => {
    expect(escapeTerminal(EVIL)).toBe('svc\\u202e\\u001b[31mred\\u0007\\u009b\\u2066x');
    expect(escapeTerminal('a\tb\r\nc\nd ± µ 日本')).toBe('a\tb\r\nc\nd ± µ 日本');
    expect(escapeTerminal('a\rb')).toBe('a\\u000db');
    expect(hasUnsafeChars(escapeTerminal(EVIL))).toBe(false);
  });
  it('the escaped spelling inside a JSON string decodes to the same value', () => {
    const json = JSON.stringify({ id: EVIL });
    expect(JSON.parse(escapeTerminal(json))).toEqual({ id: EVIL });
  });
  it('text table cells are escaped and stay aligned', () => {
    const t = textTable([{ id: EVIL }, { id: 'b' }], [{ key: 'id', header: 'id', get: (r: { id: string }) => r.id }]);
    expect(hasUnsafeChars(t)).toBe(false);
    expect(t).toContain('svc\\u202e');
  });
  it('a service id with controls in a services file reaches neither stdout nor stderr raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-safe-'));
    const prof = JSON.parse(readFileSync('examples/services/robot-arm-features.json', 'utf8')) as Record<string, unknown>;
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify([{ ...prof, id: EVIL }]));
    for (const fmt of [[], ['--json'], ['--csv']]) {
      const io = memoryIo();
      await runCli(['services', '--services', file, ...fmt], io.io).catch(() => 3);
      await runCli(['plan', file, ...fmt], io.io);
      expect(hasUnsafeChars(io.out())).toBe(false);
      expect(hasUnsafeChars(io.err())).toBe(false);
    }
    const bad = memoryIo();
    expect(await runCli(['plan', `x${EVIL}`], bad.io)).toBe(2);
    expect(hasUnsafeChars(bad.err())).toBe(false);
  });
  it('safeIo lets the progress bar clear its line', () => {
    let err = '';
    const io = safeIo({ ...memoryIo().io, stderr: (t) => (err += t) });
    io.stderr('\r\x1b[2K');
    expect(err).toBe('\r\x1b[2K');
  });
});

describe('report --out', () => {
  const real = (): ReturnType<typeof processIo> & { out: () => string; err: () => string } => {
    let out = '';
    let err = '';
    const io = { ...processIo(), stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), stderrIsTTY: false };
    return Object.assign(io, { out: () => out, err: () => err });
  };
  const oneLine = (s: string): string => {
    const lines = s.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };
  it('an existing file, a path under a file and a symlink out of the directory are exit 2 with one line, fast', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-out-'));
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    const t0 = performance.now();
    for (const [out, re] of [
      [file, /exists and is not a directory/],
      ['/dev/null/x', /cannot (inspect|create the directory) \(a component of the path is not a directory\)/],
      [join(file, 'sub'), /not a directory/],
    ] as const) {
      const io = real();
      expect(await runCli(['report', '--out', out, '--slots', '0'], io)).toBe(2);
      expect(oneLine(io.err())).toMatch(re);
    }
    const linked = join(dir, 'linked');
    mkdirSync(linked);
    symlinkSync(file, join(linked, 'index.html'));
    const io = real();
    expect(await runCli(['report', '--out', linked, '--slots', '0'], io)).toBe(2);
    expect(oneLine(io.err())).toMatch(/index\.html is a symbolic link leading out of .*refusing to follow it/);
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
  it('says what it would overwrite unless --force', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'phyclass-out-')), 'r');
    mkdirSync(dir);
    writeFileSync(join(dir, 'classes.csv'), 'old');
    const a = real();
    expect(await runCli(['report', '--out', dir, '--slots', '0', '--only', 'uav.c2_stick'], a)).toBe(2);
    expect(oneLine(a.err())).toMatch(/would overwrite 1 file in .* \(classes\.csv\); use --force/);
    const b = real();
    expect(await runCli(['report', '--out', dir, '--slots', '0', '--only', 'uav.c2_stick', '--force'], b)).toBe(0);
    expect(readFileSync(join(dir, 'classes.csv'), 'utf8')).not.toBe('old');
  }, 60_000);
});
