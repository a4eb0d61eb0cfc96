/**
 * Known keys of the custom object codecs of service profiles (`ServiceProfileCodec`,
 * `PayloadProfileCodec` are hand-written io-ts types the unknown-key walker cannot see into),
 * registered once for `unknownKeyErrors` (src/codecs/strict.ts), and the checks of service files.
 */
import { FeatureSourceCodec, LatencyDerivationCodec, PayloadProfileCodec, ServiceProfileCodec } from './service.js';
import { registerCodecKeys, unknownKeyErrors } from './strict.js';
import * as t from 'io-ts';

/** Every key a service profile may carry (see ServiceProfileCodec). */
export const SERVICE_PROFILE_KEYS = ['id', 'name', 'direction', 'payload', 'periodMs', 'latencyBudgetMs', 'epsilon', 'fiveQi', 'source', 'description', 'arrival', 'jitterMs', 'ueCount', 'latency', 'feature', 'couplingLossDb', 'position', 'mobility'] as const;

registerCodecKeys(PayloadProfileCodec, ['minBytes', 'maxBytes', 'sizesBytes']);
registerCodecKeys(ServiceProfileCodec, SERVICE_PROFILE_KEYS, { payload: PayloadProfileCodec, latency: LatencyDerivationCodec, feature: FeatureSourceCodec });

/** Unknown keys of one service profile (`root` prefixes the paths). */
export function serviceKeyErrors(u: unknown, root = ''): string[] {
  return unknownKeyErrors(ServiceProfileCodec, u, root);
}

/** Unknown keys of a list of service profiles (paths `services[i]...`). */
export function serviceListKeyErrors(u: unknown): string[] {
  return unknownKeyErrors(t.array(ServiceProfileCodec), u, 'services');
}
