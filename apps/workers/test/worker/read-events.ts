import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** What a client saw before it hung up. */
export interface Seen {
  /** The very first bytes, as text: they must arrive before any event. */
  firstChunk: string
  events: EventSourceMessage[]
  comments: string[]
}

/** Reads an event stream with a real SSE parser until `count` events arrived, then hangs up. */
export async function readEvents(response: Response, count: number): Promise<Seen> {
  if (!response.body) throw new Error('The response has no body')
  const seen: Seen = { firstChunk: '', events: [], comments: [] }
  const parser = createParser({
    onEvent: (event) => seen.events.push(event),
    onComment: (comment) => seen.comments.push(comment),
  })
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  while (seen.events.length < count) {
    const { done, value } = await reader.read()
    if (done) throw new Error(`The stream ended after ${seen.events.length} of ${count} events`)
    const text = decoder.decode(value, { stream: true })
    if (seen.firstChunk === '') seen.firstChunk = text
    parser.feed(text)
  }
  await reader.cancel()
  return seen
}
