/**
 * JSON-lines batch mode for the quick-check commands (`tbs`, `bler`, `latency`): each line of
 * standard input is one JSON object of parameters; each output line is the JSON answer, or
 * `{"line":N,"error":"..."}`. Blank lines are skipped. Other languages can drive the SDK this way
 * through a pipe. A bad line does not stop the batch; the run exits 2 with one stderr line
 * counting the bad lines.
 *
 * Streaming (issue 17): each line is answered as soon as it is read (a caller that writes one line
 * and waits gets its reply), answers are written one by one (memory does not grow with the input:
 * a 4-million-line input never becomes one string), a line longer than MAX_BATCH_LINE_CHARS is
 * answered with an error without being buffered, and at most MAX_BATCH_LINES lines are read.
 * Unknown keys are refused with the closest known key ("nSymbol: expected a known key (did you mean nSymbols?), got an unknown key").
 */
import { MAX_BATCH_LINES, MAX_BATCH_LINE_CHARS } from '../core/ranges.js';
import { unknownKeys } from '../core/keys.js';
import { EXIT_BAD_INPUT, oneLine } from './errors.js';
import { safeJsonLine } from './safe.js';
import type { CommandEnv } from './program.js';

/** Outcome of one batch item: a JSON answer or the one-line reason it could not be answered. */
export type BatchAnswer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/**
 * Splits a text stream into lines as chunks arrive: `push(chunk)` returns the lines completed by
 * the chunk, `end()` the last unterminated one. `null` stands for a line longer than `maxChars`
 * (its characters are dropped as they come, never buffered). Handles LF and CRLF.
 */
export function lineSplitter(maxChars: number): { push: (chunk: string) => (string | null)[]; end: () => (string | null)[] } {
  let buf = '';
  let tooLong = false;
  const strip = (l: string): string => (l.endsWith('\r') ? l.slice(0, -1) : l);
  return {
    push: (chunk) => {
      const out: (string | null)[] = [];
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf('\n', start);
        const piece = nl < 0 ? chunk.slice(start) : chunk.slice(start, nl);
        if (!tooLong) {
          if (buf.length + piece.length > maxChars + 1) {
            tooLong = true;
            buf = '';
          } else buf += piece;
        }
        if (nl < 0) return out;
        out.push(tooLong ? null : strip(buf));
        buf = '';
        tooLong = false;
        start = nl + 1;
      }
    },
    end: () => (tooLong ? [null] : buf !== '' ? [strip(buf)] : []),
  };
}

/** Lines of a chunk stream (see `lineSplitter`), one array per chunk. */
export async function* streamLines(chunks: AsyncIterable<string>, maxChars: number): AsyncGenerator<(string | null)[]> {
  const sp = lineSplitter(maxChars);
  for await (const chunk of chunks) yield sp.push(chunk);
  yield sp.end();
}

/** Standard input as chunks: the streaming reader when the CliIo has one, else its whole text in pieces. */
async function* stdinChunks(env: CommandEnv): AsyncGenerator<string> {
  if (env.io.stdinChunks !== undefined) {
    yield* env.io.stdinChunks();
    return;
  }
  const text = await env.io.readStdin();
  for (let i = 0; i < text.length; i += 65_536) yield text.slice(i, i + 65_536);
}

/** Answer one line's text. */
function answerLine(line: string, answer: (params: Readonly<Record<string, unknown>>) => BatchAnswer, knownKeys: readonly string[] | undefined): BatchAnswer {
  try {
    const u = JSON.parse(line) as unknown;
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return { ok: false, error: 'expected a JSON object of parameters' };
    const o = u as Record<string, unknown>;
    if (knownKeys !== undefined) {
      const unknown = unknownKeys(o, knownKeys);
      if (unknown.length > 0) return { ok: false, error: unknown.join('; ') };
    }
    return answer(o);
  } catch (e) {
    return { ok: false, error: e instanceof Error && e.name === 'SyntaxError' ? `malformed JSON (${e.message})` : String(e instanceof Error ? e.message : e) };
  }
}

/** Run `answer` on every JSON line of stdin, writing each answer as soon as its input chunk is done. */
export async function runJsonLines(
  env: CommandEnv,
  answer: (params: Readonly<Record<string, unknown>>) => BatchAnswer,
  knownKeys?: readonly string[],
): Promise<void> {
  let bad = 0;
  let firstBad = '';
  let n = 0;
  // Answers of one input chunk (at most ~64 kB of input) are written together before the next
  // chunk is awaited: a caller that writes one line and waits gets its reply.
  let pending: string[] = [];
  const fail = (error: string): void => {
    bad++;
    if (firstBad === '') firstBad = `line ${n}: ${oneLine(error)}`;
    pending.push(`${safeJsonLine({ line: n, error })}\n`);
  };
  /** Answer one line; false once the line budget is spent. */
  const handle = (raw: string | null): boolean => {
    n++;
    if (n > MAX_BATCH_LINES) {
      fail(`more than ${MAX_BATCH_LINES} lines (core/ranges MAX_BATCH_LINES): the rest of the input is not read`);
      return false;
    }
    if (raw === null) {
      fail(`line longer than ${MAX_BATCH_LINE_CHARS} characters (core/ranges MAX_BATCH_LINE_CHARS)`);
      return true;
    }
    const line = raw.trim();
    if (line === '') return true;
    const res = answerLine(line, answer, knownKeys);
    if (res.ok) pending.push(`${safeJsonLine(res.value)}\n`);
    else fail(res.error);
    return true;
  };
  for await (const lines of streamLines(stdinChunks(env), MAX_BATCH_LINE_CHARS)) {
    const more = lines.every(handle);
    if (pending.length > 0) env.io.stdout(pending.join(''));
    pending = [];
    if (env.io.drainStdout !== undefined) await env.io.drainStdout(); // a slow reader slows us, memory stays flat
    if (!more) break;
  }
  if (bad > 0) {
    env.io.stderr(`phyclass: ${bad} bad input line${bad === 1 ? '' : 's'} (first: ${firstBad.replace(/\s*\n\s*/g, '; ')})\n`);
    env.setExitCode(EXIT_BAD_INPUT);
  }
}
