/**
 * The `phyclass` executable as one bundled program (issue 18, cold work): `dist/bundle/phyclass.js`
 * (the package `bin`) and `dist/bundle/campaign-worker.js` (the campaign's worker threads), built
 * from the compiled `dist/` by esbuild after `tsc` (`npm run build`, and `prepare` on `npm ci`).
 *
 * Why: a CLI process opened 414 files (dist/, ~100 small @stdlib packages, fp-ts, commander) and
 * spent ~0.5 s of CPU on module loading before it did anything; bundled, start-up is ~0.23 s
 * (spec/benchmarks.md, sixth pass). The library entry points (`exports`) stay the unbundled dist/.
 *
 * - `splitting`: the commands' lazy imports (simulator, campaign, stack export, ...) stay lazy, as
 *   chunks loaded on first use.
 * - external: vega and vega-lite (plots, loaded on demand) and mathjs (unit strings, loaded on demand
 *   through createRequire) are resolved from node_modules at run time, as before.
 * - `require` is defined in each chunk (banner) for the bundled CommonJS packages' own requires of
 *   Node built-ins.
 * - package.json `sideEffects` lists the one module imported for its side effect
 *   (dist/codecs/known-keys.js), so the bundler keeps it (test/api/package.test.ts).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { phyclass: 'dist/cli/main.js', 'campaign-worker': 'dist/scheduler/campaign-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['vega', 'vega-lite', 'mathjs'],
  banner: { js: "import { createRequire as __phyclassCreateRequire } from 'node:module'; const require = __phyclassCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
