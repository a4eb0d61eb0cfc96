/**
 * `test.prop` for the property tests, with the call shape and behaviour of @fast-check/vitest's:
 * `test.prop([arb, ...], params?)(name, prop, timeout?)` registers the vitest test
 * `${name} (with seed=${seed})` whose body is `fc.assert(fc.asyncProperty(...arbs, prop), { ...params, seed })`
 * (the seed: `params.seed`, else fast-check's global one, else a fresh random seed, printed in the
 * test name so a failure can be replayed; `interruptAfterTimeLimit` defaults to the global one).
 * A plain `test(name, fn, options?)` is vitest's `test`.
 *
 * Why not import @fast-check/vitest (issue 18, target 6): its 0.5 release builds its `test` at import
 * by walking every chain of vitest 4's chainable test API (`test.skip.concurrent.each…`), which costs
 * ~3 s of CPU in each worker before the first test runs — more than all the property runs of most
 * files. The suite uses only `test.prop` with tuples of arbitraries (no record form, no `g` context, no
 * beforeEach/afterEach hooks, which @fast-check/vitest re-runs between property runs), so this file
 * gives the same tests and the same checks.
 *
 * This module is not test/support/fc-runs.ts: importing it does not put a file in the slow tier.
 * @fast-check/vitest stays pinned in devDependencies (the project's toolchain): it is the reference for
 * this call shape, and the suite can import it again once its import no longer costs seconds per worker.
 */
import * as fc from 'fast-check';
import { test as vitestTest } from 'vitest';

export { fc };

type ArbitraryTuple<Ts extends [unknown] | unknown[]> = { [P in keyof Ts]: fc.Arbitrary<Ts[P]> };
type Prop<Ts extends [unknown] | unknown[]> = (...args: Ts) => boolean | void | PromiseLike<boolean | void>;

function prop<Ts extends [unknown] | unknown[]>(
  arbitraries: ArbitraryTuple<Ts>,
  params?: fc.Parameters<Ts>,
): (testName: string, body: Prop<Ts>, timeout?: number) => void {
  return (testName, body, timeout) => {
    const custom: fc.Parameters<Ts> = { ...params };
    if (custom.seed === undefined) custom.seed = fc.readConfigureGlobal().seed ?? Date.now() ^ (Math.random() * 4294967296);
    if (custom.interruptAfterTimeLimit === undefined) {
      const limit = fc.readConfigureGlobal().interruptAfterTimeLimit;
      if (limit !== undefined) custom.interruptAfterTimeLimit = limit;
    }
    const property = fc.asyncProperty(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), (...args: unknown[]) =>
      Promise.resolve((body as (...a: unknown[]) => boolean | void | PromiseLike<boolean | void>)(...args)),
    );
    vitestTest(`${testName} (with seed=${String(custom.seed)})`, async () => {
      await fc.assert(property as unknown as fc.IAsyncProperty<Ts>, custom);
    }, timeout);
  };
}

/** vitest's `test` (every call and chain forwarded to it), plus `test.prop` (above). */
export const test = new Proxy(vitestTest, {
  get: (target, key, receiver) => (key === 'prop' ? prop : Reflect.get(target, key, receiver)),
}) as typeof vitestTest & { readonly prop: typeof prop };
