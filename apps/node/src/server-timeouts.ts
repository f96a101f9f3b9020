import type { ServerOptions } from 'node:http'

/** How long a client may take to send its request headers, unless `HEADERS_TIMEOUT_MS` says. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000
/** How long a client may take to send its whole request, unless `REQUEST_TIMEOUT_MS` says. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000

/**
 * The `node:http` timeouts for the request side of a connection, from the environment. A client
 * that connects and sends nothing, or half a request line, or part of a body, is answered 408 and
 * disconnected once they pass; Node's defaults are 60 s for the headers and 300 s for the whole
 * request, checked only every 30 s. `requestTimeout` covers receiving the request only: an event
 * stream, whose request ended long ago, is never cut by it.
 *
 * @param env `HEADERS_TIMEOUT_MS` and `REQUEST_TIMEOUT_MS`, whole milliseconds.
 * @returns Options for `http.createServer()` (`serverOptions` of `@hono/node-server`).
 * @throws {RangeError} When a value is not a positive whole number, or the headers may take
 *   longer than the whole request.
 *
 * @example With @hono/node-server
 * ```ts
 * serve({ fetch: app.fetch, port: 8080, serverOptions: serverTimeouts(process.env) })
 * ```
 * @see https://nodejs.org/api/http.html#serverrequesttimeout
 */
export function serverTimeouts(env: Record<string, string | undefined>): ServerOptions {
  const headersTimeout = milliseconds(env, 'HEADERS_TIMEOUT_MS', DEFAULT_HEADERS_TIMEOUT_MS)
  const requestTimeout = milliseconds(env, 'REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS)
  if (headersTimeout > requestTimeout) {
    throw new RangeError(
      `Cannot start: \`HEADERS_TIMEOUT_MS\` (${headersTimeout}) must not exceed \`REQUEST_TIMEOUT_MS\` (${requestTimeout})`,
    )
  }
  return {
    headersTimeout,
    requestTimeout,
    // Node checks the two timeouts on this period; its default of 30 s would let them run late.
    connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeout / 4)),
  }
}

function milliseconds(env: Record<string, string | undefined>, name: string, fallback: number) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const ms = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN
  if (ms > 0) return ms
  throw new RangeError(
    `Cannot start: \`${name}\` must be a positive whole number of milliseconds, got ${JSON.stringify(raw)}`,
  )
}
