import assert from 'node:assert/strict'

// The shape of a tick: RFC 3339, UTC, whole seconds.
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

/**
 * Asserts that a tick's data is the current UTC time as RFC 3339 with second precision, e.g.
 * `2026-11-23T20:05:44Z`, within `slackMs` of this machine's clock.
 *
 * @param data The event's data.
 * @param slackMs How far from now the time may be.
 *
 * @example
 * ```ts
 * assertTick(event.data)
 * ```
 */
export function assertTick(data: string, slackMs = 10_000): void {
  assert.match(data, UTC_SECONDS, `A tick must look like 2026-11-23T20:05:44Z, got ${data}`)
  const at = Date.parse(data)
  assert.ok(Number.isFinite(at), `A tick must be a real date, got ${data}`)
  const offset = Math.abs(Date.now() - at)
  assert.ok(offset <= slackMs, `A tick must be near now, got ${data}, ${offset} ms away`)
}
