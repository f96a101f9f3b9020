import type { CloseReason } from '@ssekit/core'
import type { Context } from 'hono'
import type { AppDeps } from './route-module.ts'

/**
 * The `Retry-After` of a 429, in seconds: a slot frees only when one of the client's own streams
 * closes, which the server cannot foresee.
 */
export const STREAM_CAP_RETRY_AFTER_SECONDS = 5

/**
 * Counts a new event stream against its client's cap and in `/stats`. Call it once the request
 * is known to open a stream (after its parameters are checked), and pass what it returns as the
 * stream's `onClose`, which also runs for a HEAD request or a refused subscribe.
 *
 * @param deps The app's counters.
 * @param c The request's context.
 * @returns The stream's `onClose`, which counts it out of both, or the 429 (with `Retry-After`)
 *   to answer instead when the client already holds its most streams.
 *
 * @example A route with a stream of its own
 * ```ts
 * export const countdownRoutes: RouteModule = (deps) =>
 *   new Hono().get('/countdown', (c) => {
 *     const onClose = openStream(deps, c)
 *     if (onClose instanceof Response) return onClose
 *     return sse(c, countdown, { onClose })
 *   })
 * ```
 */
export function openStream(
  { stats, clients }: AppDeps,
  c: Context,
): ((reason: CloseReason) => void) | Response {
  const release = clients.take(c)
  if (release === undefined) {
    c.header('retry-after', String(STREAM_CAP_RETRY_AFTER_SECONDS))
    c.header('cache-control', 'no-store')
    return c.text(
      `Cannot open a stream: this client already holds ${clients.max} open event streams`,
      429,
    )
  }
  const untrack = stats.track()
  return (reason) => {
    release()
    untrack(reason)
  }
}
