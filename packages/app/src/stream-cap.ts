import type { ClientAddress, ClientStreamsOptions } from './client-streams.ts'

/** The most event streams one client address holds open at once, unless told otherwise. */
export const DEFAULT_MAX_STREAMS_PER_CLIENT = 64

// RFC 9110's `token`: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+.^`|~\w-]+$/

/**
 * The cap on each client's open event streams: part of {@link AppOptions}.
 *
 * @example Node behind a proxy that sets `X-Forwarded-For`
 * ```ts
 * const cap: StreamCapOptions = { maxStreamsPerClient: 16, clientAddressHeader: 'x-forwarded-for' }
 * ```
 */
export interface StreamCapOptions {
  /**
   * The most event streams (`/sse`, `/events`, `/relay` and `/generations/:id` together) one
   * client address may hold open at once; one more gets `429 Too Many Requests` with
   * `Retry-After`. `false` for no cap.
   * It applies where the app can tell the client's address: give `clientAddress` or
   * `clientAddressHeader`.
   * @defaultValue 64
   */
  maxStreamsPerClient?: number | false | undefined
  /**
   * How the runtime tells the client's address, from the request's context: on Node
   * `getConnInfo(c)` of `@hono/node-server/conninfo`, on Bun `server.requestIP()`, on Deno
   * `info.remoteAddr`.
   * @defaultValue none: no cap
   */
  clientAddress?: ClientAddress | undefined
  /**
   * A header that the proxy in front of the app sets to the client's address, such as
   * `x-forwarded-for` (its last entry counts: the one the proxy appended) or `x-real-ip`. It is
   * trusted over the connection's address, so set it only when every request comes through that
   * proxy: a client that reaches the app directly can write any address into it. A request
   * without it counts under the connection's address.
   * @defaultValue none: the header is never read
   */
  clientAddressHeader?: string | undefined
}

/**
 * Checks the cap's options and fills in the default.
 *
 * @throws {RangeError} `maxStreamsPerClient` is not a positive whole number or `false`.
 * @throws {TypeError} `clientAddress` is not a function, or `clientAddressHeader` not a string.
 * @throws {SyntaxError} `clientAddressHeader` is not a header name.
 */
export function checkStreamCap(options: StreamCapOptions): ClientStreamsOptions {
  const { maxStreamsPerClient: max = DEFAULT_MAX_STREAMS_PER_CLIENT } = options
  if (max !== false && !(Number.isSafeInteger(max) && max > 0)) {
    throw new RangeError(
      `Cannot create the app: option \`maxStreamsPerClient\` must be a positive whole number or false, got ${String(max)}`,
    )
  }
  const { clientAddress: address, clientAddressHeader: header } = options
  if (address !== undefined && typeof address !== 'function') {
    throw new TypeError('Cannot create the app: option `clientAddress` must be a function')
  }
  if (header !== undefined && typeof header !== 'string') {
    throw new TypeError('Cannot create the app: option `clientAddressHeader` must be a string')
  }
  if (header !== undefined && !HEADER_NAME.test(header)) {
    throw new SyntaxError(
      `Cannot create the app: option \`clientAddressHeader\` must be a header name, got ${JSON.stringify(header)}`,
    )
  }
  return { max, address, header: header?.toLowerCase() }
}

/**
 * The cap's options from the environment, for a runtime's entry: `MAX_STREAMS_PER_CLIENT` (a
 * positive whole number) and `CLIENT_ADDRESS_HEADER` (a header name, e.g. `x-forwarded-for`, set
 * only behind a proxy that writes it). Unset or empty variables leave the defaults.
 *
 * @param env The variables, e.g. `process.env`.
 * @returns Options for `createApp()`.
 * @throws {RangeError} `MAX_STREAMS_PER_CLIENT` is not a positive whole number.
 *
 * @example Node
 * ```ts
 * const app = createApp({ ...streamCapFromEnv(process.env), clientAddress })
 * ```
 */
export function streamCapFromEnv(env: Record<string, string | undefined>): StreamCapOptions {
  const options: StreamCapOptions = {}
  const max = env.MAX_STREAMS_PER_CLIENT
  if (max) {
    if (!/^\d{1,9}$/.test(max) || Number(max) === 0) {
      throw new RangeError(
        `Cannot start: \`MAX_STREAMS_PER_CLIENT\` must be a positive whole number, got ${JSON.stringify(max)}`,
      )
    }
    options.maxStreamsPerClient = Number(max)
  }
  if (env.CLIENT_ADDRESS_HEADER) options.clientAddressHeader = env.CLIENT_ADDRESS_HEADER
  return options
}
