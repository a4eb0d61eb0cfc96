/**
 * `phyclass report` in a real browser: writes the report with the real binary, opens
 * index.html in Debian's headless Chromium driven by playwright-core, and checks that every plot
 * rendered (an SVG with a non-empty size and drawn marks), then saves a screenshot
 * (in $PHYCLASS_SCREENSHOT_DIR, default <tmp>/phyclass-browser-shots) for a human to look at. Skips with a clear message when
 * /usr/bin/chromium is missing (`apt-get install -y chromium`).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../cli/run-bin.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test:browser skipped: ${CHROMIUM} not found (apt-get update && apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('report in headless Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'phyclass-browser-'));
  const out = join(work, 'report');
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;

  beforeAll(async () => {
    const r = await runBin(['report', '--out', out, '--slots', '4000', '--only', 'teleop.haptic_feedback,uav.c2_stick,v2x.cooperative_perception_features,xr.split_rendering_dl'], { timeoutMs: 280_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // A fresh profile directory per run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'phyclass-chromium-')), {
      executablePath: CHROMIUM,
      viewport: { width: 1200, height: 900 },
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every plot with drawn marks and saves a screenshot', async () => {
    if (browser === undefined) throw new Error('no browser');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    const plots = await page.$$eval('figure.plot', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const marks = svg ? svg.querySelectorAll('[role="graphics-symbol"]').length : 0;
        return { id: f.getAttribute('data-plot'), width: box?.width ?? 0, height: box?.height ?? 0, marks };
      }),
    );
    expect(plots.map((p) => p.id)).toEqual(['bler', 'latency', 'table1', 'cdf', 'classmap']);
    for (const p of plots) {
      expect(p.width, `${p.id} width`).toBeGreaterThan(100);
      expect(p.height, `${p.id} height`).toBeGreaterThan(100);
      expect(p.marks, `${p.id} marks`).toBeGreaterThan(0);
    }
    const rows = await page.$$eval('table[data-table="classes"] tbody tr', (trs) => trs.length);
    expect(rows).toBe(4);
    expect(errors).toEqual([]);
    const shots = process.env['PHYCLASS_SCREENSHOT_DIR'] ?? join(tmpdir(), 'phyclass-browser-shots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: false });
    for (const p of plots) await page.locator(`figure[data-plot="${p.id ?? ''}"]`).screenshot({ path: join(shots, `${p.id ?? 'plot'}.png`) });
    console.log(`screenshots in ${shots}`);
  });
});
