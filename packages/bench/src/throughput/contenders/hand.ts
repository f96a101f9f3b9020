import { type BenchMessage, dataText } from '../messages.ts'
import { type Contender, EVENT_STREAM_HEADERS } from './contender.ts'

/** The least work that still frames an event correctly (LF only, no validation). */
export function formatByHand({ event, id, data }: BenchMessage): string {
  let text = ''
  if (id !== undefined) text += `id: ${id}\n`
  if (event !== undefined) text += `event: ${event}\n`
  const value = dataText(data)
  return value.includes('\n')
    ? `${text}data: ${value.replaceAll('\n', '\ndata: ')}\n\n`
    : `${text}data: ${value}\n\n`
}

/** Hand-formatted events, one `enqueue` (and one `TextEncoder` call) per event. */
export const handChunked: Contender = {
  name: 'hand-chunked',
  label: 'hand-formatted ReadableStream, one chunk per event',
  prepare: ({ messages, mask }) => {
    const encoder = new TextEncoder()
    return (count) => {
      let i = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (i >= count) return controller.close()
          controller.enqueue(encoder.encode(formatByHand(messages[i++ & mask] ?? { data: '' })))
        },
      })
      return new Response(body, { headers: EVENT_STREAM_HEADERS })
    }
  },
}

/** Events per chunk of the coalesced limit. */
export const COALESCE = 64

/** The practical limit: hand-formatted, 64 events joined into one chunk and one encode. */
export const handCoalesced: Contender = {
  name: 'hand-coalesced',
  label: `hand-formatted ReadableStream, ${COALESCE} events per chunk (the limit)`,
  prepare: ({ messages, mask }) => {
    const encoder = new TextEncoder()
    return (count) => {
      let i = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (i >= count) return controller.close()
          const end = Math.min(count, i + COALESCE)
          let text = ''
          for (; i < end; i++) text += formatByHand(messages[i & mask] ?? { data: '' })
          controller.enqueue(encoder.encode(text))
        },
      })
      return new Response(body, { headers: EVENT_STREAM_HEADERS })
    }
  },
}
