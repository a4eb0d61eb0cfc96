/**
 * Run a TypeScript script of test/api in a child process (`node --import tsx <script>`), so that a
 * call that kills the process (a V8 fatal error, an out-of-memory abort) or hangs fails the test
 * instead of taking vitest down. The child prints `call <what>` before each call; on a crash or a
 * timeout the last such line names the culprit.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildResult {
  /** Exit code (null when killed by a signal or the timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** The last `call ...` line: what the child was doing when it ended. */
  readonly lastCall: string;
}

export function runChild(script: string, args: readonly string[] = [], timeoutMs = 240_000): Promise<ChildResult> {
  return new Promise((resolve) => {
    // a small heap: a runaway allocation aborts quickly (and fails the test) instead of swapping
    const child = spawn(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const calls = stdout.split('\n').filter((l) => l.startsWith('call '));
      resolve({ code, signal, timedOut, stdout, stderr, lastCall: calls[calls.length - 1] ?? '(none)' });
    });
  });
}

/** The `problem {...}` lines of a child's stdout, parsed. */
export function problems(stdout: string): { name: string; label: string; what: string }[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('problem '))
    .map((l) => JSON.parse(l.slice('problem '.length)) as { name: string; label: string; what: string });
}
