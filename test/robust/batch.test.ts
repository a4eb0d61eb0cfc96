/**
 * Issue 17 item 3: `--batch` answers line by line (a caller that writes one line and waits gets
 * its reply), streams its output in bounded pieces (a huge input never becomes one string),
 * bounds the line length, and refuses unknown keys with the closest known one.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { lineSplitter } from '../../src/cli/batch.js';
import { MAX_BATCH_LINE_CHARS } from '../../src/core/ranges.js';
import { closestKey } from '../../src/core/keys.js';
import { ENTRY, ROOT } from '../cli/run-bin.js';
import { checkBatchStreaming, memoryIo } from './io.js';

describe('--batch streaming', () => {
  it('a caller that writes one line and waits gets its reply (spawned binary, stdin kept open)', async () => {
    const child = spawn(process.execPath, [...ENTRY, 'tbs', '--batch'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    const replies: string[] = [];
    let buf = '';
    let waiter: (() => void) | undefined;
    child.stdout.on('data', (d: string) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        replies.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
        waiter?.();
      }
    });
    const next = (k: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no reply ${k} while stdin is open`)), 60_000);
        waiter = () => {
          if (replies.length >= k) {
            clearTimeout(t);
            resolve();
          }
        };
        waiter();
      });
    child.stdin.write('{"mcs":5,"nPrb":10}\n');
    await next(1);
    expect(JSON.parse(replies[0]!).tbsBits).toBe(984);
    child.stdin.write('{"mcs":27,"nPrb":273,"mcsTable":"qam256"}\n');
    await next(2);
    expect(JSON.parse(replies[1]!).tbsBits).toBeGreaterThan(100_000);
    const code = new Promise<number | null>((r) => child.on('close', r));
    child.stdin.end();
    expect(await code).toBe(0);
  }, 90_000);

  it('50,000 lines (200,000 in batch.slow.test.ts, slow tier) are answered in pieces, none larger than a few hundred kB', async () => {
    await checkBatchStreaming(50_000);
  }, 60_000);

  it('a line over the bound is answered with an error and never buffered; the next line is answered', async () => {
    const huge = `{"mcs":5,"nPrb":10,"x":"${'a'.repeat(MAX_BATCH_LINE_CHARS + 10)}"}`;
    const io = memoryIo(`${huge}\n{"mcs":5,"nPrb":10}\n`);
    expect(await runCli(['tbs', '--batch'], io.io)).toBe(2);
    const out = io.out().trim().split('\n');
    expect(JSON.parse(out[0]!)).toEqual({ line: 1, error: `line longer than ${MAX_BATCH_LINE_CHARS} characters (core/ranges MAX_BATCH_LINE_CHARS)` });
    expect(JSON.parse(out[1]!).tbsBits).toBe(984);
    expect(io.err().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('the splitter handles CRLF, a missing last newline and lines split across chunks', () => {
    const sp = lineSplitter(10);
    expect(sp.push('ab\r\ncd')).toEqual(['ab']);
    expect(sp.push('e\nf')).toEqual(['cde']);
    expect(sp.push('0123456789012')).toEqual([]);
    expect(sp.push('\nok\n')).toEqual([null, 'ok']);
    expect(sp.push('tail')).toEqual([]);
    expect(sp.end()).toEqual(['tail']);
  });
});

describe('unknown keys in batch lines', () => {
  it.each([
    ['tbs', '{"mcs":5,"nPrb":10,"nSymbol":12}', 'nSymbol: expected a known key (did you mean nSymbols?), got an unknown key'],
    ['latency', '{"direction":"UL","grnt":"sr"}', 'grnt: expected a known key (did you mean grant?), got an unknown key'],
    ['bler', '{"mcs":5,"tbsBits":1000,"snr":6}', 'snr: expected a known key (did you mean snrDb?), got an unknown key'],
  ])('%s refuses %s', async (cmd, line, error) => {
    const io = memoryIo(`${line}\n`);
    expect(await runCli([cmd, '--batch'], io.io)).toBe(2);
    expect(JSON.parse(io.out())).toEqual({ line: 1, error });
    expect(io.err()).toContain(error);
  });
  it('closestKey finds transpositions and prefixes, and gives up on noise', () => {
    expect(closestKey('nPbr', ['nPrb', 'mcs'])).toBe('nPrb');
    expect(closestKey('mcsTab', ['mcsTable', 'mcs'])).toBe('mcsTable');
    expect(closestKey('zzzzzzzz', ['mcsTable', 'mcs'])).toBeUndefined();
  });
});
