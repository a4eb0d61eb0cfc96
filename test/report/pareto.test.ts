/** The co-design Pareto plot (issue 15): a pure spec from plain rows, rendered to well-formed SVG. */
import { describe, expect, it } from 'vitest';
import { paretoSpec, renderSvg } from '../../src/report/plots.js';
import { checkWellFormedXml } from './xml.js';

describe('report/plots: Pareto front of a co-design', () => {
  it('keeps only plottable rows, marks the front, and renders one line plus a symbol per point', async () => {
    const spec = paretoSpec([
      { label: 'pool5 4-bit 32:1', radioRePerSecond: 19_800, e2eLatencyMs: 8.05, deviceGMacs: 15.35, onFront: true },
      { label: 'fc8 4-bit 32:1', radioRePerSecond: 3_560, e2eLatencyMs: 9.85, deviceGMacs: 15.47, onFront: true },
      { label: 'pool4 8-bit 1:1', radioRePerSecond: 400_000, e2eLatencyMs: 9.9, deviceGMacs: 13.96, onFront: false },
      { label: 'broken', radioRePerSecond: 0, e2eLatencyMs: 1, deviceGMacs: 1, onFront: false },
    ]);
    const values = (spec['data'] as { values: { label: string; set: string }[] }).values;
    expect(values.map((v) => v.label)).toEqual(['pool5 4-bit 32:1', 'fc8 4-bit 32:1', 'pool4 8-bit 1:1']);
    expect(values.map((v) => v.set)).toEqual(['Pareto front', 'Pareto front', 'dominated']);
    const svg = await renderSvg(spec);
    checkWellFormedXml(svg);
    expect((svg.match(/class="mark-line role-mark/g) ?? []).length).toBe(1);
    expect((svg.match(/aria-roledescription="point"/g) ?? []).length).toBe(3);
    expect(svg).toContain('radio cost (RE/s, log)');
  }, 60_000);
});
