/**
 * Runs `phyclass` for the CLI tests, in one of two ways:
 *
 * - `runBin` (the default): in-process, through the same `runCli(argv, io)` that `main.ts` calls,
 *   with a `CliIo` that captures stdout/stderr, serves `stdin` and resolves relative paths against
 *   the run's cwd. No process start and no module import per call (issue 18: spawning the binary
 *   cost ~29 s of the suite). With PHYCLASS_TEST_SPAWN=1 (by hand; neither tier sets it) every
 *   `runBin` spawns the real executable instead.
 * - `spawnBin`: the real executable in a child process — the package bin `dist/bundle/phyclass.js`
 *   (the bundled CLI, scripts/bundle-cli.mjs) when the build is newer than every source file (as after
 *   `npm ci`, whose `prepare` script builds), and otherwise the same entry from source,
 *   `node --import tsx src/cli/main.ts`, so a stale build is never tested. test/cli/spawn-cases.ts spawns every command with a valid and a bad input
 *   (a few in the fast tier, all in the slow tier).
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtimeMs(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return newest;
}

/** The package bin (package.json `bin`): the bundle of the compiled CLI. */
export const BIN = join('dist', 'bundle', 'phyclass.js');

function freshBuild(): boolean {
  try {
    return statSync(join(ROOT, BIN)).mtimeMs >= newestMtimeMs(join(ROOT, 'src'));
  } catch {
    return false;
  }
}

/** How the binary is started (decided once per test file). */
export const ENTRY: readonly string[] = freshBuild() ? [BIN] : ['--import', 'tsx', 'src/cli/main.ts'];

export interface BinResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a run: standard input, working directory (default the repository root), time limit. */
export interface BinOptions {
  readonly stdin?: string;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/** Every `runBin` spawns the executable (PHYCLASS_TEST_SPAWN=1, by hand). */
export const SPAWN_ALL = process.env['PHYCLASS_TEST_SPAWN'] === '1';

/** Run the CLI: in-process (default) or spawned (PHYCLASS_TEST_SPAWN=1); same result shape. */
export function runBin(args: readonly string[], opts: BinOptions = {}): Promise<BinResult> {
  return SPAWN_ALL ? spawnBin(args, opts) : runInProcess(args, opts);
}

/** `runCli` in this process with captured streams; exit code as the executable would return it. */
export async function runInProcess(args: readonly string[], opts: BinOptions = {}): Promise<BinResult> {
  const { runCli } = await import('../../src/cli/program.js');
  const cwd = opts.cwd ?? ROOT;
  const at = (p: string): string => (isAbsolute(p) ? p : resolvePath(cwd, p));
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stderrColumns: 80,
    readStdin: () => Promise.resolve(opts.stdin ?? ''),
    readTextFile: (p) => readFile(at(p), 'utf8'),
    writeTextFile: (p, text) => writeFile(at(p), text, 'utf8'),
    makeDir: async (p) => {
      await mkdir(at(p), { recursive: true });
    },
    nowMs: () => performance.now(),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** The real executable in a child process (see the header for which entry). */
export function spawnBin(args: readonly string[], opts: BinOptions = {}): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ENTRY, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`phyclass ${args.join(' ')}: timed out`));
    }, opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The stderr of a bad-input run: exactly one line, no stack trace. */
export function oneErrorLine(r: BinResult): string {
  const lines = r.stderr.split('\n').filter((l) => l.length > 0);
  if (lines.length !== 1) throw new Error(`expected one stderr line, got ${lines.length}: ${r.stderr}`);
  const line = lines[0] as string;
  if (/\bat .*:\d+:\d+\)?$/.test(line) || /Error:/.test(line)) throw new Error(`stack-trace-like stderr: ${line}`);
  return line;
}
