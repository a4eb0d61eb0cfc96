/**
 * The CLI's window on the outside world (streams, files, clock), as one small interface so the
 * commands stay testable in-process and every impure call is in this file or in `main.ts`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';

/** Everything a command may do outside pure computation. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stdout is a terminal (colour/width decisions only). */
  readonly stdoutIsTTY: boolean;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  readonly stderrIsTTY: boolean;
  /** Terminal width of stderr, for progress bars (columns). */
  readonly stderrColumns: number;
  /** The whole of standard input as text (for JSON-lines batch mode). */
  readonly readStdin: () => Promise<string>;
  /** Standard input as UTF-8 text chunks as they arrive (streaming batch mode); absent = use `readStdin`. */
  readonly stdinChunks?: () => AsyncIterable<string>;
  readonly readTextFile: (path: string) => Promise<string>;
  readonly writeTextFile: (path: string, text: string) => Promise<void>;
  readonly makeDir: (path: string) => Promise<void>;
  /** Milliseconds from an arbitrary origin (progress/ETA only; never feeds a result). */
  readonly nowMs: () => number;
}

/** The process's real streams and file system. */
export function processIo(): CliIo {
  return {
    stdout: (t) => {
      process.stdout.write(t);
    },
    stderr: (t) => {
      process.stderr.write(t);
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns ?? 80,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinChunks: () => process.stdin.setEncoding('utf8') as AsyncIterable<string>,
    readTextFile: (path) => readFile(path, 'utf8'),
    writeTextFile: (path, text) => writeFile(path, text, 'utf8'),
    makeDir: async (path) => {
      await mkdir(path, { recursive: true });
    },
    nowMs: () => performance.now(),
  };
}
