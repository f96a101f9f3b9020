import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'

/**
 * The app's `onError`: logs what went wrong, with its stack, for the operator, and answers the
 * client a plain 500 that shows nothing of the server's internals (no message, stack or path).
 * An `HTTPException` keeps the response it was thrown with.
 *
 * @param error What a handler threw.
 * @param c The request's context.
 * @returns The response to send instead.
 *
 * @example
 * ```ts
 * const app = new Hono().onError(handleError)
 * ```
 * @see https://hono.dev/docs/api/hono#error-handling
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) return error.getResponse()
  console.error(`${c.req.method} ${c.req.path} failed:`, error)
  c.header('cache-control', 'no-store')
  return c.text('Internal server error', 500)
}
