import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { decodeServiceProfile, decodeServices, ServiceProfileCodec } from '../../src/codecs/service.js';
import { parseBits, parseBytes, parseEpsilon, parseKHz, parseMHz, parseMs, EpsilonCodec, PositiveMsCodec } from '../../src/codecs/quantity.js';
import { decodeWith } from '../../src/codecs/decode.js';
import type { ServiceProfile } from '../../src/services/catalogue.js';
import { services } from '../../src/services/catalogue.js';

const sizes = fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 8 }).map((a) => a.sort((x, y) => x - y));
const pos = fc.double({ min: 1e-3, max: 1e5, noNaN: true, noDefaultInfinity: true });
const profile: fc.Arbitrary<ServiceProfile> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
  name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
  direction: fc.constantFrom('DL' as const, 'UL' as const),
  sizes,
  periodMs: pos,
  latencyBudgetMs: pos,
  epsilon: fc.double({ min: 1e-12, max: 0.49, noNaN: true }),
  fiveQi: fc.option(fc.integer({ min: 1, max: 255 }), { nil: null }),
  source: fc.string({ maxLength: 40 }),
  description: fc.string({ maxLength: 40 }),
  ueCount: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
  jitterMs: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined }),
}).map(({ sizes: s, ueCount, jitterMs, ...rest }) => ({
  ...rest,
  payload: { minBytes: s[0]!, maxBytes: s[s.length - 1]!, sizesBytes: s },
  ...(ueCount !== undefined ? { ueCount } : {}),
  ...(jitterMs !== undefined ? { jitterMs } : {}),
}));

describe('codecs laws', () => {
  test.prop([fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true })])(
    'decoders never throw on arbitrary values', (u) => {
      expect(() => decodeServiceProfile(u)).not.toThrow();
      expect(() => decodeServices(u)).not.toThrow();
      expect(() => decodeServices([u, u])).not.toThrow();
      for (const p of [parseBits, parseBytes, parseMs, parseMHz, parseKHz, parseEpsilon]) {
        const r = p(u);
        if (E.isRight(r)) expect(Number.isFinite(r.right)).toBe(true);
      }
    });

  test.prop([fc.json()])('arbitrary JSON text decodes to a value or a path-named error', (text) => {
    const r = decodeServiceProfile(JSON.parse(text));
    if (E.isLeft(r)) {
      expect(r.left._tag).toBe('DecodeError');
      if (r.left._tag === 'DecodeError') for (const line of r.left.errors) expect(line).toMatch(/^.+: expected .+, got /);
    }
  });

  test.prop([profile])('every valid profile round-trips (also through JSON text)', (p) => {
    const enc = ServiceProfileCodec.encode(p);
    const back = decodeServiceProfile(JSON.parse(JSON.stringify(enc)));
    expect(E.isRight(back)).toBe(true);
    if (E.isRight(back)) expect(back.right).toEqual(p);
  });

  test.prop([fc.constantFrom(...services)])('every catalogue entry decodes through its own codec', (s) => {
    const back = decodeServiceProfile(ServiceProfileCodec.encode(s));
    expect(E.isRight(back) && back.right).toEqual(s);
  });

  test.prop([fc.double({ min: 1e-6, max: 1e6, noNaN: true })])('"x ms" and "x/1000 s" decode to the same duration', (x) => {
    const a = decodeWith(PositiveMsCodec, `${x} ms`);
    const b = decodeWith(PositiveMsCodec, `${x / 1000} s`);
    expect(E.isRight(a) && E.isRight(b)).toBe(true);
    if (E.isRight(a) && E.isRight(b)) expect(Math.abs(a.right - b.right)).toBeLessThanOrEqual(1e-9 * Math.max(1, x));
  });

  test.prop([fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 8 })])('"(100 - d·10^-k) %" reliability gives epsilon d·10^-(k+2) exactly', (d, k) => {
    const rel = (100 - d * 10 ** -k).toFixed(k);
    const r = decodeWith(EpsilonCodec, `${rel} %`);
    expect(E.isRight(r) && r.right).toBe(Number(`${d}e-${k + 2}`));
  });
});
