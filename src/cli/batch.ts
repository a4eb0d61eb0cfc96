/**
 * JSON-lines batch mode for the quick-check commands (`tbs`, `bler`, `latency`): each line of
 * standard input is one JSON object of parameters; each output line is the JSON answer, or
 * `{"line":N,"error":"..."}`. Blank lines are skipped. Other languages can drive the SDK this way
 * through a pipe. A bad line does not stop the batch; the run exits 2 with one stderr line
 * counting the bad lines.
 */
import { EXIT_BAD_INPUT } from './errors.js';
import type { CommandEnv } from './program.js';

/** Outcome of one batch item: a JSON answer or the one-line reason it could not be answered. */
export type BatchAnswer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** Run `answer` on every JSON line of stdin. */
export async function runJsonLines(env: CommandEnv, answer: (params: Readonly<Record<string, unknown>>) => BatchAnswer): Promise<void> {
  const text = await env.io.readStdin();
  const lines = text.split(/\r?\n/);
  let bad = 0;
  let firstBad = '';
  const out: string[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let res: BatchAnswer;
    try {
      const u = JSON.parse(line) as unknown;
      res =
        typeof u === 'object' && u !== null && !Array.isArray(u)
          ? answer(u as Record<string, unknown>)
          : { ok: false, error: 'expected a JSON object of parameters' };
    } catch (e) {
      res = { ok: false, error: e instanceof Error && e.name === 'SyntaxError' ? `malformed JSON (${e.message})` : String(e instanceof Error ? e.message : e) };
    }
    if (res.ok) out.push(JSON.stringify(res.value));
    else {
      bad++;
      if (firstBad === '') firstBad = `line ${i + 1}: ${res.error}`;
      out.push(JSON.stringify({ line: i + 1, error: res.error }));
    }
  });
  env.io.stdout(out.length > 0 ? `${out.join('\n')}\n` : '');
  if (bad > 0) {
    env.io.stderr(`phyclass: ${bad} bad input line${bad === 1 ? '' : 's'} (first: ${firstBad.replace(/\s*\n\s*/g, '; ')})\n`);
    env.setExitCode(EXIT_BAD_INPUT);
  }
}
