/**
 * Terminal-safe text (issue 17): `escapeTerminal` rewrites C0 controls (except LF, TAB and the CR
 * of a CRLF), DEL, C1 controls, and the Unicode bidirectional controls used in "Trojan Source"
 * attacks (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) plus U+2028/9 as the six visible
 * characters `\uXXXX` — also a JSON string escape of the same character, so JSON stays valid and
 * decodes to the same value. Pure; used by report/table.ts (cells) and cli/safe.ts (all output).
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** `\uXXXX` for every unsafe character of `s` (see the module comment); other text unchanged. */
export function escapeTerminal(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True when `s` holds a character `escapeTerminal` would rewrite. */
export function hasUnsafeChars(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const r = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return r;
}

