import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** What a client saw on an event stream, parsed by a real SSE parser. */
export interface Received {
  events: EventSourceMessage[]
  comments: string[]
  retries: number[]
  chunks: number
  bytes: number
}

/**
 * Reads a stream with eventsource-parser until it ends, or until `stopAfter` events arrived, then
 * cancels it the way a departing client would.
 */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<Received> {
  const received: Received = { events: [], comments: [], retries: [], chunks: 0, bytes: 0 }
  const parser = createParser({
    onEvent: (event) => received.events.push(event),
    onComment: (comment) => received.comments.push(comment),
    onRetry: (retry) => received.retries.push(retry),
  })
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  while (received.events.length < stopAfter) {
    const { done, value } = await reader.read()
    if (done) return received
    received.chunks++
    received.bytes += value.length
    parser.feed(decoder.decode(value, { stream: true }))
  }
  await reader.cancel()
  return received
}

/** Parses complete wire text in one go. */
export function parseText(text: string): Omit<Received, 'chunks' | 'bytes'> {
  const received: Omit<Received, 'chunks' | 'bytes'> = { events: [], comments: [], retries: [] }
  const parser = createParser({
    onEvent: (event) => received.events.push(event),
    onComment: (comment) => received.comments.push(comment),
    onRetry: (retry) => received.retries.push(retry),
  })
  parser.feed(text)
  return received
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))
