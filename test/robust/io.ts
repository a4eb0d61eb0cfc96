/** An in-memory CliIo for in-process CLI tests (files go to a Map unless a real path is read). */
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../../src/cli/io.js';

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
