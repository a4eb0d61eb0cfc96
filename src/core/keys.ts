/**
 * Unknown-key detection for outside input: a misspelled field (`nSymbol`, `grnt`) must be refused
 * with the closest known key ("did you mean nSymbols?"), never silently replaced by a default.
 * Closeness is the Damerau–Levenshtein (optimal string alignment) distance, case-insensitive.
 */

/** Optimal string alignment distance between a and b (case-insensitive), capped at 64-character inputs. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase().slice(0, 64);
  const t = b.toLowerCase().slice(0, 64);
  const m = s.length;
  const n = t.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** The known key closest to `key`, or undefined when none is within a third of its length (at least 2 edits). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (bestD <= Math.max(2, Math.floor(key.length / 3))) return best;
  if (key.length < 3) return undefined;
  // A known key with a unit suffix the user left out or misspelled: `bandwith` -> `bandwidthMHz`.
  let bestP: string | undefined;
  let bestPd = Infinity;
  for (const k of known) {
    for (let len = key.length - 1; len <= key.length + 1; len++) {
      const d = editDistance(key, k.slice(0, len));
      if (d < bestPd) {
        bestPd = d;
        bestP = k;
      }
    }
  }
  return bestPd <= 1 ? bestP : undefined;
}

/**
 * One message per key of `o` that is not in `known`, in the one error format `path: expected …,
 * got …`: `<where>nSymbol: expected a known key (did you mean nSymbols?), got an unknown key`, in key
 * order. Keys that are not plain identifiers are shown JSON-quoted (`:` as `\u003a`, so a line always
 * splits at its first colon); without a close key the message lists (up to 12 of) the known keys.
 */
export function unknownKeys(o: Readonly<Record<string, unknown>>, known: readonly string[], where = ''): string[] {
  const out: string[] = [];
  for (const k of Object.keys(o)) {
    if (known.includes(k)) continue;
    const name = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(k) ? k : JSON.stringify(k.length > 64 ? `${k.slice(0, 61)}...` : k).replace(/:/g, '\\u003a');
    const near = closestKey(k, known);
    const hint = near === undefined ? `one of ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''}` : `did you mean ${near}?`;
    out.push(`${where}${name}: expected a known key (${hint}), got an unknown key`);
  }
  return out;
}
