/**
 * Design question: how does a MAC scheduler use the class plan at line rate? Each packet that
 * arrives is classified by (service, size) into its class, PRBs per TTI, TTIs, MCS and TBS by the
 * compiled classifier (`compileClassifier`: table lookups, no allocation per call).
 *
 * A toy MAC loop draws packets of three services, classifies each, adds up the PRB-TTIs it
 * would grant, and measures classifications per second. Oversized packets and unknown services get
 * defined answers, never exceptions.
 */
import * as O from 'fp-ts/lib/Option.js';
import { type ServiceProfile, compileClassifier, deriveClasses, isPhyError, makeRng, serviceById, decodeLinkContext } from '../src/index.js';

/**
 * The link of this example: a free 100 MHz FR1 FDD carrier (`band: 'none'`), on which its figures were
 * derived. It is not a deployable channel (100 MHz FR1 channels are unpaired); on the default link (n78,
 * TDD DDDSU, 30 kHz) several of these services are infeasible — spec/assumptions.md §3 says which and why.
 */
const FREE_FDD = decodeLinkContext({ band: 'none', duplex: 'FDD' });
if (FREE_FDD._tag === 'Left') throw new Error(FREE_FDD.left.message);
const fddLink = FREE_FDD.right;
import { formatNumber } from '../src/report/table.js';
import { check } from './check.js';

const IDS = ['teleop.haptic_feedback', 'v2x.collision_avoidance', 'v2x.cooperative_perception_features'] as const;

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  const svcs: ServiceProfile[] = IDS.map((id) => {
    const s = serviceById(id);
    check(O.isSome(s), `catalogue has ${id}`);
    return s.value;
  });
  const cp = deriveClasses(svcs, fddLink, { maxClasses: 2 });
  check(cp.unserved.length === 0, 'all three services are served');
  const classify = compileClassifier(cp);
  check(!isPhyError(classify), 'the class plan compiles');

  // The MAC loop: packets drawn from each service's profile.
  const rng = makeRng(42);
  const n = 200_000;
  let prbTtis = 0;
  let notOk = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = svcs[i % svcs.length] as ServiceProfile;
    const size = s.payload.minBytes + Math.floor(rng.uniform() * (s.payload.maxBytes - s.payload.minBytes + 1));
    const a = classify(s.id, size);
    if (a.status !== 'ok') notOk++;
    prbTtis += a.nPrb * a.nTti;
  }
  const seconds = (performance.now() - t0) / 1000;
  check(notOk === 0, 'every in-profile packet gets a class');
  const big = classify('v2x.collision_avoidance', 10_000_000);
  check(big.status === 'beyond-profile', 'a packet larger than the profile is flagged beyond-profile');
  const unknown = classify('no.such.service', 100);
  check(unknown.status === 'unknown-service' && unknown.classId === null, 'an unknown service gets a defined answer');
  const example = classify('v2x.cooperative_perception_features', 25_088);
  check(example.status === 'ok' && example.nPrb >= 1 && example.nTti >= 1 && example.nTti * example.tbsBits >= 25_088 * 8, 'a 25,088 B feature packet fits its grant');
  log(`v2x.cooperative_perception_features 25,088 B -> ${example.classId ?? ''}: ${example.nPrb} PRB x ${example.nTti} TTI, ${example.mcsTable} MCS ${example.mcs}, TBS ${example.tbsBits} bits`);
  log(`${n} packets classified in ${formatNumber(seconds * 1000, 3)} ms (${formatNumber(n / seconds / 1e6, 3)} M/s, including the random draws); ${prbTtis} PRB-TTIs granted.`);
  return { packets: n, perSecond: n / seconds, prbTtis };
}
