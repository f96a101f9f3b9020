import { type EventSourceMessage, encode } from 'eventsource-encoder'
import { dataText } from '../messages.ts'
import { type Contender, EVENT_STREAM_HEADERS } from './contender.ts'

/** `eventsource-encoder` formatting one event per `pull()` of a plain `ReadableStream`. */
export const eventsourceEncoder: Contender = {
  name: 'eventsource-encoder',
  label: 'eventsource-encoder + ReadableStream',
  prepare: ({ messages, mask }) => {
    const encoder = new TextEncoder()
    return (count) => {
      let i = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (i >= count) return controller.close()
          const { event, id, data } = messages[i++ & mask] ?? { data: '' }
          const message = { event, id, data: dataText(data) } as EventSourceMessage
          controller.enqueue(encoder.encode(encode(message)))
        },
      })
      return new Response(body, { headers: EVENT_STREAM_HEADERS })
    }
  },
}
