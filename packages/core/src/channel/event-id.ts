/**
 * Makes event IDs for a channel's events.
 *
 * @example Plain counters
 * ```ts
 * import { createChannel, type IdGenerator } from '@ssekit/core'
 * let n = 0
 * const counter: IdGenerator = () => String(++n)
 * const channel = createChannel({ generateId: counter })
 * return channel.subscribe(new Request('https://example.com/events'))
 * ```
 */
export type IdGenerator = () => string

/**
 * The default ID scheme, `<milliseconds>-<sequence>` (the format of Redis Stream entry IDs), which
 * only goes up, even across a restart or when the clock steps back. A client holding an ID from
 * before a restart is therefore never mistaken for one that is up to date with new events.
 *
 * @param now The clock in milliseconds.
 * @returns A generator: `'1764067200000-0'`, `'1764067200000-1'`, `'1764067200001-0'`, …
 *
 * @example Number events the way a Redis Stream would
 * ```ts
 * import { createChannel, timeOrderedIds } from '@ssekit/core'
 * const channel = createChannel({ generateId: timeOrderedIds() })
 * return channel.subscribe(new Request('https://example.com/events'))
 * ```
 */
export function timeOrderedIds(now: () => number = Date.now): IdGenerator {
  let lastTime = 0
  let sequence = 0
  return () => {
    const time = Math.floor(now())
    if (time > lastTime) {
      lastTime = time
      sequence = 0
    } else {
      sequence++
    }
    return `${lastTime}-${sequence}`
  }
}
