/**
 * Design question (the seed paper's Figure 1, end to end): 4 vehicles run the first layers of a
 * ResNet-18 on a 224x224 camera crop at 30 fps; when the local DNN is confident (30 % of frames) it
 * decides alone, otherwise it quantises the features and sends them to the edge, whose global DNN
 * aggregates the 4 terminals and returns a 64 B result to each. The whole loop must close within
 * 20 ms with probability 1 - 1e-4. Where should the network be split, at what precision, and with
 * which PHY classes on the uplink and the downlink?
 *
 * 1. `pipelineTraffic` describes the traffic (early exit, 4 terminals, results back);
 * 2. the planner plans that traffic (`plan` + `verify` on the UL feature service it implies);
 * 3. `codesign` searches split x bits x ratio x air budgets with device and edge compute counted,
 *    and returns the Pareto front (radio RE/s, device MACs, E2E latency);
 * 4. under the system-level guarantee, the cheapest set (UL features of 4 terminals + DL results to 4)
 *    is planned on the carrier with `deriveSystem` and checked by `verifySystem`. On the default link
 *    (n78, TDD DDDSU, 30 kHz, correlated HARQ fading, control errors) only one point of the first grid is
 *    feasible (avgpool, 4-bit, 4:1) and it admits 3 of 4 terminals: 4 UL allocations of 88 PRB at once
 *    exceed the 273 PRB BWP; the example says so with the binding constraint;
 * 5. the co-design answer on the same link: allow more compression (up to 32:1); the cheapest point is then
 *    admitted with all 4 terminals; with 400 terminals it is refused (per-terminal epsilon 1.25e-7: no UL class).
 */
import * as E from 'fp-ts/lib/Either.js';
import { type CodesignPipeline, codesign } from '../src/codesign/index.js';
import { type PlannableService, defaultLink, plan, verify } from '../src/index.js';
import { verifySystem } from '../src/system/verify.js';
import { formatBytes, textTable } from '../src/report/table.js';
import { COMPUTE_PRESETS, layerMacs, pipelineTraffic } from '../src/workload/index.js';
import { check } from './check.js';

