/**
 * Design question: 8 vehicles share split-DNN features (VGG-16 pool5 or ResNet-50 layer4 of a
 * 224x224 camera crop) with an edge server every 100 ms, within 9 ms of radio budget at
 * epsilon 1e-4 (TS 22.186 cooperative perception). Which model and quantisation can the uplink of
 * a 100 MHz FR1 carrier carry, with which PHY class, and at what share of the carrier?
 *
 * 1. On the default link (n78, TDD DDDSU 10D:2G:2U, 100 MHz, 30 kHz, correlated HARQ fading, control
 *    errors) none of the three options is feasible: the UL owns one slot + 2 symbols per 2.5 ms, so the
 *    VGG-16 maps leave no retransmission room in 9 ms (latency-bound) and ResNet-50 layer4 (100 kB)
 *    exceeds the UL throughput (throughput-bound). The example prints each binding constraint and the
 *    planner's relaxations.
 * 2. Under a stated assumption change — a free 100 MHz FR1 FDD carrier (`band: 'none'`, not a deployable
 *    channel) with independent HARQ fading — all three are feasible; `plan` picks a class per option,
 *    `verify` re-checks it, and the loads are compared.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type LinkContext, type ServiceProfile, defaultLink, isPhyError, payloadProfile, plan, splitPayloadBytes, verify } from '../src/index.js';
import { freeFddLink } from '../src/classes/link.js';
import { formatBytes, formatEpsilon, textTable } from '../src/report/table.js';
import { check } from './check.js';

/** The stated alternative: free 100 MHz FR1 FDD carrier, HARQ transmissions fading independently (control errors kept). */
export const ALTERNATIVE_LINK: LinkContext = { ...freeFddLink, harqFading: 'independent' };
const ALTERNATIVE = "free 100 MHz FR1 FDD carrier (band 'none', not a deployable channel) with harqFading 'independent'";

interface Option {
  readonly label: string;
  readonly model: 'vgg16' | 'resnet50';
  readonly layer: string;
  readonly bitsPerValue: number;
  /** The constraint that binds on the default link (checked below). */
  readonly bindingOnDefault: string;
}

const OPTIONS: readonly Option[] = [
  { label: 'VGG-16 pool5 int8', model: 'vgg16', layer: 'features.30', bitsPerValue: 8, bindingOnDefault: 'latency' },
  { label: 'VGG-16 pool5 4-bit', model: 'vgg16', layer: 'features.30', bitsPerValue: 4, bindingOnDefault: 'latency' },
  { label: 'ResNet-50 layer4 int8', model: 'resnet50', layer: 'layer4.2', bitsPerValue: 8, bindingOnDefault: 'throughput' },
];

function serviceOf(o: Option): { service: ServiceProfile; bytes: number } {
  const bytes = splitPayloadBytes({ model: o.model, layer: o.layer, input: { height: 224, width: 224 }, bitsPerValue: o.bitsPerValue, compressionRatio: 1 });
  check(typeof bytes === 'number' && bytes > 0, `${o.label}: payload computed`);
  const payload = payloadProfile([Math.ceil(bytes / 2), bytes]); // with and without 2x entropy coding
  check(!isPhyError(payload), `${o.label}: payload profile`);
  return {
    bytes,
    service: {
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
    },
  };
}

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  // 1. The default link
  log('On the default link (n78, TDD DDDSU 10D:2G:2U, 100 MHz, 30 kHz, correlated HARQ fading, control errors):');
  let feasibleOnDefault = 0;
  for (const o of OPTIONS) {
    const { service } = serviceOf(o);
    const r = plan(service, defaultLink);
    if (E.isRight(r)) {
      feasibleOnDefault++;
      log(`  ${o.label}: feasible, ${r.right.id}`);
      continue;
    }
    check(r.left.binding === o.bindingOnDefault, `${o.label}: binding on the default is ${o.bindingOnDefault} (got ${r.left.binding})`);
    const relax = r.left.relaxations.map((x) => x.description).join('; ') || 'none found on this carrier';
    log(`  ${o.label}: INFEASIBLE, binding ${r.left.binding}: ${r.left.message}; relaxations: ${relax}`);
  }
  check(feasibleOnDefault === 0, 'no feature option is feasible for 8 vehicles on the default link');
  log('  -> on a deployed n78 carrier the answer is: none of these options within 9 ms at 1e-4; relax the budget, epsilon or SNR as listed, or change the link:');

  // 2. The stated alternative link
  log(`Assumption change: ${ALTERNATIVE}.`);
  const rows: { label: string; bytes: number; classId: string; eps: number; load: number; pass: boolean }[] = [];
  for (const o of OPTIONS) {
    const { service, bytes } = serviceOf(o);
    const r = plan(service, ALTERNATIVE_LINK);
    if (E.isLeft(r)) {
      log(`${o.label}: infeasible: ${r.left.message}`);
      continue;
    }
    const v = verify(r.right, service, ALTERNATIVE_LINK);
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
  check(rows.length === OPTIONS.length, 'on the alternative link every feature option is feasible for 8 vehicles');
  check(rows.every((r) => r.pass), 'every planned class passes the independent verification');
  const vgg8 = rows.find((r) => r.label === 'VGG-16 pool5 int8');
  const vgg4 = rows.find((r) => r.label === 'VGG-16 pool5 4-bit');
  if (vgg8 !== undefined && vgg4 !== undefined) check(vgg4.load <= vgg8.load, 'halving the bits per value never costs more radio resources');
  return { feasibleOnDefault, options: rows.length, loads: Object.fromEntries(rows.map((r) => [r.label, r.load])) };
}
