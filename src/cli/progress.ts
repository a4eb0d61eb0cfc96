/**
 * A progress bar on stderr, drawn only when stderr is a terminal (never in pipes, files or CI),
 * redrawn at most 10 times a second: `simulate [#########-----------] 45% 45000/100000 slots 3.1 s`.
 */
import type { CliIo } from './io.js';

export interface Progress {
  readonly update: (done: number, total: number) => void;
  /** Clear the bar line (call before printing results). */
  readonly finish: () => void;
}

export function progressBar(io: CliIo, label: string, unit = 'slots'): Progress {
  if (!io.stderrIsTTY) return { update: () => undefined, finish: () => undefined };
  const t0 = io.nowMs();
  let last = -Infinity;
  let drawn = false;
  const width = Math.max(10, Math.min(40, io.stderrColumns - label.length - 40));
  return {
    update: (done, total) => {
      const now = io.nowMs();
      if (now - last < 100 && done < total) return;
      last = now;
      const f = total > 0 ? Math.min(1, done / total) : 1;
      const fill = Math.round(f * width);
      io.stderr(`\r${label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${Math.floor(f * 100)}% ${done}/${total} ${unit} ${((now - t0) / 1000).toFixed(1)} s`);
      drawn = true;
    },
    finish: () => {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}
