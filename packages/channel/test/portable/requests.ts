import type { EventSourceMessage } from '@ssekit/testkit/event-stream'
import { type EventStreamReader, readEventStream } from '@ssekit/testkit/event-stream'

/**
 * Reads a subscriber's stream as fast as bytes come, as a browser does. `follow()` on the result
 * resolves when the stream ends.
 */
export function following(response: Response): EventStreamReader {
  const stream = readEventStream(response)
  void stream.follow()
  return stream
}

/** A subscribe request, resuming after `lastEventId` when given. */
export function eventsRequest(lastEventId?: string): Request {
  const headers: Record<string, string> =
    lastEventId === undefined ? {} : { 'last-event-id': lastEventId }
  return new Request('http://localhost/events', { headers })
}

/** The IDs and data of parsed events, for compact comparisons. */
export function summary(events: readonly EventSourceMessage[]): string[] {
  return events.map((event) => `${event.event ?? 'message'}#${event.id ?? ''}:${event.data}`)
}

/** All bytes of the chunks, joined. */
export function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.length
  }
  return all
}
