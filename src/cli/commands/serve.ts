/**
 * `phyclass serve`: one long-lived process speaking newline-delimited JSON on stdin/stdout
 * (issue 16 §4). Each line `{"id", "method", "params"}` is answered by one line
 * `{"id", "result"}` (plus `"unmet": true` when the CLI would exit 1) or
 * `{"id", "error": {"code", "message", "field"}}`, written as soon as that line is processed — not
 * when stdin closes. Lines are handled one at a time, in order. A bad line (not UTF-8, not JSON,
 * longer than the limit, unknown method, bad params) gets exactly one error line and the server
 * keeps going; no stack trace is ever printed. The methods and their params are in
 * `src/cli/methods.ts` (`describe` lists them); results are the CLI's `--json` values.
 */
import type { Command } from 'commander';
import { parseIntArg } from '../args.js';
import { MethodError, callMethod, newSession, type Session } from '../methods.js';
import type { CommandEnv } from '../program.js';

/** Default longest accepted line, bytes (a scenario or a service list fits well within it). */
export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

/** The error object of a failed request. */
export interface ServeError {
  readonly code: string;
  readonly message: string;
  readonly field: string | null;
}

const REQUEST_KEYS = new Set(['id', 'method', 'params']);

/** JSON text with non-finite numbers as null (as the CLI's `--json`), on one line. */
function jsonLine(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}

function errorLine(id: unknown, code: string, message: string, field: string | null): string {
  const e: ServeError = { code, message: message.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '').join('; '), field };
  return jsonLine({ id, error: e });
}

/** Deepest nesting of arrays/objects accepted in params (the decoders recurse). */
export const MAX_PARAMS_DEPTH = 64;

/** True when `u` nests arrays/objects deeper than `max` (iterative: any depth is safe to check). */
function depthOver(u: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[u, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (typeof x === 'object' && x !== null) stack.push([x, d + 1]);
  }
  return false;
}

const isId = (u: unknown): boolean => u === null || typeof u === 'string' || (typeof u === 'number' && Number.isFinite(u));

/** Answer one request line (its bytes, without the newline). Never throws. */
export async function answerLine(bytes: Uint8Array, session: Session): Promise<string> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return errorLine(null, 'invalid-utf8', 'the line is not valid UTF-8', null);
  }
  let u: unknown;
  try {
    u = JSON.parse(text) as unknown;
  } catch (e) {
    return errorLine(null, 'parse-error', `malformed JSON (${e instanceof Error ? e.message.slice(0, 120) : 'unparsable'})`, null);
  }
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return errorLine(null, 'invalid-request', 'expected a JSON object {"id", "method", "params"}', null);
  const req = u as Record<string, unknown>;
  const id = req['id'] ?? null;
  if (!isId(id)) return errorLine(null, 'invalid-request', 'id: expected a string, a number or null', 'id');
  for (const k of Object.keys(req)) if (!REQUEST_KEYS.has(k)) return errorLine(id, 'invalid-request', `${k.slice(0, 60)}: unknown request field (allowed: id, method, params)`, k.slice(0, 60));
  const method = req['method'];
  if (typeof method !== 'string') return errorLine(id, 'invalid-request', 'method: expected a method name (see "describe")', 'method');
  const params = req['params'] ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return errorLine(id, 'invalid-params', 'params: expected a JSON object', 'params');
  if (depthOver(params, MAX_PARAMS_DEPTH)) return errorLine(id, 'invalid-params', `params: nested deeper than ${MAX_PARAMS_DEPTH} levels`, 'params');
  try {
    const r = await callMethod(method, params as Record<string, unknown>, session);
    return jsonLine(r.unmet ? { id, result: r.result, unmet: true } : { id, result: r.result });
  } catch (e) {
    if (e instanceof MethodError) return errorLine(id, e.code, e.message, e.field);
    return errorLine(id, 'internal-error', 'internal error (please report)', null);
  }
}

/** Counters of one serve run. */
export interface ServeStats {
  requests: number;
  errors: number;
}

/**
 * The serve loop: read chunks, cut lines at '\n' (a trailing '\r' is dropped, blank lines are
 * skipped), answer each complete line before reading on, and write the answer at once. A line
 * longer than `maxLineBytes` is answered with one `line-too-long` error as soon as the limit is
 * passed, and its rest is discarded up to the next newline.
 */
export async function serveLoop(
  input: AsyncIterable<Uint8Array | string>,
  write: (line: string) => void,
  opts: { readonly maxLineBytes?: number; readonly session?: Session } = {},
): Promise<ServeStats> {
  const max = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const session = opts.session ?? newSession();
  const stats: ServeStats = { requests: 0, errors: 0 };
  let parts: Uint8Array[] = [];
  let size = 0;
  let discarding = false;
  const enc = new TextEncoder();
  const answer = async (line: Uint8Array): Promise<void> => {
    let end = line.length;
    if (end > 0 && line[end - 1] === 0x0d) end--;
    let blank = true;
    for (let i = 0; i < end; i++) {
      const b = line[i] as number;
      if (b !== 0x20 && b !== 0x09) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    stats.requests++;
    const out = await answerLine(line.subarray(0, end), session);
    if (out.includes('"error":{')) stats.errors++;
    write(`${out}\n`);
  };
  const tooLong = (): void => {
    stats.requests++;
    stats.errors++;
    write(`${errorLine(null, 'line-too-long', `line longer than ${max} bytes: ignored up to its newline`, null)}\n`);
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? enc.encode(chunk) : chunk;
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(0x0a, start);
      const stop = nl === -1 ? buf.length : nl;
      if (!discarding) {
        const piece = buf.subarray(start, stop);
        if (size + piece.length > max) {
          discarding = true;
          parts = [];
          size = 0;
          tooLong();
        } else if (piece.length > 0) {
          parts.push(piece.slice());
          size += piece.length;
        }
      }
      if (nl === -1) break;
      if (discarding) discarding = false;
      else {
        const line = parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts, size);
        parts = [];
        size = 0;
        await answer(line);
      }
      start = nl + 1;
    }
  }
  if (!discarding && size > 0) await answer(concat(parts, size));
  return stats;
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function registerServe(program: Command, env: CommandEnv): void {
  program
    .command('serve')
    .description('long-lived newline-delimited JSON server on stdin/stdout (one answer per line, as it is processed)')
    .option('--max-line-bytes <n>', 'longest accepted request line, bytes', String(DEFAULT_MAX_LINE_BYTES))
    .addHelpText(
      'after',
      `
Protocol: one JSON object per line {"id": 1, "method": "plan", "params": {"service": "teleop.haptic_feedback"}}
answered by {"id": 1, "result": {...}} (the value 'phyclass plan ... --json' prints; "unmet": true when the
CLI would exit 1) or {"id": 1, "error": {"code", "message", "field"}}. "describe" lists the methods.
Examples:
  $ echo '{"id":1,"method":"tbs","params":{"mcs":27,"nPrb":273,"mcsTable":"qam256"}}' | phyclass serve
  $ python3 clients/python/phyclass_client.py`,
    )
    .action(async (o: Record<string, unknown>) => {
      const max = parseIntArg('--max-line-bytes', String(o['maxLineBytes']), 1024, 1 << 30);
      // the serve loop reads the process's stdin as a stream (CliIo offers only the whole of it)
      await serveLoop(process.stdin, (line) => env.io.stdout(line), { maxLineBytes: max });
    });
}
