import assert from 'node:assert/strict'
import { PROBES } from './hostile-probes.ts'
import { findInternals, rawRequest } from './raw-http.ts'
import { fetchStats, waitForStats } from './stats.ts'
import type { ConformanceOptions } from './suite-options.ts'

/** Options for {@link addHostileTests}. */
export interface HostileTestOptions extends ConformanceOptions {
  /**
   * Probes that the server's own toolchain (a dev server's proxy, say) answers with a 5xx whatever
   * the app does, by probe name, each with the reason. They are asserted to fail that way still,
   * so the test goes red, and the entry can go, once the toolchain is fixed.
   * @defaultValue none
   */
  failInTheToolchain?: Readonly<Record<string, string>> | undefined
}

/**
 * Adds the hostile-input tests: requests a hostile client sends on a raw socket (a 10 MB body in
 * one write, `OPTIONS *`, a Host of `a b`, malformed framing, bad UTF-8, deep JSON and more) each
 * get an answer below 500 (501 to an unknown method) that shows no stack, file path or source
 * position, the oversized ones a 413; afterwards the server still answers and no probe left a
 * stream open.
 *
 * @param options The runner's `test`, the server's base URL, and the probes known to fail in
 *   the toolchain whatever the app does.
 *
 * @example Under vitest, on the server of the feed suite
 * ```ts
 * addHostileTests({ test, baseUrl: () => server.url })
 * ```
 */
export function addHostileTests({
  test,
  baseUrl,
  failInTheToolchain = {},
}: HostileTestOptions): void {
  for (const name of Object.keys(failInTheToolchain)) {
    if (!(name in PROBES)) throw new Error(`No probe is called ${name}`)
  }
  // Streams other suites left on a shared server may close late (workerd under wrangler dev
  // notices a quiet client only at its next heartbeat): the probes must only not add to them.
  let openBefore = 0
  test('hostile: the server answers /stats before the probes', async () => {
    openBefore = (await fetchStats(baseUrl())).open
  })
  for (const [name, probe] of Object.entries(PROBES)) {
    const upstream = failInTheToolchain[name]
    if (upstream !== undefined) {
      test(`hostile: ${name} still fails in the toolchain (${upstream})`, async () => {
        const answer = await rawRequest(baseUrl(), probe.send)
        const shown = answer.text.slice(0, 200)
        assert.ok(
          (answer.status ?? 0) >= 500,
          `Now ${answer.status}: drop it from the list. ${shown}`,
        )
      })
      continue
    }
    const expected = probe.status ?? `below 500${probe.also ? ` or ${probe.also.join(', ')}` : ''}`
    test(`hostile: ${name} gets ${expected}, showing no internals`, async () => {
      const answer = await rawRequest(baseUrl(), probe.send)
      const shown = answer.text.slice(0, 300)
      assert.ok(answer.closed, `The server neither answered nor closed: ${shown}`)
      if (probe.status !== undefined) assert.equal(answer.status, probe.status, shown)
      const { status = 0 } = answer
      assert.ok(status < 500 || (probe.also ?? []).includes(status), shown)
      assert.equal(findInternals(answer.text), undefined, 'The answer shows server internals')
    })
  }

  test('hostile: after the probes the server still answers, and no probe left a stream open', async () => {
    await waitForStats(baseUrl(), (stats) => stats.open <= openBefore)
  })
}
