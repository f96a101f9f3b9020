import { encode } from '../encode.ts'

const encoder = new TextEncoder()

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
 * import { compareTimeOrderedIds } from '@ssekit/core/backend'
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

/**
 * The event a channel sends before a replay when the client's `Last-Event-ID` is unknown or has
 * expired: the events that follow are everything still stored, and some before them may be
 * missing. Its `data` is JSON, `{"lastEventId":"…"}`, naming the ID that was not found; it carries
 * no `id`, so the client's last event ID is unchanged.
 *
 * @example Refetch the full state when events were missed
 * ```ts
 * import { GAP_EVENT } from '@ssekit/core'
 * const source = new EventSource('/events')
 * source.addEventListener(GAP_EVENT, () => void fetch('/state'))
 * return new Response(GAP_EVENT)
 * ```
 */
export const GAP_EVENT: string = 'ssekit-gap'

// Longer IDs are cut in the notice: the client cannot have had them from us anyway.
const MAX_NAMED_ID = 1024

/**
 * The wire bytes of the {@link GAP_EVENT} for a client that asked to resume after `lastEventId`,
 * for channel backends that write a replay themselves.
 *
 * @param lastEventId The ID the client sent, which the backend no longer holds (or never did).
 * @returns The encoded event, ready to write before what is still stored.
 *
 * @example Warn a client that its replay is incomplete
 * ```ts
 * import { encodeGap } from '@ssekit/core/backend'
 * const notice = new TextDecoder().decode(encodeGap('1764067200000-0'))
 * return new Response(notice, { headers: { 'content-type': 'text/event-stream' } })
 * ```
 */
export function encodeGap(lastEventId: string): Uint8Array {
  const named = lastEventId.slice(0, MAX_NAMED_ID)
  return encoder.encode(encode({ event: GAP_EVENT, data: { lastEventId: named } }))
}
