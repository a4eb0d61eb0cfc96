/**
 * CLI link-budget flags (spec/budget.md §5): `--coupling-loss <dB|median|edge>` and `--ue-power <dBm>`
 * switch the link budget on (over a `--link` file's budget); `--snr` is the flat override and cannot be
 * combined with them (bad input: exit 2, one line); out-of-range values are bad input.
 */
import { describe, expect, it } from 'vitest';
import { linkFromOptions } from '../../src/cli/context.js';
import type { CliIo } from '../../src/cli/io.js';

const fakeIo = (files: Record<string, string>): CliIo =>
  ({
    readTextFile: async (p: string) => {
      const t = files[p];
      if (t === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return t;
    },
    readStdin: async () => '',
  }) as unknown as CliIo;

describe('--coupling-loss / --ue-power / --snr', () => {
  const io = fakeIo({ 'b.json': JSON.stringify({ linkBudget: { couplingLossDb: 100, gnbNoiseFigureDb: 6 } }) });
  it('no flag: the default link has no budget (flat snrDb)', async () => {
    expect((await linkFromOptions(io, {})).linkBudget).toBeUndefined();
  });
  it('--coupling-loss in dB or a position, --ue-power in dBm', async () => {
    expect((await linkFromOptions(io, { couplingLoss: '120' })).linkBudget).toEqual({ couplingLossDb: 120 });
    expect((await linkFromOptions(io, { couplingLoss: '118 dB' })).linkBudget).toEqual({ couplingLossDb: 118 });
    expect((await linkFromOptions(io, { couplingLoss: 'edge' })).linkBudget).toEqual({ position: 'edge' });
    expect((await linkFromOptions(io, { uePower: '26 dBm' })).linkBudget).toEqual({ ueMaxPowerDbm: 26 });
  });
  it('flags refine a --link file budget; --snr drops it', async () => {
    expect((await linkFromOptions(io, { link: 'b.json', couplingLoss: 'edge' })).linkBudget).toEqual({ gnbNoiseFigureDb: 6, position: 'edge' });
    expect((await linkFromOptions(io, { link: 'b.json' })).linkBudget).toEqual({ couplingLossDb: 100, gnbNoiseFigureDb: 6 });
    const flat = await linkFromOptions(io, { link: 'b.json', snr: '9 dB' });
    expect(flat.linkBudget).toBeUndefined();
    expect(flat.snrDb).toBe(9);
  });
  it('bad input: --snr with a budget flag, a coupling loss out of range, a power that is not a number', async () => {
    await expect(linkFromOptions(io, { snr: '10', couplingLoss: '120' })).rejects.toThrow('--snr sets a flat SNR; it cannot be combined with --coupling-loss (a link budget)');
    await expect(linkFromOptions(io, { couplingLoss: '20' })).rejects.toThrow('--coupling-loss: expected a number in [40, 200], got 20');
    await expect(linkFromOptions(io, { uePower: 'loud' })).rejects.toThrow('--ue-power: expected a number');
    await expect(linkFromOptions(io, { snr: '10', uePower: '23' })).rejects.toThrow('--ue-power (a link budget)');
  });
});
