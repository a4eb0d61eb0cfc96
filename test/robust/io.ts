/** An in-memory CliIo for in-process CLI tests (files go to a Map unless a real path is read). */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export interface MemoryIo {
  readonly io: CliIo;
  readonly out: () => string;
  readonly err: () => string;
  readonly files: Map<string, string>;
}

export function memoryIo(stdin = '', opts: { readReal?: boolean } = {}): MemoryIo {
  let out = '';
  let err = '';
  const files = new Map<string, string>();
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stderrColumns: 80,
    readStdin: async () => stdin,
    readTextFile: async (p) => {
      const f = files.get(p);
      if (f !== undefined) return f;
      if (opts.readReal === false) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return readFile(p, 'utf8');
    },
    writeTextFile: async (p, t) => {
      files.set(p, t);
    },
    makeDir: async () => undefined,
    nowMs: () => 0,
  };
  return { io, out: () => out, err: () => err, files };
}

/**
 * `tbs --batch` on `lines` equal lines streamed in 64 kB chunks: every line answered, the output
 * written in pieces (one per input chunk), none over 1 MB. batch.test.ts runs 50,000 lines (fast
 * tier), batch.slow.test.ts 200,000 (slow tier).
 */
export async function checkBatchStreaming(lines: number): Promise<void> {
  const line = '{"mcs":5,"nPrb":10}\n';
  const io = memoryIo();
  const writes: number[] = [];
  let count = 0;
  const chunked = {
    ...io.io,
    stdout: (t: string) => {
      writes.push(t.length);
      count += t.split('\n').length - 1;
    },
    stdinChunks: async function* () {
      const per = Math.floor(65_536 / line.length);
      for (let i = 0; i < lines; i += per) yield line.repeat(Math.min(per, lines - i));
    },
  };
  expect(await runCli(['tbs', '--batch'], chunked)).toBe(0);
  expect(count).toBe(lines);
  expect(writes.length).toBeGreaterThan(lines / 4_000); // one write per input chunk of ~3,300 lines: 50 for 200,000
  expect(Math.max(...writes)).toBeLessThan(1_000_000);
}
