/**
 * Runs the real `phyclass` executable in a child process: the package bin `dist/cli/main.js` when
 * the build is newer than every source file (as after `npm ci`, whose `prepare` script builds), and
 * otherwise the same entry from source, `node --import tsx src/cli/main.ts`, so a stale build is
 * never tested.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtimeMs(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return newest;
}

function freshBuild(): boolean {
  try {
    return statSync(join(ROOT, 'dist', 'cli', 'main.js')).mtimeMs >= newestMtimeMs(join(ROOT, 'src'));
  } catch {
    return false;
  }
}

/** How the binary is started (decided once per test file). */
export const ENTRY: readonly string[] = freshBuild() ? ['dist/cli/main.js'] : ['--import', 'tsx', 'src/cli/main.ts'];

export interface BinResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBin(args: readonly string[], opts: { stdin?: string; cwd?: string; timeoutMs?: number } = {}): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ENTRY, ...args], {
      cwd: ROOT,
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
