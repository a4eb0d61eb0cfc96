/**
 * One decode-error format for every outside input (spec/codecs.md): service, link, scenario, class and
 * pipeline decoders all answer `path: expected …, got …`, one line per error, never an io-ts type
 * dump; link, scenario and class files take unit quantities like the CLI flags.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fc } from '../support/fc-test.js';
import { decodeLinkContext } from '../../src/classes/link.js';
import { decodeServiceProfile } from '../../src/codecs/service.js';
import { decodePhyClass } from '../../src/codecs/phyClass.js';
import { decodePipelineParams } from '../../src/codecs/pipelineParams.js';
import { decodeScenario } from '../../src/scheduler/scenario.js';
import type { PhyError } from '../../src/core/errors.js';

const LINE = /^[^:\n]+: expected .+, got .+$/;

type Decoder = (u: unknown) => E.Either<PhyError, unknown>;
const DECODERS: ReadonlyArray<[string, Decoder]> = [
  ['service', decodeServiceProfile],
  ['link', decodeLinkContext],
  ['scenario', decodeScenario],
  ['class', (u) => decodePhyClass(u)],
  ['pipeline', (u) => decodePipelineParams(u)],
];

/** The error lines of a Left (DecodeError: its lines; other errors: the message). */
function lines(r: E.Either<PhyError, unknown>): string[] {
  if (E.isRight(r)) return [];
  return r.left._tag === 'DecodeError' ? [...r.left.errors] : [r.left.message];
}

const VALID = {
  service: { id: 's', name: 'S', direction: 'UL', payload: { minBytes: 20, maxBytes: 50 }, periodMs: 10, latencyBudgetMs: 5, epsilon: 1e-4, fiveQi: null, arrival: 'periodic', source: 'x' },
  link: { snrDb: 12, bandwidthMHz: 20 },
  scenario: { services: [{ service: 'uav.telemetry_ul', ueCount: 2 }], policy: 'edf' },
  class: { id: 'c', direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 9, qm: 2, rateX1024: 679, maxTransmissions: 2, combining: 'chase', repetitions: 1, grant: 'configured', nPrb: 10, tbsBits: 2088, nLayers: 1, nRePerPrb: 144 },
  pipeline: { split: { model: 'vgg16', layer: 'features.30', input: { height: 224, width: 224 }, bitsPerValue: 8, compressionRatio: 10 }, frameRateHz: 30, exitProbability: 0.5, terminals: 4 },
} as const;

