/**
 * Issue 17 item 8: fuzzing (10,000 runs per property in the slow tier, 200 in `npm test`: see
 * test/support/fc-runs.ts). Every decoder of outside input takes 10,000 arbitrary values
 * (fc.anything: BigInt, Map, typed arrays, null prototypes; arbitrary JSON; and mutations of a valid
 * scenario) without throwing, answering an Either; every CLI command takes 10,000 runs of arbitrary
 * arguments, files and stdin in-process (`runCli` with an in-memory CliIo, only that command
 * registered) with no throw escaping, no exit 3, and no raw control or bidi character on stdout or
 * stderr. Runs that would do real work (planning the catalogue, simulating) are kept out by giving
 * the heavy commands arbitrary JSON where they read a scenario or services, so the whole file stays
 * well under a minute on a busy machine.
 */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CommandEnv, type RegisterCommand } from '../../src/cli/program.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { hasUnsafeChars } from '../../src/cli/safe.js';
import { decodeScenario, buildSimulation } from '../../src/scheduler/scenario.js';
import { decodeLinkContext } from '../../src/classes/link.js';
import { decodeServiceProfile, decodeServices } from '../../src/codecs/service.js';
import { parseBits, parseBytes, parseEpsilon, parseKHz, parseMHz, parseMs } from '../../src/codecs/quantity.js';
import { transportBlockSize } from '../../src/nr/tbs.js';
import { occasionGrid, tryUserPlaneLatency } from '../../src/link/latency.js';
import { tbsAnswer } from '../../src/cli/commands/tbs.js';
import { blerAnswer } from '../../src/cli/commands/bler.js';
import { latencyAnswer } from '../../src/cli/commands/latency.js';
import { campaignFingerprint, parseShard } from '../../src/scheduler/campaign.js';
import { shardFromEnvironment } from '../../src/cli/shard.js';
import { unknownKeyErrors } from '../../src/codecs/strict.js';
import { ScenarioCodec } from '../../src/scheduler/scenario.js';
import { memoryIo } from '../robust/io.js';
import { fcRuns } from '../support/fc-runs.js';

/** 10,000 runs each in the slow tier (PHYCLASS_FC_FULL=1, `npm run test:slow`, run by CI); 200 in `npm test`. */
const RUNS = fcRuns(10_000, 50);
const MIXED = JSON.parse(readFileSync('examples/scenarios/mixed.json', 'utf8')) as unknown;

// Stack traces are not part of any answer; capturing them for 100,000 bad-input errors is most of the time.
let stackLimit = Error.stackTraceLimit;
beforeAll(() => {
  stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
});
afterAll(() => {
  Error.stackTraceLimit = stackLimit;
});

const isEither = (r: unknown): boolean => {
  if (typeof r !== 'object' || r === null) return false;
  const e = r as E.Either<{ message?: unknown } | string, unknown>;
  if (E.isRight(e)) return true;
  if (!E.isLeft(e)) return false;
  return typeof e.left === 'string' ? e.left.length > 0 : typeof e.left.message === 'string' && e.left.message.length > 0;
};

/** A valid scenario with one field somewhere replaced by an arbitrary JSON value (or deleted). */
const mutatedScenario = fc
  .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
  .map(([picks, value]) => {
    const root = structuredClone(MIXED) as Record<string, unknown>;
    let node: Record<string, unknown> | unknown[] = root;
    for (let d = 0; d < picks.length; d++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const k = keys[picks[d]! % keys.length]!;
      const child = (node as Record<string, unknown>)[k];
      if (d === picks.length - 1 || typeof child !== 'object' || child === null) {
        if (value === undefined) delete (node as Record<string, unknown>)[k];
        else (node as Record<string, unknown>)[k] = value;
        break;
      }
      node = child as Record<string, unknown>;
    }
    return root;
  });

const anyInput = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 6, withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withBoxedValues: true }),
  fc.jsonValue({ maxDepth: 3 }),
);
const safeString = (u: unknown): string => {
  try {
    return String(u);
  } catch {
    return '';
  }
};

