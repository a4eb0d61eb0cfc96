import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { decodeServiceProfile, decodeServices, PayloadProfileCodec, ServiceProfileCodec } from '../../src/codecs/service.js';

const userJson = {
  id: 'my.features', name: 'My split-DNN uplink', direction: 'UL',
  payload: { minBytes: '10 kB', maxBytes: '100 kbit', sizesBytes: ['12 kB'] },
  periodMs: '33 ms', latencyBudgetMs: '0.01 s', epsilon: '99.99 %', fiveQi: 90,
  arrival: 'poisson', ueCount: 3, unknownField: 'dropped',
};

describe('codecs/service', () => {
  it('decodes a user-written profile with human quantities and defaults', () => {
    const r = decodeServiceProfile(userJson);
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    expect(r.right).toEqual({
      id: 'my.features', name: 'My split-DNN uplink', direction: 'UL',
      payload: { minBytes: 10_000, maxBytes: 12_500, sizesBytes: [10_000, 12_000, 12_500] },
      periodMs: 33, latencyBudgetMs: 10, epsilon: 1e-4, fiveQi: 90, source: 'user', description: '', arrival: 'poisson', ueCount: 3,
    });
    // round trip through JSON
    const again = decodeServiceProfile(JSON.parse(JSON.stringify(ServiceProfileCodec.encode(r.right))));
    expect(E.isRight(again) && again.right).toEqual(r.right);
  });
  it('payload: sizes sorted, unique, min and max included; min <= size <= max', () => {
    const p = PayloadProfileCodec.decode({ minBytes: 10, maxBytes: 100, sizesBytes: [50, 10, 50] });
    expect(E.isRight(p) && p.right).toEqual({ minBytes: 10, maxBytes: 100, sizesBytes: [10, 50, 100] });
    const bad = decodeServiceProfile({ ...userJson, payload: { minBytes: 100, maxBytes: 10 } });
    expect(E.isLeft(bad) && bad.left.message).toBe('payload.maxBytes: expected >= minBytes (100), got 10');
  });
  it('lists every problem with its path', () => {
    const r = decodeServices([userJson, { ...userJson, id: 'b', latencyBudgetMs: -5, direction: 'up', fiveQi: 300 }, { ...userJson, id: 'my.features' }]);
    expect(E.isLeft(r)).toBe(true);
    if (E.isRight(r) || r.left._tag !== 'DecodeError') return;
    expect(r.left.errors).toEqual([
      'services[1].direction: expected one of "DL", "UL", got "up"',
      'services[1].latencyBudgetMs: expected > 0, got -5',
      'services[1].fiveQi: expected null or an integer 5QI in 1..255, got 300',
    ]);
    const dup = decodeServices([userJson, { ...userJson }]);
    expect(E.isLeft(dup) && dup.left.message).toBe('services[1].id: expected an id not used before (services[0] has it), got "my.features"');
    const missing = decodeServiceProfile({ id: 'x' });
    expect(E.isLeft(missing) && missing.left.message).toContain('name: expected a non-empty string');
    expect(E.isLeft(missing) && missing.left.message).toContain('payload: expected');
  });
});
