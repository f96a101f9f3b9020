import { type EncodeOptions, encode } from './encode.ts'
import type { EventMap, SSEMessage } from './types.ts'

const encoder = new TextEncoder()

/**
 * A `TransformStream` from messages to event-stream bytes, for piping. An invalid message errors
 * this stream: validate with {@link encode} first where one bad message must not end the rest.
 *
 * @example Pipe messages into a response
 * ```ts
 * import { SSEEncoderStream, SSE_HEADERS } from '@ssekit/core'
 * const messages = new ReadableStream({
 *   start(controller) {
 *     controller.enqueue({ data: 'one' })
 *     controller.enqueue({ event: 'done', data: 'two' })
 *     controller.close()
 *   },
 * })
 * return new Response(messages.pipeThrough(new SSEEncoderStream()), { headers: SSE_HEADERS })
 * ```
 * @see https://developer.mozilla.org/docs/Web/API/TransformStream
 */
export class SSEEncoderStream<M extends EventMap = EventMap> extends TransformStream<
  SSEMessage<M>,
  Uint8Array
> {
  /** @param options A replacement serializer for non-string `data`. */
  constructor(options: EncodeOptions = {}) {
    super({
      transform(message, controller) {
        controller.enqueue(encoder.encode(encode(message, options)))
      },
    })
  }
}