describe('decoders never throw (10,000 runs each)', () => {
  const decoders: [string, (u: unknown) => unknown][] = [
    ['decodeScenario', decodeScenario],
    ['decodeLinkContext', decodeLinkContext],
    ['decodeServiceProfile', decodeServiceProfile],
    ['decodeServices', decodeServices],
    ['parseBits', (u) => parseBits(u)],
    ['parseBytes', (u) => parseBytes(u)],
    ['parseMs', (u) => parseMs(u)],
    ['parseMHz', (u) => parseMHz(u)],
    ['parseKHz', (u) => parseKHz(u)],
    ['parseEpsilon', (u) => parseEpsilon(u)],
    ['transportBlockSize', (u) => transportBlockSize(u as never)],
    ['tryUserPlaneLatency', (u) => tryUserPlaneLatency(u as never)],
    ['tbs --batch line', (u) => tbsAnswer({ mcsTable: 'qam64', nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1, ...(typeof u === 'object' && u !== null ? u : {}) } as never)],
    ['bler --batch line', (u) => blerAnswer((typeof u === 'object' && u !== null ? u : {}) as Record<string, unknown>)],
    ['latency --batch line', (u) => latencyAnswer(u as never)],
    ['campaignFingerprint', (u) => campaignFingerprint({ scenario: u, seeds: [1] })],
    ['parseShard', (u) => parseShard(safeString(u))],
    ['shardFromEnvironment', (u) => shardFromEnvironment((typeof u === 'object' && u !== null ? u : {}) as Record<string, string>)],
  ];
  it.each(decoders)('%s', (_name, f) => {
    fc.assert(
      fc.property(anyInput, (u) => {
        expect(isEither(f(u))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
  it('unknownKeyErrors answers a list of lines', () => {
    fc.assert(fc.property(fc.oneof(anyInput, mutatedScenario), (u) => Array.isArray(unknownKeyErrors(ScenarioCodec, u))), { numRuns: RUNS });
  });
  it('occasionGrid ends on any TTI length (0, negative, NaN included)', () => {
    fc.assert(
      fc.property(fc.constantFrom('DL', 'UL'), fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double()), fc.constantFrom('FDD', 'TDD'), fc.string({ maxLength: 12 }), (d, tti, dup, pat) => {
        const g = occasionGrid(d as 'DL', tti, dup as 'FDD', pat);
        expect(g.starts.length).toBe(g.worst.length);
      }),
      { numRuns: RUNS },
    );
  });
  it('buildSimulation on mutations of a valid scenario: an Either, never a throw', () => {
    fc.assert(fc.property(mutatedScenario, (s) => isEither(buildSimulation(s))), { numRuns: RUNS });
  }, 120_000);
});

/** Name, options and sub-commands of one registered command. */
function shapeOf(register: RegisterCommand): { name: string; longs: string[]; subs: string[] } {
  const p = new Command('phyclass');
  const env: CommandEnv = { io: memoryIo().io, setExitCode: () => undefined };
  register(p, env);
  const c = p.commands[0]!;
  const longs = [...c.options, ...c.commands.flatMap((s) => s.options)].map((o) => o.long).filter((x): x is string => x !== undefined);
  return { name: c.name(), longs, subs: c.commands.map((s) => s.name()) };
}

/** Commands that plan or simulate when their input is valid: they read arbitrary JSON where it matters. */
const HEAVY: Readonly<Record<string, readonly string[]>> = {
  classes: ['--services', 'in.json'],
  plan: ['in.json'],
  report: ['--services', 'in.json', '--slots', '0'],
  simulate: ['in.json'],
  campaign: ['in.json'],
  export: ['--plan', 'in.json'],
  codesign: ['in.json'],
};
/** Commands this file knows to be safe to run 10,000 times in-process; others get fewer runs (a new command's author sets its place here). */
const KNOWN = new Set(['classes', 'plan', 'services', 'table1', 'tbs', 'bler', 'latency', 'simulate', 'campaign', 'report', 'export', 'codesign']);

const nastyText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('\u202eevil', '=HYPERLINK("x")', '\u001b[31m', 'x\u0007y', '\u2066', '-', '', ' ', 'auto', '0/2', '3/2', '1..3', '9..2', 'NaN', '1e309', '-0', '25 kB', '5 ms', '20 MHz', '99.999 %', 'in.json', 'missing.json', '/dev/null/x', 'qam256', 'edf', 'DDDSU'),
  fc.integer({ min: -5, max: 300 }).map(String),
  fc.double().map(String),
);

/** Commands not fuzzed here: `serve` reads the process's own stdin (not the CliIo), so it is fuzzed through the binary in test/cli/serve.test.ts. */
const NOT_IN_PROCESS = new Set(['serve']);

describe('every CLI command, in-process (10,000 runs each)', () => {
  for (const register of COMMANDS) {
    const { name, longs: all, subs } = shapeOf(register);
    if (NOT_IN_PROCESS.has(name)) continue;
    // `table1 --classes` plans every service at every size decade (seconds): covered by test/cli, not 10,000 times here.
    const longs = name === 'table1' ? all.filter((l) => l !== '--classes') : all;
    const runs = KNOWN.has(name) ? RUNS : 200;
    it(`${name}: no throw, no exit 3, no raw control characters`, async () => {
      const token = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...longs, '--json', '--csv', '--help') }, { weight: 4, arbitrary: nastyText }, { weight: 1, arbitrary: fc.constantFrom(...(subs.length > 0 ? subs : ['x'])) });
      const arb = fc.record({
        args: fc.array(token, { maxLength: 7 }),
        file: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 40 })),
        stdin: fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 30 })), { maxLength: 4 }).map((ls) => ls.join('\n')),
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ args, file, stdin }) => {
          const m = memoryIo(stdin, { readReal: false });
          m.files.set('in.json', file);
          const argv = [name, ...(HEAVY[name] ?? []), ...args];
          let code: number;
          try {
            code = await runCli(argv, m.io, { commands: [register] });
          } catch (e) {
            throw new Error(`${JSON.stringify(argv)} threw ${String(e)}`);
          }
          const what = `${JSON.stringify(argv)} -> ${code}: ${m.err().slice(0, 300)}`;
          expect([0, 1, 2], what).toContain(code);
          expect(m.err(), what).not.toMatch(/internal error/);
          expect(hasUnsafeChars(m.out()), what).toBe(false);
          expect(hasUnsafeChars(m.err()), what).toBe(false);
        }),
        { numRuns: runs },
      );
    }, 300_000);
  }
});
