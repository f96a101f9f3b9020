/**
 * Makes event IDs for a channel's events.
 *
 * @example Plain counters
 * ```ts
 * import { createChannel, type IdGenerator } from '@ssekit/channel'
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
 * import { createChannel, timeOrderedIds } from '@ssekit/channel'
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

/**
 * Orders two IDs of the `<milliseconds>-<sequence>` form that {@link timeOrderedIds} and Redis
 * Streams issue: negative if `a` came first, positive if `b` did, 0 if equal. Both parts are
 * compared as whole numbers of any size, so `'9-0'` comes before `'10-0'`.
 *
 * @param a An ID.
 * @param b Another ID.
 * @returns The order of `a` relative to `b`; `NaN` when either is not of this form.
 *
 * @example Sort IDs the way they were issued
 * ```ts
 * import { compareTimeOrderedIds } from '@ssekit/channel/backend'
 * const ids = ['10-0', '9-1', '9-0'].sort(compareTimeOrderedIds)
 * return new Response(ids.join(' ')) // "9-0 9-1 10-0"
 * ```
 */
export function compareTimeOrderedIds(a: string, b: string): number {
  const left = TIME_ORDERED.exec(a)
  const right = TIME_ORDERED.exec(b)
  if (left === null || right === null) return Number.NaN
  return (
    compareDigits(left[1] as string, right[1] as string) ||
    compareDigits(left[2] as string, right[2] as string)
  )
}

const TIME_ORDERED = /^(0|[1-9]\d*)-(0|[1-9]\d*)$/

// Canonical digit strings (no leading zeros) order by length, then character by character.
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}
