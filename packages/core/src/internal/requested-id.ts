/**
 * The ID a client asks to resume after, as sent: the `Last-Event-ID` header, or else a
 * `lastEventId` query parameter (for polyfills that cannot set headers). `undefined` when it sent
 * none, or an empty one. Unlike the public `lastEventId()` it keeps a value no server could have
 * issued (too long, or holding CR, LF or U+0000): a channel answers that with its gap event,
 * not with a silent live start.
 *
 * @param request The client's request.
 * @returns The ID as sent, or `undefined`.
 *
 * @example Tell a fresh client from a resuming one
 * ```ts
 * import { requestedLastEventId } from '@ssekit/core/backend'
 * const after = requestedLastEventId(request)
 * return new Response(after === undefined ? 'fresh' : `resume after ${after.slice(0, 64)}`)
 * ```
 */
export function requestedLastEventId(request: Request): string | undefined {
  const value =
    request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId')
  return value || undefined
}
