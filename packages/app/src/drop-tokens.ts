/** The event that hands a feed stream its drop token, before anything else on that stream. */
export const DROP_TOKEN_EVENT = 'drop-token'
/** The request header `POST /events/drop` reads the token from. */
export const DROP_TOKEN_HEADER = 'drop-token'

/**
 * The drop hooks of the open feed streams: each stream gets an unguessable token that only it
 * receives, and only that token closes it. Another client cannot drop or take over a stream it
 * never read.
 *
 * @example Issue, then drop
 * ```ts
 * const drops = new DropTokens()
 * const { token, signal } = drops.issue()
 * drops.drop(token) // true, and `signal` aborts
 * ```
 */
export class DropTokens {
  readonly #streams = new Map<string, AbortController>()

  /**
   * Issues a token for a new stream.
   *
   * @returns The token and the signal that aborts when someone presents it to {@link drop}.
   */
  issue(): { token: string; signal: AbortSignal } {
    // 122 random bits from the platform's CSPRNG.
    const token = crypto.randomUUID()
    const controller = new AbortController()
    this.#streams.set(token, controller)
    return { token, signal: controller.signal }
  }

  /** Forgets a token once its stream has closed, so the map holds open streams only. */
  forget(token: string): void {
    this.#streams.delete(token)
  }

  /**
   * Closes the stream that holds `token`.
   *
   * @returns Whether an open stream held it.
   */
  drop(token: string): boolean {
    const controller = this.#streams.get(token)
    if (controller === undefined) return false
    this.#streams.delete(token)
    controller.abort()
    return true
  }
}
