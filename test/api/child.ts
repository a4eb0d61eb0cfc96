/**
 * Run a TypeScript script of test/api in a child process (`node --import tsx <script>`), so that a
 * call that kills the process (a V8 fatal error, an out-of-memory abort) or hangs fails the test
 * instead of taking vitest down. The child writes its protocol synchronously to a file (its first
 * argument; a pipe could lose the last lines or refuse a write): `call <what>` before each call, so
 * that on a crash or a timeout the last such line names the culprit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The bad values every root function and kernel is called with (issue 12 §7), with their labels. */
export const BAD_VALUES: readonly (readonly [string, unknown])[] = [
  ['undefined', undefined],
  ['null', null],
  ['{}', {}],
  ['[]', []],
  ['NaN', Number.NaN],
  ['-1', -1],
  ['"x"', 'x'],
];

export interface ChildResult {
  /** Exit code (null when killed by a signal or the timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** The child's protocol file (`call`, `problem`, `done` lines). */
  readonly stdout: string;
  readonly stderr: string;
  /** The last `call ...` line: what the child was doing when it ended. */
  readonly lastCall: string;
}

export function runChild(script: string, args: readonly string[] = [], timeoutMs = 240_000): Promise<ChildResult> {
  return new Promise((resolve) => {
    // a small heap: a runaway allocation aborts quickly (and fails the test) instead of swapping
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-api-'));
    const log = join(dir, 'protocol.log');
    const child = spawn(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', script, log, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let childOut = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (childOut += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let stdout = '';
      try {
        stdout = readFileSync(log, 'utf8');
      } catch {
        stdout = '';
      }
      rmSync(dir, { recursive: true, force: true });
      stderr += childOut;
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
