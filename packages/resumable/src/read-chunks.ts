import { GAP_EVENT } from '@ssekit/channel'
import { type EventSourceMessage, EventSourceParserStream } from 'eventsource-parser/stream'
import { END_EVENT } from './end-event.ts'
import type { StreamFormat } from './types.ts'

/**
 * A reader's event stream as the chunks the producer gave, decoded from their JSON. It ends
 * after the end event: cleanly for a `done` or `stopped` stream, with an error naming the cause
 * for a `failed` one. The `'ui-message-stream'` format's `abort` and `error` chunks are chunks too.
 */
export function readChunks(
  body: ReadableStream<Uint8Array>,
  format: StreamFormat,
): ReadableStream<unknown> {
  return body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream())
    .pipeThrough(
      new TransformStream<EventSourceMessage, unknown>({
        transform(event, controller) {
          if (event.event === END_EVENT) return end(event.data, format, controller)
          if (event.event === GAP_EVENT) {
            controller.error(new Error('Cannot read the stream: some of its events are gone'))
            return
          }
          if (event.event === undefined || event.event === 'message') {
            controller.enqueue(JSON.parse(event.data))
          }
        },
      }),
    )
}

function end(
  data: string,
  format: StreamFormat,
  controller: TransformStreamDefaultController<unknown>,
): void {
  if (format === 'ui-message-stream') {
    if (data !== '[DONE]') controller.enqueue(JSON.parse(data))
    controller.terminate()
    return
  }
  const outcome = JSON.parse(data) as { state: string; error?: string }
  if (outcome.state === 'failed') {
    controller.error(new Error(`The stream failed: ${outcome.error ?? 'unknown error'}`))
    return
  }
  controller.terminate()
}
