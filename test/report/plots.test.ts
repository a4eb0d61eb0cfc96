import { describe, expect, it } from 'vitest';
import {
  blerPlotSpec,
  classMapSpec,
  latencyBreakdownSpec,
  latencyCdfSpec,
  packetSizeSpec,
  renderSvg,
} from '../../src/report/plots.js';
import { reportHtml } from '../../src/report/html.js';
import { checkWellFormedXml } from './xml.js';

/** Count drawn marks of a Vega role description (`line mark`, `bar`, `tick`, `rule`...) with a non-empty path. */
function drawn(svg: string, role: string): number {
  return (svg.match(new RegExp(`aria-roledescription="${role}"[^>]*? d="M`, 'g')) ?? []).length;
}

/** Count the marks of one Vega mark type in an SVG: paths/rects/... inside `<g class="mark-TYPE ...">`. */
function markGroups(svg: string, type: string): number {
  return (svg.match(new RegExp(`class="mark-${type} role-mark`, 'g')) ?? []).length;
}

describe('report/plots', () => {
  it('renders a BLER plot with one line per (model, MCS) and draws points below the floor at the floor', async () => {
    const pts = [];
    for (const model of ['nr-ldpc', 'fbl-gaussian'])
      for (const mcs of [0, 10])
        for (let s = -5; s <= 10; s += 1) pts.push({ model, mcs, snrDb: s, bler: Math.min(1, 10 ** (-(s + 6 - mcs / 2) / 2)) });
    const spec = blerPlotSpec(pts);
    const values = (spec['data'] as { values: { bler: number }[] }).values;
    expect(values.every((v) => v.bler >= 1e-7 && v.bler <= 1)).toBe(true);
    const svg = await renderSvg(spec);
    checkWellFormedXml(svg);
    // 4 curves (2 models x 2 MCS) -> 4 line marks, each a non-empty path
    expect(markGroups(svg, 'line')).toBe(4);
    expect(drawn(svg, 'line mark')).toBe(4);
    expect(svg).toContain('SNR (dB)');
  });

  it('renders latency breakdown, packet sizes, CDF and class map as well-formed SVG with their marks', async () => {
    const lat = await renderSvg(
      latencyBreakdownSpec([
        { classId: 'C1', part: 'tti', ms: 0.07 },
        { classId: 'C1', part: 'processing', ms: 0.2 },
        { classId: 'C2', part: 'tti', ms: 0.5 },
      ]),
    );
    checkWellFormedXml(lat);
    expect(markGroups(lat, 'rect')).toBeGreaterThanOrEqual(1);
    expect(drawn(lat, 'bar')).toBe(3);

    const ps = await renderSvg(
      packetSizeSpec(
        [
          { group: '224x224', model: 'vgg16', layer: 'features.30', bytes: 100352 },
          { group: '224x224', model: 'alexnet', layer: 'features.12', bytes: 36864 },
          { group: '8K', model: 'vgg16', layer: 'features.30', bytes: 6e7 },
        ],
        [{ group: '224x224', model: 'vgg16', minBytes: 1000, maxBytes: 100000, label: 'paper 1~100K' }],
      ),
    );
    checkWellFormedXml(ps);
    expect(markGroups(ps, 'rect')).toBe(4); // 2 facets x (range layer + tick layer)
    expect(drawn(ps, 'tick')).toBe(3);
    expect(drawn(ps, 'bar')).toBe(1);

    const cdf = await renderSvg(
      latencyCdfSpec(
        [
          { service: 'a', latencyMs: 0.5, cdf: 0.5 },
          { service: 'a', latencyMs: 1, cdf: 1 },
        ],
        [{ service: 'a', deadlineMs: 2 }],
      ),
    );
    checkWellFormedXml(cdf);
    expect(markGroups(cdf, 'line')).toBe(1);
    expect(markGroups(cdf, 'rule')).toBe(1);

    const cm = await renderSvg(
      classMapSpec([
        { service: 's1', minBytes: 100, maxBytes: 1000, deadlineMs: 5, classId: 'C1' },
        { service: 's2', minBytes: 1e5, maxBytes: 1e6, deadlineMs: 100, classId: 'infeasible' },
      ]),
    );
    checkWellFormedXml(cm);
    expect(markGroups(cm, 'symbol')).toBe(1);
    expect(cm).toContain('>s2<');
  });

  it('builds a self-contained HTML page embedding the SVGs with escaped text', async () => {
    const svg = await renderSvg(classMapSpec([{ service: 'x<y', minBytes: 1, maxBytes: 2, deadlineMs: 1, classId: 'C1' }]));
    const html = reportHtml({
      title: 'R & D',
      summary: ['a < b'],
      figures: [{ id: 'map', title: 'Map', caption: 'c', svg }],
      tables: [{ id: 't', title: 'T', header: ['h'], rows: [['<v>']], numeric: [false] }],
    });
    expect(html).toContain('<title>R &amp; D</title>');
    expect(html).toContain('&lt;v&gt;');
    expect(html).toContain('data-plot="map"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
