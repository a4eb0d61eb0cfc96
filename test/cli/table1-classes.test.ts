/**
 * `phyclass table1 --classes` through the real binary: the seed's Table 1 extended with classes
 * (issue 5 §7) equals the library's `classTable()` on the same link, row for row.
 */
import { describe, expect, it } from 'vitest';
import { classTable, SEED_SIZE_RANGES } from '../../src/classes/classTable.js';
import { decodeLinkContext } from '../../src/classes/link.js';
import { services } from '../../src/services/catalogue.js';
import { oneErrorLine, runBin } from './run-bin.js';
import * as E from 'fp-ts/lib/Either.js';

describe('phyclass table1 --classes (spawned binary)', () => {
  it('--json equals classTable() on a 20 MHz link, one row per service and size decade', async () => {
    const r = await runBin(['table1', '--classes', '--bandwidth', '20 MHz', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { serviceId: string; range: { label: string }; classId: string | null; binding: string | null }[];
    expect(rows).toHaveLength(services.length * SEED_SIZE_RANGES.length);
    const link = decodeLinkContext({ bandwidthMHz: 20 });
    expect(E.isRight(link)).toBe(true);
    if (E.isLeft(link)) return;
    const lib = classTable(link.right);
    expect(rows.map((x) => [x.serviceId, x.range.label, x.classId, x.binding])).toEqual(
      lib.map((x) => [x.serviceId, x.range.label, x.classId, x.binding]),
    );
    // the 1 GB decade can never fit a 20 MHz FR1 carrier within any catalogue budget
    expect(rows.filter((x) => x.range.label === '100 MB-1 GB').every((x) => x.classId === null)).toBe(true);
  });
  it('link options without --classes are refused with one line (exit 2), not ignored; a bad value too', async () => {
    const [a, b, c] = await Promise.all([
      runBin(['table1', '--bandwidth', 'wide']),
      runBin(['table1', '--snr', '12', '--bandwidth', '20 MHz']),
      runBin(['table1', '--json']),
    ]);
    expect(a.code).toBe(2);
    expect(oneErrorLine(a)).toMatch(/link options \(--bandwidth\) apply only with --classes/);
    expect(b.code).toBe(2);
    expect(oneErrorLine(b)).toMatch(/--snr, --bandwidth/);
    expect(c.code).toBe(0);
  });
});
