/**
 * Issue 17 items 1–2: resource limits before allocation and explicit-class validation in
 * scenarios, and the one set of ranges (src/core/ranges.ts) shared by CLI, library and files.
 */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scheduler/simulate.js';
import { buildSimulation } from '../../src/scheduler/scenario.js';
import { runCampaign } from '../../src/scheduler/campaign.js';
import { SEED, SNR_DB, TTI_SYMBOLS } from '../../src/codecs/ranges.js';
import { tryUserPlaneLatency } from '../../src/link/latency.js';
import { decodeLinkContext } from '../../src/classes/link.js';
import { runCli } from '../../src/cli/program.js';
import { memoryIo } from './io.js';

const MIXED = JSON.parse(readFileSync('examples/scenarios/mixed.json', 'utf8')) as Record<string, any>;
const edit = (f: (s: any) => void): unknown => {
  const s = structuredClone(MIXED);
  f(s);
  return s;
};
const msg = (e: E.Either<{ message: string }, unknown>): string => (E.isLeft(e) ? e.left.message : 'accepted');

describe('resource limits before allocation', () => {
  it('ueCount 1e9 and periodMs 1e-9 are refused in well under a second, naming the field', () => {
    const t0 = performance.now();
    expect(msg(simulate(edit((s) => (s.services[0].ueCount = 1e9)), { seed: 1, slots: 100 }))).toMatch(/^services\[0\]\.ueCount: expected an integer in 1\.\.100000/);
    expect(msg(simulate(edit((s) => (s.services[1].service.periodMs = 1e-9)), { seed: 1, slots: 100 }))).toMatch(/^services: expected at most 1000000 packet arrivals per/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
  it('total UEs over all services, packets per run and queued packets are bounded', () => {
    const many = edit((s) => s.services.forEach((x: any) => (x.ueCount = 30_000)));
    expect(msg(buildSimulation(many))).toMatch(/^services: expected at most 100000 UEs in all/);
    expect(msg(simulate(MIXED, { seed: 1, slots: 1e9 }))).toMatch(/^slots: expected at most 2000000000 packets per run/);
    const q = edit((s) => {
      s.services[0].ueCount = 20_000;
      s.queueLimit = 1e9;
    });
    expect(msg(simulate(q, { seed: 1, slots: 20_000_000 }))).toMatch(/queue|packets per run/);
  });
  it('a campaign refuses more runs than one JSON document can hold', async () => {
    const r = await runCampaign({ scenario: MIXED, seeds: Array.from({ length: 5001 }, (_, i) => i), policies: ['edf', 'pf'], slots: 100 });
    expect(msg(r)).toMatch(/^seeds: expected at most 10000 runs/);
  });
  it('a campaign refuses the heaviest UE count before any run', async () => {
    const r = await runCampaign({ scenario: MIXED, seeds: [1], ueCounts: [1, 90_000], slots: 100 });
    expect(msg(r)).toMatch(/UEs in all/);
  });
});

describe('explicit classes are checked against the tables and the carrier', () => {
  it.each([
    ['mcs 99', (s: any) => (s.classes[0].mcs = 99), /classes\[0\]\.mcs: expected an integer in 0\.\.31/],
    ['reserved mcs', (s: any) => (s.classes[0].mcs = 29), /classes\[0\]\.mcs: expected a non-reserved MCS index of qam64/],
    ['nPrb 1e9', (s: any) => (s.classes[0].nPrb = 1e9), /classes\[0\]\.nPrb: expected an integer in 1\.\.275/],
    ['nPrb over the BWP', (s: any) => (s.classes[0].nPrb = 274), /classes\[0\]\.nPrb: expected at most 273/],
    ['tbsBits 1', (s: any) => (s.classes[0].tbsBits = 1), /classes\[0\]\.tbsBits: expected 9480 .*got 1$/],
    ['qm off', (s: any) => (s.classes[0].qm = 4), /classes\[0\]\.qm: expected 2/],
    ['nRePerPrb off', (s: any) => (s.classes[0].nRePerPrb = 80), /classes\[0\]\.nRePerPrb: expected 72/],
    ['1-symbol TTI', (s: any) => (s.classes[0].ttiSymbols = 1), /classes\[0\]\.ttiSymbols: expected an integer in 2\.\.14/],
  ])('%s is refused', (_name, f, re) => {
    expect(msg(buildSimulation(edit(f)))).toMatch(re);
  });
  it('the shipped scenario still builds', () => {
    expect(E.isRight(buildSimulation(MIXED))).toBe(true);
  });
});

describe('one set of ranges', () => {
  it('TTI 2..14 in the library, the CLI and scenario files', async () => {
    expect(TTI_SYMBOLS).toEqual({ min: 2, max: 14 });
    const lib = tryUserPlaneLatency({ direction: 'DL', duplex: 'FDD', mu: 1, ttiSymbols: 1, ueCapability: 1, grant: 'dynamic', transmissions: 1 });
    expect(msg(lib)).toMatch(/2\.\.14/);
    const io = memoryIo();
    expect(await runCli(['latency', '--tti', '1'], io.io)).toBe(2);
    expect(io.err()).toMatch(/--tti: expected an integer in 2\.\.14/);
  });
  it('SNR [-30, 60] dB in the link context, --snr and bler --batch', async () => {
    expect(SNR_DB).toEqual({ min: -30, max: 60 });
    expect(msg(decodeLinkContext({ snrDb: -40 }))).toMatch(/\[-30, 60\]/);
    const a = memoryIo();
    expect(await runCli(['bler', '--mcs', '5', '--size', '1000', '--snr', '-40'], a.io)).toBe(2);
    expect(a.err()).toMatch(/\[-30, 60\]/);
    const b = memoryIo('{"mcs":5,"tbsBits":1000,"snrDb":-40}\n');
    expect(await runCli(['bler', '--batch'], b.io)).toBe(2);
    expect(b.out()).toMatch(/\[-30, 60\]/);
  });
  it('seeds 0..2^32-1 in simulate, report, campaign and the library', async () => {
    expect(SEED).toEqual({ min: 0, max: 4294967295 });
    expect(msg(simulate(MIXED, { seed: -1, slots: 10 }))).toMatch(/seed: expected an integer in 0\.\.4294967295/);
    for (const args of [['simulate', 'examples/scenarios/mixed.json', '--seed', '4294967296'], ['report', '--seed', '4294967296'], ['campaign', 'examples/scenarios/mixed.json', '--seeds', '4294967296']]) {
      const io = memoryIo();
      expect(await runCli(args, io.io)).toBe(2);
      expect(io.err()).toMatch(/0\.\.4294967295/);
    }
  });
});
