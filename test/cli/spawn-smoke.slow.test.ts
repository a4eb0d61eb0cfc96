/**
 * Spawned smoke tests of the real executable, slow tier (`npm run test:slow`, run by CI): every
 * command once with a valid invocation and once with bad input (exit 2, one stderr line), each equal
 * to the in-process run of the same arguments byte for byte (test/cli/spawn-cases.ts).
 */
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/program.js';
import { checkSpawned, SPAWN_CASES } from './spawn-cases.js';

/** The program's own command list (a new command without smoke cases fails here). */
const COMMANDS = buildProgram({ io: {} as CliIo, setExitCode: () => undefined }).commands.map((c) => c.name());

describe('phyclass executable, every command (spawned; equal to the in-process runs)', () => {
  it('each command has a valid and a bad-input case', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(15);
    for (const c of COMMANDS) {
      const kinds = SPAWN_CASES.filter(([args]) => args[0] === c).map(([, , k]) => k);
      expect(kinds, c).toContain('ok');
      expect(kinds, c).toContain('bad');
    }
  });

  it('every case through the spawned binary answers as runCli in-process', async () => {
    await checkSpawned(SPAWN_CASES);
  }, 600_000);
});
