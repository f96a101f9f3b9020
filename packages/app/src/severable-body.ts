/**
 * A response body that passes on `source` chunk by chunk, and that {@link SeverableBody.sever}
 * errors instead of ending. A server that sees a body error cannot finish the response, so it
 * closes the connection (Bun resets it, Deno closes it); a body that merely ends leaves the
 * connection open for the next request.
 *
 * @example End a stream and its connection
 * ```ts
 * const body = new SeverableBody(response.body)
 * setTimeout(() => body.sever(), 60_000)
 * return new Response(body.stream, response)
 * ```
 */
export class SeverableBody {
  /** The body to respond with. */
  readonly stream: ReadableStream<Uint8Array>
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined
  #done = false

  /** @param source The body to pass on; it is read from here on. */
  constructor(source: ReadableStream<Uint8Array>) {
    this.#reader = source.getReader()
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller
        },
        pull: async (controller) => {
          const { done, value } = await this.#reader.read()
          if (this.#done) return
          if (!done) return controller.enqueue(value)
          this.#done = true
          controller.close()
        },
        cancel: (reason) => {
          this.#done = true
          return this.#reader.cancel(reason)
        },
      },
      // Nothing waits in here: the source's own queue stays the only one.
      { highWaterMark: 0 },
    )
  }

  /** Errors the body, unless it already ended, and lets go of the source. */
  sever(reason: Error): void {
    if (this.#done) return
    this.#done = true
    this.#controller?.error(reason)
    this.#reader.cancel(reason).catch(() => {})
  }
}
