/** Registers one test with whatever runner is in use: vitest, `bun:test`, `Deno.test`... */
export type RegisterTest = (name: string, fn: () => Promise<void>) => unknown

/** Options for every suite here: the runner and the server under test. */
export interface ConformanceOptions {
  /** The runner's `test` (or an adapter to it). The tests must run one after another. */
  test: RegisterTest
  /**
   * The server under test, e.g. `http://127.0.0.1:8787`, read when each test runs, so it may come
   * from a `beforeAll`. The server must be this suite's alone: it reads `/stats`.
   */
  baseUrl: () => string
}
