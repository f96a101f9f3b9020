import assert from 'node:assert/strict'
import { openEventStream } from './event-stream-client.ts'
import type { RunningServer } from './start-server.ts'
import type { RegisterTest } from './suite-options.ts'

/** The drain window the suite starts its servers with: hints must fall within it. */
export const DRAIN_TEST_WINDOW_MS = 2000

/** Options for {@link addDrainTests}. */
export interface DrainTestOptions {
  test: RegisterTest
  /** Starts a server of the test's own with `env` added (it is stopped by the test). */
  start(env: Record<string, string>): Promise<RunningServer>
}

/**
 * Adds the graceful-drain test, against the app's real server: on `SIGTERM` every open event
 * stream ends with a `retry:` hint within `DRAIN_WINDOW_MS`, and the process logs
 * `ssekit.drain.started` and `ssekit.drain.done` (nothing left open) before it exits by itself.
 *
 * @example
 * ```ts
 * addDrainTests({ test, start: (env) => startServer({ command: process.execPath, args: ['src/main.ts'], env }) })
 * ```
 */
export function addDrainTests({ test, start }: DrainTestOptions): void {
  test('SIGTERM ends every stream with a retry hint within the window, logs the drain and exits', async () => {
    const server = await start({ DRAIN_WINDOW_MS: String(DRAIN_TEST_WINDOW_MS) })
    const streams = await Promise.all(
      [1, 2, 3].map(() => openEventStream(`${server.url}/events`, { timeoutMs: 10_000 })),
    )
    for (const stream of streams) await stream.waitForEvents(1)
    // SIGTERM only: the process must exit by itself (stop() would SIGKILL a late one).
    server.signal('SIGTERM')
    try {
      for (const stream of streams) await stream.readToEnd()
      await server.exited
    } finally {
      await server.stop()
    }
    for (const stream of streams) {
      const hint = stream.retries.at(-1)
      assert.ok(
        hint !== undefined && hint >= 0 && hint <= DRAIN_TEST_WINDOW_MS,
        `The stream ended with a retry hint within the window, got ${String(hint)}`,
      )
    }
    const records = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{"time"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const started = records.find((record) => record.event === 'ssekit.drain.started')
    const done = records.find((record) => record.event === 'ssekit.drain.done')
    assert.equal(started?.streams, 3, server.output())
    assert.equal(done?.remaining, 0, server.output())
  })
}
