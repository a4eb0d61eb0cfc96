/**
 * Progress on stderr, drawn only when stderr is a terminal (never in pipes, files or CI), redrawn
 * at most 10 times a second: `simulate [#########-----------] 45% 45000/100000 slots 3.1 s, ~3.8 s left`.
 *
 * Reusable by any long command (issue 17): `progressBar(io, label, unit)` for a known total
 * (`update(done, total)`, or `fraction(f)` when the work is measured in finer units than it is
 * counted — a campaign's runs advance slot by slot), and `countProgress(io, label, unit, total)`
 * for loops over items (`tick()` per item, e.g. `classes` over many services). Both end with
 * `finish()`, which clears the line before results are printed.
 */
import type { CliIo } from './io.js';

/** A progress display: quiet objects off a terminal. */
export interface Progress {
  /** `done` of `total` units finished. */
  readonly update: (done: number, total: number) => void;
  /** Progress as a fraction in [0, 1] of the total last given to `update` (or of `total` of countProgress). */
  readonly fraction: (f: number) => void;
  /** Clear the bar line (call before printing results). */
  readonly finish: () => void;
}

const QUIET: Progress = { update: () => undefined, fraction: () => undefined, finish: () => undefined };

function seconds(s: number): string {
  return s >= 90 ? `${Math.round(s / 60)} min` : `${s.toFixed(1)} s`;
}

export function progressBar(io: CliIo, label: string, unit = 'slots'): Progress {
  if (!io.stderrIsTTY) return QUIET;
  const t0 = io.nowMs();
  let last = -Infinity;
  let drawn = false;
  let knownTotal = 0;
  const width = Math.max(10, Math.min(40, io.stderrColumns - label.length - 52));
  const draw = (f: number, counted: string): void => {
    const now = io.nowMs();
    if (now - last < 100 && f < 1) return;
    last = now;
    const g = Math.max(0, Math.min(1, Number.isFinite(f) ? f : 0));
    const fill = Math.round(g * width);
    const elapsed = (now - t0) / 1000;
    const eta = g > 0.01 && g < 1 ? `, ~${seconds((elapsed * (1 - g)) / g)} left` : '';
    io.stderr(`\r${label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${Math.floor(g * 100)}% ${counted} ${seconds(elapsed)}${eta}\x1b[K`);
    drawn = true;
  };
  return {
    update: (done, total) => {
      knownTotal = total;
      draw(total > 0 ? done / total : 1, `${done}/${total} ${unit}`);
    },
    fraction: (f) => draw(f, knownTotal > 0 ? `${Math.floor(f * knownTotal)}/${knownTotal} ${unit}` : unit),
    finish: () => {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}

/** A bar over `total` items advanced by `tick()`; quiet unless stderr is a terminal. */
export function countProgress(io: CliIo, label: string, unit: string, total: number): { readonly tick: (n?: number) => void; readonly finish: () => void } {
  const bar = progressBar(io, label, unit);
  let done = 0;
  if (io.stderrIsTTY) bar.update(0, total);
  return {
    tick: (n = 1) => {
      done += n;
      bar.update(Math.min(done, total), total);
    },
    finish: bar.finish,
  };
}
