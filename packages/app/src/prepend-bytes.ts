/**
 * A stream that yields `head` first, then whatever `body` yields. It reads `body` only as its own
 * reader asks (high-water mark 0), so the source still sees a slow client as slow, and cancelling
 * it cancels `body`, so the source still hears that the client left.
 *
 * @param head The bytes to send first.
 * @param body The stream to pass on after them.
 * @returns The joined stream.
 *
 * @example Send an event of this stream's own before a channel's events
 * ```ts
 * const hello = new TextEncoder().encode('event: hello\ndata: hi\n\n')
 * const response = channel.subscribe(request)
 * return new Response(response.body && prependBytes(hello, response.body), response)
 * ```
 * @see https://streams.spec.whatwg.org/#rs-pull
 */
export function prependBytes(
  head: Uint8Array,
  body: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let sentHead = false
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!sentHead) {
          sentHead = true
          controller.enqueue(head)
          return
        }
        const { done, value } = await reader.read()
        if (done) controller.close()
        else controller.enqueue(value)
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  )
}
