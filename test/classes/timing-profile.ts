/**
 * The stack-timing-profile check of test/classes/timing.test.ts (spec-min, srsran-low-latency: fast
 * tier) and timing.slow.test.ts (srsran-default, oai-default: slow tier): the plan of each sample
 * service under a profile passes verify under it, and every refusal is for latency.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { expect } from 'vitest';
import { decodeLinkContext, type LinkContext } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import type { PhyClass } from '../../src/classes/types.js';
import { verify } from '../../src/classes/verify.js';
import type { TimingProfileName } from '../../src/link/timing.js';
import { serviceById, type ServiceProfile } from '../../src/services/catalogue.js';

// the free 100 MHz FDD carrier the profiles were checked on (the n78 TDD default serves too few of SAMPLE)
export const linkOf = (u: Record<string, unknown>): LinkContext => {
  const r = decodeLinkContext({ band: 'none', duplex: 'FDD', ...u });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
export const svc = (id: string): ServiceProfile => {
  const s = serviceById(id);
  if (O.isNone(s)) throw new Error(id);
  return s.value;
};
/** `plan` once per (service, link) in a test file: the sample is planned under each profile by several tests. */
const plans = new Map<string, ReturnType<typeof plan>>();
const planOnce = (s: ServiceProfile, link: LinkContext): ReturnType<typeof plan> => {
  const key = `${s.id} ${JSON.stringify(link)}`;
  let r = plans.get(key);
  if (r === undefined) {
    r = plan(s, link);
    plans.set(key, r);
  }
  return r;
};
export const planned = (s: ServiceProfile, link: LinkContext): PhyClass => {
  const r = planOnce(s, link);
  if (E.isLeft(r)) throw new Error(`${s.id}: ${r.left.message}`);
  return r.right;
};

export const SAMPLE = ['teleop.haptic_feedback', 'v2x.remote_driving_commands', 'xr.pose_ul', 'uav.c2_stick', 'teleop.uplink_features'];

/**
 * The sample under `timing`: each plan passes verify under it; each refusal is for latency, of a service
 * spec-min refuses too.
 */
export function profileCheck(timing: TimingProfileName): void {
  // Under correlated HARQ fading and control errors (link defaults since issue 14) teleop.uplink_features
  // (100 kB in 19 ms at 1e-4) is refused under every profile, and v2x.remote_driving_commands (1 kB in 4 ms
  // at 1e-5) under the slower srsran-default and oai-default: 4 of 5 planned on spec-min, 3 of 5 on the slow
  // ones. Every refusal is for latency, and a slower profile never plans a service spec-min refuses.
  const refusedOnSpecMin = new Set(SAMPLE.filter((id) => E.isLeft(planOnce(svc(id), linkOf({ timing: 'spec-min' })))));
  const link = linkOf({ timing });
  let planned = 0;
  for (const id of SAMPLE) {
    const s = svc(id);
    const r = planOnce(s, link);
    if (E.isLeft(r)) {
      // infeasible under this profile: refused for its deadline, with nothing to verify
      expect(r.left.binding, `${id}: ${r.left.message}`).toBe('latency');
      continue;
    }
    expect(refusedOnSpecMin.has(id), `${id} planned under ${timing} but refused on spec-min`).toBe(false);
    planned++;
    const v = verify(r.right, s, link);
    expect(v.pass, `${id}: ${v.reasons.join('; ')}`).toBe(true);
    expect(v.latencyMarginMs).toBeGreaterThanOrEqual(0);
  }
  expect(planned).toBeGreaterThanOrEqual(timing === 'spec-min' || timing === 'srsran-low-latency' ? 4 : 3);
}

