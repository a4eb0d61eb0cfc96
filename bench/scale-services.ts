/**
 * The scaled input of the system-planner bench and test (issues 17, 18 target 2): the catalogue
 * repeated until `n` services, copy j ≥ 1 of each service with a seeded UE count in
 * [⌈base/2⌉, ⌊3·base/2⌋] (base = its catalogue UE count; copy 0 is the catalogue service itself)
 * and the id `<id>~<j>`.
 */
import { makeRng } from '../src/core/rng.js';
import { services, type ServiceProfile } from '../src/services/catalogue.js';

export function scaledCatalogue(n: number, seed = 1): ServiceProfile[] {
  const rng = makeRng(seed);
  const out: ServiceProfile[] = [];
  for (let j = 0; out.length < n; j++) {
    for (const s of services) {
      if (out.length >= n) break;
      if (j === 0) {
        out.push(s);
        continue;
      }
      const base = s.ueCount ?? 1;
      const lo = Math.ceil(base / 2);
      const hi = Math.max(lo, Math.floor((3 * base) / 2));
      out.push({ ...s, id: `${s.id}~${j}`, ueCount: lo + Math.floor(rng.uniform() * (hi - lo + 1)) });
    }
  }
  return out;
}
