import { encode } from '@ssekit/core'

const encoder = new TextEncoder()

/**
 * The event a channel sends before a replay when the client's `Last-Event-ID` is unknown or has
 * expired: the events that follow are everything still stored, and some before them may be
 * missing. Its `data` is JSON, `{"lastEventId":"…"}`, naming the ID that was not found; it carries
 * no `id`, so the client's last event ID is unchanged.
 *
 * @example Refetch the full state when events were missed
 * ```ts
 * import { GAP_EVENT } from '@ssekit/channel'
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
 * import { encodeGap } from '@ssekit/channel/backend'
 * const notice = new TextDecoder().decode(encodeGap('1764067200000-0'))
 * return new Response(notice, { headers: { 'content-type': 'text/event-stream' } })
 * ```
 */
export function encodeGap(lastEventId: string): Uint8Array {
  const named = lastEventId.slice(0, MAX_NAMED_ID)
  return encoder.encode(encode({ event: GAP_EVENT, data: { lastEventId: named } }))
}
