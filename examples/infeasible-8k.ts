/**
 * Design question: "my 8K perception service is infeasible — what do I change?"
 *
 * `v2x.8k_perception_features` (the seed paper's 8K case) sends VGG-16 pool5 of an 8K frame at fp32
 * with 10:1 compression: 6.6 MB in 9 ms of radio budget, 5.9 Gbit/s. This example walks the answer:
 * 1. the planner says why (throughput) and which radio changes would help (none on FR1 here);
 * 2. the application side can change instead: fewer bits, more compression, a later split
 *    (`applicationRelaxations`), each re-planned and verified here;
 * 3. counting compute end to end (`codesign`): VGG-16 at 8K is 10 TMAC per frame, which no preset
 *    device or edge runs within 10 ms, and the diagnosis says so with the numbers;
 * 4. a redesign that closes the loop: MobileNetV2 on a 4K frame, co-designed split and precision,
 *    admitted on the shared carrier (`verifySystem` of its UL and DL legs).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { applicationRelaxations, codesign, pipelineFromService } from '../src/codesign/index.js';
import { isPhyError, payloadProfile, plan, serviceById, verify, decodeLinkContext } from '../src/index.js';

/**
 * The link of this example: a free 100 MHz FR1 FDD carrier (`band: 'none'`), on which its figures were
 * derived. It is not a deployable channel (100 MHz FR1 channels are unpaired); on the default link (n78,
 * TDD DDDSU, 30 kHz) several of these services are infeasible — spec/assumptions.md §3 says which and why.
 */
const FREE_FDD = decodeLinkContext({ band: 'none', duplex: 'FDD' });
if (FREE_FDD._tag === 'Left') throw new Error(FREE_FDD.left.message);
const fddLink = FREE_FDD.right;
import { formatBytes } from '../src/report/table.js';
import { COMPUTE_PRESETS, layerMacs } from '../src/workload/index.js';
import { check } from './check.js';

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  const s = serviceById('v2x.8k_perception_features');
  check(O.isSome(s), 'the 8K service is in the catalogue');
  const svc = s.value;

  // 1. The planner's answer
  const p = plan(svc, fddLink);
  check(E.isLeft(p), 'the 8K service is infeasible as configured');
  log(`1. ${p.left.message}`);
  log(`   radio-side relaxations: ${p.left.relaxations.length === 0 ? 'none on this link' : p.left.relaxations.map((r) => r.description).join('; ')}`);

  // 2. Application-side relaxations, each confirmed independently
  const app = applicationRelaxations(svc, fddLink);
  check(app.length >= 1, 'at least one application-side relaxation exists');
  log('2. change the application instead (same 9 ms budget, same epsilon):');
  for (const a of app) {
    const payload = payloadProfile(a.sizesBytes);
    check(!isPhyError(payload), `${a.kind}: the relaxed sizes form a payload profile`);
    const changed = { ...svc, payload, feature: a.feature };
    const again = plan(changed, fddLink);
    check(E.isRight(again) && again.right.id === a.classId, `${a.kind}: plan confirms ${a.classId}`);
    check(verify(again.right, changed, fddLink).pass, `${a.kind}: the class passes verify`);
    log(`   - ${a.kind}: ${a.description} -> ${a.classId}`);
  }

  // 3. End to end, compute counted
  const pipeline = pipelineFromService(svc, COMPUTE_PRESETS['jetson-agx-orin']!, COMPUTE_PRESETS['edge-gpu-l4']!);
  check(pipeline !== null, 'the service carries its feature source');
  const e2e = codesign(pipeline, fddLink, { grid: { bitsPerValue: [8, 4], compressionRatios: [10, 32, 128] } });
  if (E.isLeft(e2e)) throw new Error(e2e.left.message);
  const gmac = layerMacs('vgg16', { height: 4320, width: 7680 }, { head: 'always' }).totalMacs / 1e9;
  check(!e2e.right.feasible, 'VGG-16 at 8K does not close a 10 ms loop on the preset compute');
  check(e2e.right.diagnosis.startsWith('compute alone does not fit'), 'the diagnosis names compute');
  log(`3. end to end: VGG-16 at 8K is ${gmac.toFixed(0)} GMAC per frame; ${e2e.right.diagnosis}`);

  // 4. A redesign: MobileNetV2 on a 4K frame, split/precision/compression co-designed with the classes
  const redesign = codesign(
    { ...pipeline, id: 'v2x.4k-mobilenetv2', model: 'mobilenetv2', input: { height: 2160, width: 3840 } },
    fddLink,
    { grid: { splits: ['features.14', 'features.17', 'features.18', 'avgpool'], bitsPerValue: [8, 4], compressionRatios: [4, 10, 32] } },
  );
  if (E.isLeft(redesign)) throw new Error(redesign.left.message);
  const rd = redesign.right;
  check(rd.feasible, 'MobileNetV2 at 4K closes the loop');
  const best = rd.best.radioCost!;
  const e = best.e2e;
  check(e.deviceComputeMs + e.encodeMs + e.ulAirMs + e.edgeComputeMs + e.coreNetworkMs + e.dlAirMs <= svc.latency!.e2eLatencyMs + 1e-9, 'E2E within the requirement');
  log(`4. redesign (MobileNetV2, 4K, ${(layerMacs('mobilenetv2', { height: 2160, width: 3840 }, { head: 'always' }).totalMacs / 1e9).toFixed(1)} GMAC): ${rd.front.length} Pareto points; cheapest radio: ` +
    `${best.bitsPerValue}-bit at ${best.split}, ${best.compressionRatio}:1 = ${formatBytes(best.payloadBytes)}, UL ${best.ul.phyClass.id} in ${e.ulAirMs} ms, ` +
    `E2E ${e.totalMs.toFixed(2)} ms (device ${e.deviceComputeMs.toFixed(2)} + encode ${e.encodeMs.toFixed(2)} + UL ${e.ulAirMs} + edge ${e.edgeComputeMs.toFixed(2)} + CN ${e.coreNetworkMs} + DL ${e.dlAirMs})`);
  check(best.system?.pass === true, 'the redesign is admitted on the shared carrier (deriveSystem + verifySystem of both legs)');
  log(`   system level: UL ${best.system!.ul.admittedUes}/${best.system!.ul.ueCount}, DL ${best.system!.dl.admittedUes}/${best.system!.dl.ueCount} UEs admitted, verifySystem passes`);
  const fitting = new Set(rd.points.map((x) => x.split));
  log(`   splits with a feasible point: ${[...fitting].join(', ')}; none at ${rd.grid.splits.filter((x) => !fitting.has(x)).join(', ') || '-'} (the 4K maps are too large for the UL leg within the time compute leaves)`);
  const fastest = rd.best.e2eLatency!;
  log(`   fastest: ${fastest.bitsPerValue}-bit at ${fastest.split}, ${fastest.compressionRatio}:1, E2E ${fastest.e2eLatencyMs.toFixed(2)} ms`);
  return { applicationRelaxations: app.length, vgg8kGmac: gmac, redesignFront: rd.front.length, redesignBestRadio: best.radioRePerSecond };
}
