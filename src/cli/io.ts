/**
 * The CLI's window on the outside world (streams, files, clock), as one small interface so the
 * commands stay testable in-process and every impure call is in this file or in `main.ts`.
 */
import { lstat, mkdir, readFile, readdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';

/** What is at a path, without following a final symlink (`target`: where a symlink resolves, if it does). */
export interface PathInfo {
  readonly kind: 'missing' | 'file' | 'dir' | 'symlink' | 'other';
  /** The canonical path (symlinks resolved) when the path resolves. */
  readonly realPath?: string;
}

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
  /**
   * Resolves once stdout has flushed what it holds (back-pressure for streamed output: a pipe whose
   * reader is slower than the producer would otherwise queue every answer in memory); absent = no wait.
   */
  readonly drainStdout?: () => Promise<void>;
  /** Standard input as UTF-8 text chunks as they arrive (streaming batch mode); absent = use `readStdin`. */
  readonly stdinChunks?: () => AsyncIterable<string>;
  readonly readTextFile: (path: string) => Promise<string>;
  readonly writeTextFile: (path: string, text: string) => Promise<void>;
  readonly makeDir: (path: string) => Promise<void>;
  /** What is at `path` (lstat + realpath); optional so older in-memory test IOs still type-check. */
  readonly statPath?: (path: string) => Promise<PathInfo>;
  /** Rename a file (atomic within one file system); used with a temp file for atomic writes. */
  readonly renameFile?: (from: string, to: string) => Promise<void>;
  /** Remove a file (a temp file left by a failed write). */
  readonly removeFile?: (path: string) => Promise<void>;
  /** Names of the entries of a directory. */
  readonly listDir?: (path: string) => Promise<string[]>;
  /** Environment variables (cluster array-job indices for `--shard auto`); absent = none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Process id (temp-file names of atomic writes); absent = 0. */
  readonly pid?: number;
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
    drainStdout: () =>
      process.stdout.writableNeedDrain
        ? new Promise<void>((resolve) => {
            const done = (): void => {
              process.stdout.off('drain', done);
              process.stdout.off('close', done);
              resolve();
            };
            process.stdout.once('drain', done);
            process.stdout.once('close', done);
          })
        : Promise.resolve(),
    readTextFile: (path) => readFile(path, 'utf8'),
    writeTextFile: (path, text) => writeFile(path, text, 'utf8'),
    makeDir: async (path) => {
      await mkdir(path, { recursive: true });
    },
    statPath: async (path) => {
      let kind: PathInfo['kind'];
      try {
        const s = await lstat(path);
        kind = s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
        throw e;
      }
      try {
        if (kind === 'symlink') await stat(path);
        return { kind, realPath: await realpath(path) };
      } catch {
        return { kind };
      }
    },
    renameFile: (from, to) => rename(from, to),
    removeFile: (path) => unlink(path),
    listDir: (path) => readdir(path),
    env: process.env,
    pid: process.pid,
    nowMs: () => performance.now(),
  };
}
