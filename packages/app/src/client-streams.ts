import type { Context } from 'hono'

/**
 * Tells which client sent a request: its address as the runtime saw the connection, or
 * `undefined` when it cannot tell (the app then sets no cap for that request).
 *
 * @example On Node with `@hono/node-server`
 * ```ts
 * import { getConnInfo } from '@hono/node-server/conninfo'
 * const clientAddress: ClientAddress = (c) => getConnInfo(c).remote.address
 * ```
 */
export type ClientAddress = (c: Context) => string | undefined

/** How {@link ClientStreams} tells clients apart and how many streams each may hold. */
export interface ClientStreamsOptions {
  /** The most event streams one client address holds open at once, or `false` for no cap. */
  max: number | false
  /** The runtime's view of the client's address. */
  address?: ClientAddress | undefined
  /** A header the proxy in front sets to the client's address, trusted over the connection's. */
  header?: string | undefined
}

const NOTHING_TO_RELEASE = () => {}

/**
 * The open event streams of each client address, capped: a client that opens streams it never
 * reads would otherwise hold sockets, and file descriptors, until the process has none left.
 *
 * @example Take a slot for a stream, and give it back when the stream closes
 * ```ts
 * const clients = new ClientStreams({ max: 64, address: () => '192.0.2.1' })
 * app.get('/sse', (c) => {
 *   const release = clients.take(c)
 *   if (release === undefined) return c.text('Too many streams', 429)
 *   return sse(c, source, { onClose: release })
 * })
 * ```
 */
export class ClientStreams {
  readonly #options: ClientStreamsOptions
  readonly #open = new Map<string, number>()

  /** @param options The cap, and where a client's address comes from. */
  constructor(options: ClientStreamsOptions) {
    this.#options = options
  }

  /** The cap, or `false` for none. */
  get max(): number | false {
    return this.#options.max
  }

  /**
   * Counts one more stream for the request's client.
   *
   * @param c The request's context.
   * @returns A function that gives the slot back (it may run more than once; only the first
   *   counts), or `undefined` when the client already holds `max` streams.
   */
  take(c: Context): (() => void) | undefined {
    const { max } = this.#options
    const address = max === false ? undefined : this.#addressOf(c)
    if (max === false || address === undefined) return NOTHING_TO_RELEASE
    const open = this.#open.get(address) ?? 0
    if (open >= max) return undefined
    this.#open.set(address, open + 1)
    let held = true
    return () => {
      if (!held) return
      held = false
      const left = (this.#open.get(address) ?? 1) - 1
      // Only addresses with open streams stay in the map, so it cannot grow without bound.
      if (left === 0) this.#open.delete(address)
      else this.#open.set(address, left)
    }
  }

  #addressOf(c: Context): string | undefined {
    const { header, address } = this.#options
    if (header !== undefined) {
      // A proxy appends the address it saw to what the client sent: only the last entry is its
      // own, anything before it the client could have written.
      const forwarded = c.req.header(header)?.split(',').at(-1)?.trim()
      if (forwarded) return forwarded
    }
    return address?.(c)
  }
}
