/**
 * Runner behind `npm run example -- <name>`: imports examples/<name>.ts and runs its `main()`.
 * Exit 0 when the example's own checks pass, 1 when one fails, 2 for an unknown name.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExampleMain } from './check.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
export const EXAMPLES: readonly string[] = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'check.ts'].includes(f))
  .map((f) => f.slice(0, -3))
  .sort();

const name = process.argv[2];
if (name === undefined || !EXAMPLES.includes(name)) {
  process.stderr.write(`usage: npm run example -- <name>   (one of: ${EXAMPLES.join(', ')})\n`);
  process.exit(name === undefined ? 0 : 2);
}
try {
  const mod = (await import(`./${name}.js`)) as { main: ExampleMain };
  await mod.main();
} catch (e) {
  process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
