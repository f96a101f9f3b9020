import type { Context } from 'hono'
import { SeverableBody } from './severable-body.ts'

/** A response body, and how to end its connection with it. */
export interface EndableBody {
  /** The body to answer with. */
  body: ReadableStream<Uint8Array>
  /** Ends the connection: at once where the runtime can, else once it writes again. */
  end(): void
}

/**
 * Prepares a stream's body so that its connection can end with it: through the runtime's
 * `closeConnection` where it has one (the body then passes through as it is), else by erroring
 * the body, after which the runtime drops the connection rather than keep it for another request.
 *
 * @param body The stream's body.
 * @param c The request's context, for `closeConnection`.
 * @param closeConnection The runtime's way to close a connection now, if it has one.
 * @returns The body to answer with, and `end()`.
 *
 * @example End the connection when the server ends the stream
 * ```ts
 * const { body, end } = endableBody(response.body, c, undefined)
 * setTimeout(end, 60_000)
 * return c.body(body, response)
 * ```
 */
export function endableBody(
  body: ReadableStream<Uint8Array>,
  c: Context,
  closeConnection: ((c: Context) => void) | undefined,
): EndableBody {
  if (closeConnection !== undefined) return { body, end: () => closeConnection(c) }
  const severable = new SeverableBody(body)
  const reason = new Error('Closed a connection whose feed stream the server ended')
  return { body: severable.stream, end: () => severable.sever(reason) }
}
