/**
 * Design question: 8 vehicles share split-DNN features (VGG-16 pool5 or ResNet-50 layer4 of a
 * 224x224 camera crop) with an edge server every 100 ms, within 9 ms of radio budget at
 * epsilon 1e-4 (TS 22.186 cooperative perception). Which model and quantisation can the uplink of
 * a 100 MHz FR1 carrier carry, with which PHY class, and at what share of the carrier?
 *
 * Plans one class per option with `plan`, re-checks it with `verify`, and compares the load.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type ServiceProfile, isPhyError, payloadProfile, plan, splitPayloadBytes, verify, decodeLinkContext } from '../src/index.js';

/**
 * The link of this example: a free 100 MHz FR1 FDD carrier (`band: 'none'`), on which its figures were
 * derived. It is not a deployable channel (100 MHz FR1 channels are unpaired); on the default link (n78,
 * TDD DDDSU, 30 kHz) several of these services are infeasible — spec/assumptions.md §3 says which and why.
 */
const FREE_FDD = decodeLinkContext({ band: 'none', duplex: 'FDD' });
if (FREE_FDD._tag === 'Left') throw new Error(FREE_FDD.left.message);
const fddLink = FREE_FDD.right;
import { formatBytes, formatEpsilon, textTable } from '../src/report/table.js';
import { check } from './check.js';

interface Option {
  readonly label: string;
  readonly model: 'vgg16' | 'resnet50';
  readonly layer: string;
  readonly bitsPerValue: number;
}

const OPTIONS: readonly Option[] = [
  { label: 'VGG-16 pool5 int8', model: 'vgg16', layer: 'features.30', bitsPerValue: 8 },
  { label: 'VGG-16 pool5 4-bit', model: 'vgg16', layer: 'features.30', bitsPerValue: 4 },
  { label: 'ResNet-50 layer4 int8', model: 'resnet50', layer: 'layer4.2', bitsPerValue: 8 },
];

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  const rows: { label: string; bytes: number; classId: string; eps: number; load: number; pass: boolean }[] = [];
  for (const o of OPTIONS) {
    const bytes = splitPayloadBytes({ model: o.model, layer: o.layer, input: { height: 224, width: 224 }, bitsPerValue: o.bitsPerValue, compressionRatio: 1 });
    check(typeof bytes === 'number' && bytes > 0, `${o.label}: payload computed`);
    const payload = payloadProfile([Math.ceil(bytes / 2), bytes]); // with and without 2x entropy coding
    check(!isPhyError(payload), `${o.label}: payload profile`);
    const service: ServiceProfile = {
      id: `v2x.features.${o.model}.${o.bitsPerValue}b`,
      name: `V2X cooperative perception, ${o.label}`,
      direction: 'UL',
      payload,
      periodMs: 100,
      latencyBudgetMs: 9,
      epsilon: 1e-4,
      fiveQi: 90,
      ueCount: 8,
      source: 'TS 22.186 §5.4 (cooperative perception); seed paper Table 1',
      description: `8 vehicles, ${o.label}`,
    };
    const r = plan(service, fddLink);
    if (E.isLeft(r)) {
      log(`${o.label}: infeasible: ${r.left.message}`);
      continue;
    }
    const v = verify(r.right, service, fddLink);
    rows.push({ label: o.label, bytes, classId: r.right.id, eps: v.epsilonAchieved, load: v.load, pass: v.pass });
  }
  log(
    textTable(rows, [
      { key: 'label', header: 'features', get: (r) => r.label },
      { key: 'bytes', header: 'payload', get: (r) => r.bytes, format: (v) => formatBytes(v as number) },
      { key: 'classId', header: 'class', get: (r) => r.classId },
      { key: 'eps', header: 'eps achieved', get: (r) => r.eps, format: (v) => formatEpsilon(v as number, 1) },
      { key: 'load', header: 'UL load %', get: (r) => Number((r.load * 100).toFixed(2)) },
      { key: 'pass', header: 'verified', get: (r) => r.pass },
    ]),
  );
  check(rows.length >= 2, 'at least two feature options are feasible for 8 vehicles');
  check(rows.every((r) => r.pass), 'every planned class passes the independent verification');
  const vgg8 = rows.find((r) => r.label === 'VGG-16 pool5 int8');
  const vgg4 = rows.find((r) => r.label === 'VGG-16 pool5 4-bit');
  if (vgg8 !== undefined && vgg4 !== undefined) check(vgg4.load <= vgg8.load, 'halving the bits per value never costs more radio resources');
  return { options: rows.length, loads: Object.fromEntries(rows.map((r) => [r.label, r.load])) };
}