describe('every decoder: path: expected …, got …', () => {
  for (const [name, dec] of DECODERS) {
    it(`${name}: the valid example decodes`, () => {
      expect(lines(dec(VALID[name as keyof typeof VALID]))).toEqual([]);
    });
    it(`${name}: a non-object is one line at the root`, () => {
      const ls = lines(dec('x'));
      expect(ls.length).toBe(1);
      expect(ls[0]).toMatch(LINE);
      expect(ls[0]).toMatch(/^(\(root\)|link): expected (an|a service profile) object/);
    });
  }

  it('link: a bad field is one short line naming it (not a ~900-character type dump)', () => {
    const ls = lines(decodeLinkContext({ snrDb: 'loud' }));
    expect(ls).toEqual(['link.snrDb: expected a level in dB or a string such as "15 dB", got "loud"']);
    expect(lines(decodeLinkContext({ fading: { kind: 'fast' } }))).toEqual(['link.fading.kind: expected one of "awgn", "rayleigh", "rician", "nakagami", got "fast"']);
    expect(lines(decodeLinkContext({ duplex: 'XDD', nLayers: 'two' }))).toEqual([
      'link.duplex: expected one of "FDD", "TDD", got "XDD"',
      'link.nLayers: expected a finite number, got "two"',
    ]);
    expect(lines(decodeLinkContext({ snrDb: 99 }))).toEqual(['link.snrDb: expected a number in [-30, 60] dB, got 99']);
  });

  it('scenario: nested paths, union members merged, no dumps', () => {
    expect(lines(decodeScenario({ services: [{ service: 'a', ueCount: 0 }], policy: 'fifo' }))).toEqual([
      'services[0].ueCount: expected an integer in 1..100000, got 0',
      'policy: expected one of "edf", "priority", "pf", "edf+preemption", "priority+preemption", "pf+preemption", got "fifo"',
    ]);
    expect(lines(decodeScenario({ services: [], policy: 'edf', classes: 'foo' }))).toEqual(['classes: expected one of "derive", "plan" or an array, got "foo"']);
    expect(lines(decodeScenario({ services: [], policy: 'edf', classes: [{ ...VALID.class, mcs: -1 }] }))).toEqual(['classes[0].mcs: expected an integer in 0..31, got -1']);
  });

  it('class and pipeline: named fields', () => {
    expect(lines(decodePhyClass({ ...VALID.class, repetitions: 3 }, 'phyClass'))).toEqual(['phyClass.repetitions: expected one of 1, 2, 4, 8, got 3']);
    expect(lines(decodePipelineParams({ ...VALID.pipeline, split: { ...VALID.pipeline.split, bitsPerValue: 7 } }))).toEqual(['split.bitsPerValue: expected one of 32, 16, 8, 4, 1, got 7']);
  });

  it('property: every error line of every decoder matches ^[^:]+: expected .+, got .+$ on random bad input', () => {
    const keys = ['id', 'snrDb', 'services', 'policy', 'fading', 'kind', 'payload', 'mu', 'split', 'classes', 'link', 'carrier', 'a:b', 'x\ny', ''];
    const bad = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.constantFrom(...keys), fc.anything()),
      fc.constantFrom(...Object.keys(VALID)).chain((k) =>
        fc.record({ key: fc.constantFrom(...Object.keys(VALID[k as keyof typeof VALID]), ...keys), value: fc.anything() }).map(({ key, value }) => ({ ...VALID[k as keyof typeof VALID], [key]: value })),
      ),
    );
    fc.assert(
      fc.property(bad, (u) => {
        for (const [, dec] of DECODERS) {
          const r = dec(u);
          const ls = lines(r);
          if (E.isLeft(r)) expect(ls.length).toBeGreaterThan(0);
          for (const l of ls) {
            expect(l).toMatch(LINE);
            expect(l.length).toBeLessThan(400);
          }
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('unit quantities in link, scenario and class files (as the CLI flags take them)', () => {
  it('link: "15 dB", "20 MHz"', () => {
    const r = decodeLinkContext({ snrDb: '12.5 dB', bandwidthMHz: '20 MHz' });
    expect(E.isRight(r) && [r.right.snrDb, r.right.bandwidthMHz]).toEqual([12.5, 20]);
    expect(lines(decodeLinkContext({ bandwidthMHz: '20 ms' }))).toEqual(['link.bandwidthMHz: expected a bandwidth in MHz or a string such as "20 MHz", got "20 ms"']);
    expect(lines(decodeLinkContext({ snrDb: '15 MHz' }))).toEqual(['link.snrDb: expected a level in dB or a string such as "15 dB", got "15 MHz"']);
  });

  it('scenario: meanSnrDb, snrSpreadDb, cgPeriodMs, bwps[].bandwidthMHz', () => {
    const r = decodeScenario({
      services: [{ service: 'uav.telemetry_ul', meanSnrDb: '12 dB', snrSpreadDb: '6 dB', cgPeriodMs: '5 ms' }],
      policy: 'edf',
      carrier: { bwps: [{ mu: 1, bandwidthMHz: '0.02 GHz' }] },
    });
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    expect(r.right.services[0]).toMatchObject({ meanSnrDb: 12, snrSpreadDb: 6, cgPeriodMs: 5 });
    expect(r.right.carrier?.bwps?.[0]?.bandwidthMHz).toBe(20);
  });

  it('class: tbsBits as "1128 bit" or "141 B"', () => {
    for (const tbs of ['1128 bit', '141 B', 1128]) {
      const r = decodePhyClass({ ...VALID.class, tbsBits: tbs });
      expect(E.isRight(r) && r.right.tbsBits).toBe(1128);
    }
  });

  it('pipeline: frameRateHz as "30 Hz"', () => {
    const r = decodePipelineParams({ ...VALID.pipeline, frameRateHz: '30 Hz' });
    expect(E.isRight(r) && r.right.frameRateHz).toBe(30);
  });
});
