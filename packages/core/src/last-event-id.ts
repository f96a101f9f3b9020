import { requestedLastEventId } from './internal/requested-id.ts'

/**
 * Options for {@link lastEventId}.
 *
 * @example Accept only short numeric IDs
 * ```ts
 * import { lastEventId } from '@ssekit/core'
 * const id = lastEventId(request, { maxLength: 16 })
 * return new Response(id === undefined || /^\d+$/.test(id) ? 'ok' : 'bad id')
 * ```
 */
export interface LastEventIdOptions {
  /**
   * Longer values are treated as absent.
   * @defaultValue 1024
   */
  maxLength?: number | undefined
}

const INVALID = /[\r\n\0]/

/**
 * Reads the ID of the last event a reconnecting client saw: the `Last-Event-ID` header, or else
 * a `lastEventId` query parameter (for polyfills that cannot set headers).
 *
 * @param request The incoming request.
 * @param options The length cap.
 * @returns The ID, or `undefined` when absent, empty, too long, or holding CR, LF or U+0000.
 *
 * @example Catch a reconnecting client up
 * ```ts
 * import { lastEventId, sseResponse } from '@ssekit/core'
 * const log = ['a', 'b', 'c']
 * function handle(request: Request): Response {
 *   const after = Number(lastEventId(request) ?? -1)
 *   async function* missed() {
 *     for (let i = after + 1; i < log.length; i++) yield { id: String(i), data: log[i] ?? '' }
 *   }
 *   return sseResponse(missed(), { signal: request.signal })
 * }
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
 */
export function lastEventId(
  request: Request,
  options: LastEventIdOptions = {},
): string | undefined {
  const maxLength = options.maxLength ?? 1024
  const value = requestedLastEventId(request)
  if (value === undefined || value.length > maxLength || INVALID.test(value)) return undefined
  return value
}
