import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  BitsCodec, EpsilonCodec, KHzCodec, MHzCodec, PositiveBytesCodec, PositiveIntCodec, PositiveMsCodec, ProbabilityCodec,
  parseBits, parseBytes, parseEpsilon, parseKHz, parseMHz, parseMs,
} from '../../src/codecs/quantity.js';
import { decodeWith, formatDecodeErrors } from '../../src/codecs/decode.js';

const R = <A>(e: E.Either<unknown, A>): A | 'left' => (E.isRight(e) ? e.right : 'left');
const msg = (e: E.Either<{ message: string }, unknown>): string => (E.isLeft(e) ? e.left.message : 'right');

describe('codecs/quantity parsing (mathjs unit at the edge)', () => {
  it('data sizes', () => {
    expect(R(parseBits('25 kB'))).toBe(200_000);
    expect(R(parseBits('100 kbit'))).toBe(100_000);
    expect(R(parseBits('100 kb'))).toBe(100_000);
    expect(R(parseBits('1 Mbit'))).toBe(1_000_000);
    expect(R(parseBits('3 bits'))).toBe(3);
    expect(R(parseBits(424))).toBe(424);
    expect(R(parseBytes('25 kB'))).toBe(25_000);
    expect(R(parseBytes('100 kbit'))).toBe(12_500);
    expect(R(parseBytes('1 KiB'))).toBe(1024);
    expect(R(parseBytes('1500 B'))).toBe(1500);
    expect(R(parseBytes('1500'))).toBe(1500);
    expect(R(parseBytes('3 bit'))).toBe('left'); // not a whole byte
    expect(R(parseBytes('5 ms'))).toBe('left'); // wrong dimension
  });
  it('durations and frequencies', () => {
    expect(R(parseMs('5 ms'))).toBe(5);
    expect(R(parseMs('0.5 s'))).toBe(500);
    expect(R(parseMs('0.1 s'))).toBe(100);
    expect(R(parseMs('500 us'))).toBe(0.5);
    expect(R(parseMs('500 µs'))).toBe(0.5);
    expect(R(parseMs(' 2.5ms '))).toBe(2.5);
    expect(R(parseMHz('20 MHz'))).toBe(20);
    expect(R(parseMHz('1.4 MHz'))).toBe(1.4);
    expect(R(parseMHz('400000 kHz'))).toBe(400);
    expect(R(parseKHz('30 kHz'))).toBe(30);
    expect(R(parseKHz('0.12 MHz'))).toBe(120);
    expect(R(parseMHz('20 ms'))).toBe('left');
  });
  it('epsilon from a probability or a reliability in percent (digit-exact)', () => {
    expect(R(parseEpsilon('99.999 %'))).toBe(1e-5);
    expect(R(parseEpsilon('99.999%'))).toBe(1e-5);
    expect(R(parseEpsilon('99.9999 %'))).toBe(1e-6);
    expect(R(parseEpsilon('99 %'))).toBe(0.01);
    expect(R(parseEpsilon('1e-5'))).toBe(1e-5);
    expect(R(parseEpsilon(1e-9))).toBe(1e-9);
    expect(R(parseEpsilon(0.99999))).toBe('left');
    expect(R(parseEpsilon('100 %'))).toBe('left');
    expect(R(parseEpsilon('0 %'))).toBe('left');
    expect(R(parseEpsilon('99.999'))).toBe('left');
  });
  it('refuses anything that is not number + unit (no expression evaluation)', () => {
    for (const bad of ['1+1 ms', 'import("fs")', '2 * 3 kB', 'evaluate(1)', '5 ms; 6 ms', '', '   ', 'kB', '1e400 B', 'x'.repeat(100), '5 parsec', '5 foo']) {
      expect(R(parseMs(bad)), bad).toBe('left');
      expect(R(parseBytes(bad)), bad).toBe('left');
    }
    expect(R(parseMs(Number.POSITIVE_INFINITY))).toBe('left');
    expect(R(parseMs(null))).toBe('left');
    expect(msg(parseMs('soon', 'periodMs'))).toBe('periodMs: expected a duration in ms or a string such as "5 ms", got "soon"');
  });
});

describe('codecs/quantity io-ts codecs', () => {
  it('decode strings and numbers, encode plain numbers, and round-trip', () => {
    expect(R(PositiveMsCodec.decode('5 ms'))).toBe(5);
    expect(R(PositiveBytesCodec.decode('25 kB'))).toBe(25_000);
    expect(R(BitsCodec.decode('100 kbit'))).toBe(100_000);
    expect(R(MHzCodec.decode('20 MHz'))).toBe(20);
    expect(R(KHzCodec.decode('30 kHz'))).toBe(30);
    expect(R(EpsilonCodec.decode('99.999 %'))).toBe(1e-5);
    for (const [c, v] of [[PositiveMsCodec, 0.125], [PositiveBytesCodec, 1500], [EpsilonCodec, 1e-5], [MHzCodec, 100]] as const) {
      expect(R(c.decode(c.encode(v)))).toBe(v);
      expect(c.is(v)).toBe(true);
    }
    expect(PositiveIntCodec.is(2.5)).toBe(false);
    expect(ProbabilityCodec.is(1.01)).toBe(false);
  });
  it('formats path-named errors: `path: expected ..., got ...`', () => {
    const C = t.type({ services: t.array(t.type({ latencyBudgetMs: PositiveMsCodec, epsilon: EpsilonCodec })) });
    const r = C.decode({ services: [{ latencyBudgetMs: 1, epsilon: 1e-5 }, { latencyBudgetMs: 2, epsilon: 1e-5 }, { latencyBudgetMs: -5, epsilon: 1e-5 }] });
    expect(E.isLeft(r) && formatDecodeErrors(r.left)).toEqual(['services[2].latencyBudgetMs: expected > 0, got -5']);
    const d = decodeWith(C, { services: [{ latencyBudgetMs: '5 parsec', epsilon: 2 }] });
    expect(E.isLeft(d) && d.left._tag === 'DecodeError' && d.left.errors).toEqual([
      'services[0].latencyBudgetMs: expected a duration in ms or a string such as "5 ms", got "5 parsec"',
      'services[0].epsilon: expected an error probability in (0, 0.5) such as 1e-5, or a reliability such as "99.999 %", got 2',
    ]);
    const root = decodeWith(PositiveMsCodec, -1);
    expect(E.isLeft(root) && root.left.message).toBe('(root): expected > 0, got -1');
    const u = decodeWith(t.union([t.type({ a: PositiveIntCodec }), t.type({ b: PositiveIntCodec })]), { a: 0 });
    expect(E.isLeft(u) && u.left.message).toContain('a: expected an integer >= 1, got 0');
  });
  it('decode never throws, even on hostile objects', () => {
    const hostile = new Proxy({}, { get() { throw new Error('boom'); }, ownKeys() { throw new Error('boom'); } });
    const r = decodeWith(t.type({ a: PositiveMsCodec }), hostile);
    expect(E.isLeft(r)).toBe(true);
  });
});
