/**
 * The package's build contract (package.json, scripts/bundle-cli.mjs):
 * - `sideEffects` lists every module that some module imports for its side effect alone (a bare
 *   `import '...';`), so a bundler — ours for the executable, or a user's — keeps it; every other
 *   module is free of import-time effects as far as bundlers are told;
 * - the executable (`bin`) is the bundle: after a build, its files import only Node built-ins, their
 *   own chunks and the three packages left external (vega, vega-lite, mathjs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ENTRY, ROOT } from '../cli/run-bin.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { sideEffects: string[]; bin: Record<string, string> };

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('package.json', () => {
  it('sideEffects lists exactly the modules imported for their side effect', () => {
    const bare = new Set<string>();
    for (const f of tsFiles(join(ROOT, 'src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/^import '(\.[^']+)';/gm)) {
        const target = resolve(dirname(f), m[1]!); // …/src/x/y.js
        bare.add(`./dist/${relative(join(ROOT, 'src'), target)}`);
      }
    }
    expect(bare.size).toBeGreaterThan(0); // scenario.ts imports codecs/known-keys.js for its registrations
    expect([...bare].sort()).toEqual([...pkg.sideEffects].sort());
  });

  it('the executable is the bundle', () => {
    expect(pkg.bin['phyclass']).toBe(`./${BIN}`);
  });

  // after a build (as after `npm ci`): the bundle's files reach no other package than the externals
  it.skipIf(ENTRY[0] !== BIN)('the bundle imports only Node built-ins, its own chunks, vega, vega-lite and mathjs', () => {
    const dir = join(ROOT, dirname(BIN));
    const seen = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.js'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/(?:^import[^'"\n]*|^export[^'"\n]* from |\bimport\()\s*["']([^"']+)["']/gm)) seen.add(m[1]!);
    }
    const outside = [...seen].filter((s) => !s.startsWith('node:') && !s.startsWith('./') && !['vega', 'vega-lite', 'mathjs'].includes(s));
    expect(outside).toEqual([]);
    expect([...seen].some((s) => s.startsWith('./chunk-'))).toBe(true);
  });
});