const INPUT = { height: 224, width: 224 };

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  // 1. The traffic of Figure 1 at one split (ResNet-18 layer3 output, int8)
  const traffic = pipelineTraffic({
    split: { model: 'resnet18', layer: 'layer3.1', input: INPUT, bitsPerValue: 8, compressionRatio: 1 },
    frameRateHz: 30, exitProbability: 0.3, terminals: 4, resultBytes: 64,
  });
  if (E.isLeft(traffic)) throw new Error(traffic.left.message);
  const t = traffic.right;
  log(`Figure 1 at layer3.1, int8: ${formatBytes(t.featureBytes)} per burst, ${t.uplink.ipPacketsPerBurst} IP packets; ` +
    `UL ${t.uplink.offeredLoadMbps.toFixed(2)} Mbit/s offered (4 terminals, 70 % of frames), DL ${t.downlink.offeredLoadMbps.toFixed(3)} Mbit/s`);

  // 2. The planner fed by the traffic: features arrive at f(1 - p) per terminal, 4 UEs
  const ul: PlannableService = {
    id: 'figure1.ul', direction: 'UL', payload: { sizesBytes: [t.featureBytes] }, periodMs: 1000 / t.uplink.burstRateHz,
    latencyBudgetMs: 9, epsilon: 1e-4 / 8, fiveQi: null, ueCount: 4,
  };
  const p = plan(ul, defaultLink);
  if (E.isRight(p)) {
    const v = verify(p.right, ul, defaultLink);
    check(v.pass, 'the planned UL class passes the independent verification');
    log(`planner: ${p.right.id}, epsilon achieved ${v.epsilonAchieved.toExponential(2)}, UL load ${(v.load * 100).toFixed(2)} % of the carrier`);
  } else {
    // a fixed split and precision may not fit the link: that is what step 3 is for
    log(`planner: layer3.1 int8 does not fit 9 ms on this link: ${p.left.message}`);
  }
  check(Math.abs((((ul.ueCount ?? 1) * 1000) / ul.periodMs) * t.featureBytes * 8 / 1e6 - t.uplink.offeredLoadMbps) < 1e-9, 'the planned service carries exactly the offered load');

  // 3. Co-design: split x bits x ratio x air budgets, compute counted end to end
  const pipeline: CodesignPipeline = {
    id: 'figure1', model: 'resnet18', input: INPUT, frameRateHz: 30, exitProbability: 0.3, terminals: 4, resultBytes: 64,
    e2eLatencyMs: 20, coreNetworkMs: 1, epsilon: 1e-4,
    device: COMPUTE_PRESETS['jetson-orin-nano']!, edge: COMPUTE_PRESETS['edge-gpu-l4']!,
  };
  const r = codesign(pipeline, defaultLink, { grid: { splits: ['layer2.1', 'layer3.1', 'layer4.1', 'avgpool'], bitsPerValue: [8, 4], compressionRatios: [1, 4] } });
  if (E.isLeft(r)) throw new Error(r.left.message);
  const res = r.right;
  check(res.feasible, 'Figure 1 has at least one feasible design on the default link');
  const m = layerMacs('resnet18', INPUT);
  log(`ResNet-18 at 224x224: ${(m.totalMacs / 1e9).toFixed(3)} GMAC per image (torchvision: 1.814)`);
  log(textTable(res.front, [
    { key: 'split', header: 'split', get: (x) => x.split },
    { key: 'bits', header: 'bits', get: (x) => x.bitsPerValue },
    { key: 'ratio', header: 'ratio', get: (x) => x.compressionRatio },
    { key: 'payload', header: 'payload', get: (x) => x.payloadBytes, format: (b) => formatBytes(b as number) },
    { key: 'ul', header: 'UL class', get: (x) => `${x.ul.phyClass.id} (${x.e2e.ulAirMs} ms)` },
    { key: 'dl', header: 'DL class', get: (x) => `${x.dl.phyClass.id} (${x.e2e.dlAirMs} ms)` },
    { key: 're', header: 'radio RE/s', get: (x) => Math.round(x.radioRePerSecond) },
    { key: 'gmac', header: 'device GMAC', get: (x) => Number((x.deviceMacs / 1e9).toFixed(3)) },
    { key: 'e2e', header: 'E2E ms', get: (x) => Number(x.e2eLatencyMs.toFixed(3)) },
  ]));
  for (const pt of res.front) {
    const e = pt.e2e;
    check(e.deviceComputeMs + e.encodeMs + e.ulAirMs + e.edgeComputeMs + e.coreNetworkMs + e.dlAirMs <= 20 + 1e-9, `${pt.key}: E2E parts within 20 ms`);
    check(verify(pt.ul.phyClass, pt.ul.service, defaultLink).pass && verify(pt.dl.phyClass, pt.dl.service, defaultLink).pass, `${pt.key}: both legs verified`);
  }
  const cheap = res.best.radioCost!;
  log(`cheapest radio: ${cheap.bitsPerValue}-bit at ${cheap.split}, ${cheap.compressionRatio}:1, ${Math.round(cheap.radioRePerSecond)} RE/s; ` +
    `least device compute: ${res.best.deviceMacs!.split} (${(res.best.deviceMacs!.deviceMacs / 1e9).toFixed(3)} GMAC); fastest: ${res.best.e2eLatency!.split} in ${res.best.e2eLatency!.e2eLatencyMs.toFixed(2)} ms`);

  // 4. The system level: the chosen point's two legs at 4 UEs each, planned as a set and verified on the carrier.
  // On the default link the cheapest point of this grid does not admit all 4 terminals: say so, with the binding constraint.
  const first = cheap.system!;
  check(first.dl.admittedUes === 4, 'the cheapest design admits the DL results of all 4 terminals');
  check(!first.pass && first.ul.admittedUes < 4 && first.binding !== null && first.binding.includes('PRB'),
    'default link: the cheapest design of the first grid is refused with all 4 terminals, bound by the peak PRBs of the UL BWP');
  log(`system level: ${cheap.key} is NOT admitted with 4 terminals on the default link: UL ${first.ul.admittedUes}/4, DL ${first.dl.admittedUes}/4; binding: ${first.binding}`);

  // 5. The co-design answer on the same default link: compress harder so 4 UL allocations fit the BWP at once
  const wider = codesign(pipeline, defaultLink, { grid: { splits: ['layer2.1', 'layer3.1', 'layer4.1', 'avgpool'], bitsPerValue: [8, 4], compressionRatios: [4, 10, 32] } });
  if (E.isLeft(wider)) throw new Error(wider.left.message);
  const chosen = wider.right.best.radioCost!;
  const sys = chosen.system!;
  check(sys.pass && sys.ul.admittedUes === 4 && sys.dl.admittedUes === 4, 'co-design with compression up to 32:1: the cheapest design is admitted with all 4 terminals (verifySystem)');
  check(verifySystem(sys.plan, [chosen.ul.service, chosen.dl.service], defaultLink).pass, 'the reported system plan passes verifySystem again');
  check(verify(chosen.ul.phyClass, chosen.ul.service, defaultLink).pass && verify(chosen.dl.phyClass, chosen.dl.service, defaultLink).pass, 'the chosen point: both legs verified');
  log(`co-design answer (compression up to 32:1, same default link): ${chosen.bitsPerValue}-bit at ${chosen.split}, ${chosen.compressionRatio}:1 = ${formatBytes(chosen.payloadBytes)}, ` +
    `UL ${chosen.ul.phyClass.id}, E2E ${chosen.e2eLatencyMs.toFixed(2)} ms; admitted with UL ${sys.ul.admittedUes}/${sys.ul.ueCount} and DL ${sys.dl.admittedUes}/${sys.dl.ueCount} UEs (${sys.method})`);
  const crowd = codesign({ ...pipeline, terminals: 400 }, defaultLink, { grid: { splits: [chosen.split], bitsPerValue: [chosen.bitsPerValue], compressionRatios: [chosen.compressionRatio] } });
  if (E.isLeft(crowd)) throw new Error(crowd.left.message);
  // 400 terminals split the pipeline's 1e-4 over 400 UL legs (1.25e-7 each): no UL class reaches that on this
  // link, so the design is refused before admission (the diagnosis says why); were it feasible, admission must refuse it
  const refused = crowd.right.best.radioCost?.system;
  check(!crowd.right.feasible ? crowd.right.diagnosis.length > 0 : refused !== undefined && !refused.pass, '400 terminals: the same design is refused');
  log(!crowd.right.feasible
    ? `400 terminals: refused, infeasible per terminal: ${crowd.right.diagnosis}`
    : `400 terminals: refused, UL ${refused!.ul.admittedUes}/400 admitted; binding: ${refused!.binding ?? ''}`);
  return { front: res.front.length, feasible: res.counts.feasible, bestRadioRePerSecond: cheap.radioRePerSecond, offeredLoadMbps: t.uplink.offeredLoadMbps,
    firstGridUlAdmitted: first.ul.admittedUes, chosenCompressionRatio: chosen.compressionRatio, systemVerified: sys.pass };
}
