/**
 * Design question: how many UAVs of a surveillance swarm can stream split-DNN video features
 * uplink (ResNet-18 at 1080p, int8, 19 ms budget, 1e-3) on a 100 MHz FR1 carrier before the
 * uplink runs out — and what fraction is left for command and control?
 *
 * Plans the feature class once, then scales the swarm: the load of a verified class grows
 * linearly with the number of UAVs (`verify` reports the load for `ueCount` terminals).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { defaultLink, plan, serviceById, verify } from '../src/index.js';
import { formatNumber } from '../src/report/table.js';
import { check } from './check.js';

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  const base = serviceById('uav.video_features_ul');
  check(O.isSome(base), 'catalogue has uav.video_features_ul');
  const one = { ...base.value, ueCount: 1 };
  const r = plan(one, defaultLink);
  check(E.isRight(r), `one UAV is feasible: ${E.isLeft(r) ? r.left.message : ''}`);
  const c = r.right;
  const loadOf = (n: number): number => verify(c, { ...one, ueCount: n }, defaultLink).load;
  const l1 = loadOf(1);
  check(l1 > 0 && l1 < 1, 'one UAV loads the uplink partly');
  let n = 1;
  while (loadOf(n + 1) <= 1 && n < 10_000) n++;
  const loads = [1, 2, 4, 8].map((k) => loadOf(k));
  for (let i = 1; i < loads.length; i++) check((loads[i] ?? 0) >= (loads[i - 1] ?? 0), 'load never falls as the swarm grows');
  check(Math.abs(loadOf(4) - 4 * l1) <= 1e-9 * Math.max(1, 4 * l1), 'load is linear in the number of UAVs');
  log(`class ${c.id}: one UAV uses ${formatNumber(l1 * 100, 3)} % of the uplink; at most ${n} UAVs fit (${formatNumber(loadOf(n) * 100, 3)} %).`);
  log(`Left for command and control at ${n} UAVs: ${formatNumber((1 - loadOf(n)) * 100, 3)} % of the uplink.`);
  return { classId: c.id, loadPerUav: l1, maxUavs: n };
}
