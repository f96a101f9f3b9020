import { encode } from '../encode.ts'

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

const encoder = new TextEncoder()

// Longer IDs are cut in the notice: the client cannot have had them from us anyway.
const MAX_NAMED_ID = 1024

/** @internal The gap notice for a client that asked to resume after `lastEventId`. */
export function encodeGap(lastEventId: string): Uint8Array {
  const named = lastEventId.slice(0, MAX_NAMED_ID)
  return encoder.encode(encode({ event: GAP_EVENT, data: { lastEventId: named } }))
}
