import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** A test client that reads a channel's stream as fast as it comes, parsed by eventsource-parser. */
export interface TestClient {
  readonly response: Response
  /** Events in arrival order. */
  readonly events: EventSourceMessage[]
  /** Every chunk as read, unmodified. */
  readonly chunks: Uint8Array[]
  /** Resolves once `count` events arrived; rejects if the stream ends first. */
  until(count: number): Promise<void>
  /** Resolves when the stream ends (the server closed it or we cancelled). */
  readonly ended: Promise<void>
  /** Leaves, like a closed browser tab. */
  cancel(): Promise<void>
}

export function connect(response: Response): TestClient {
  if (response.body === null) throw new TypeError('The response has no body')
  const reader = response.body.getReader()
  const events: EventSourceMessage[] = []
  const chunks: Uint8Array[] = []
  const waiters: { count: number; resolve: () => void; reject: (error: Error) => void }[] = []
  const parser = createParser({ onEvent: (event) => events.push(event) })
  const decoder = new TextDecoder()
  let done = false
  const settle = () => {
    for (const waiter of [...waiters]) {
      if (events.length >= waiter.count) waiter.resolve()
      else if (done) waiter.reject(new Error(`The stream ended after ${events.length} events`))
      else continue
      waiters.splice(waiters.indexOf(waiter), 1)
    }
  }
  const ended = (async () => {
    try {
      for (;;) {
        const { done: finished, value } = await reader.read()
        if (finished) break
        chunks.push(value)
        parser.feed(decoder.decode(value, { stream: true }))
        settle()
      }
    } finally {
      done = true
      settle()
    }
  })()
  return {
    response,
    events,
    chunks,
    ended,
    until: (count) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ count, resolve, reject })
        settle()
      }),
    cancel: async () => {
      await reader.cancel()
      await ended
    },
  }
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

/** Lets queued microtasks and one macrotask turn run. */
export const settleTurns = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
