/**
 * Safe output (issue 17): nothing a user typed reaches a terminal as a control sequence.
 *
 * `escapeTerminal` rewrites C0 controls (except LF, TAB and the CR of a CRLF), DEL, C1 controls,
 * and the Unicode bidirectional controls used in "Trojan Source" attacks (U+061C, U+200E/F,
 * U+202A–U+202E, U+2066–U+2069) plus the line/paragraph separators U+2028/9 as the six visible
 * characters `\uXXXX`. That spelling is also a JSON string escape of the same character, so JSON
 * output stays valid and decodes to the same value; CSV and text tables show it literally.
 * `safeIo` applies it to everything a command writes on stdout and stderr (the progress bar's own
 * line-clearing sequence is the one exception), so every command is covered, including ones added later.
 */
import type { CliIo } from './io.js';

import { escapeTerminal } from '../core/text.js';

export { escapeTerminal, hasUnsafeChars } from '../core/text.js';

/** One JSON line (no indentation) with non-finite numbers as null and unsafe characters escaped. */
export function safeJsonLine(value: unknown): string {
  return escapeTerminal(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) ?? 'null');
}

/** The progress bar's "clear this line" write, passed through as is. */
export const CLEAR_LINE = '\r\x1b[2K';

/** A progress-bar redraw (`\r...\x1b[K`, labels are program text) keeps its CR and erase-to-end; anything else is escaped. */
function progressLine(t: string): string {
  if (t === CLEAR_LINE) return t;
  if (t.startsWith('\r')) {
    const body = t.endsWith(ERASE_TO_END) ? t.slice(1, -ERASE_TO_END.length) : t.slice(1);
    return `\r${escapeTerminal(body)}${t.endsWith(ERASE_TO_END) ? ERASE_TO_END : ''}`;
  }
  return escapeTerminal(t);
}

const ERASE_TO_END = '\x1b[K';

/** `io` with stdout and stderr escaped by `escapeTerminal` (files and stdin untouched). */
export function safeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (t) => io.stdout(escapeTerminal(t)),
    stderr: (t) => io.stderr(progressLine(t)),
  };
}
