/**
 * A feed as an ssekit channel serves it, for the shared-mode tests: a fresh stream gets an `id:`
 * anchor at the latest event, a stream with `Last-Event-ID` the events after it, then every
 * stream the live events. IDs are the events' positions, from 1.
 */
import { serve, type Upstream } from './upstream.ts'

export interface Feed {
  readonly upstream: Upstream
  /** The `Last-Event-ID` of each request, `null` for none. */
  readonly lastEventIds: (string | null)[]
  /** Streams open right now. */
  readonly live: number
  publish(text: string): void
  /** Ends every open stream, as a server restart would. */
  endAll(): void
  close(): Promise<void>
}

const encoder = new TextEncoder()

/**
 * Starts a feed. `answer` may answer request number `n` otherwise (a 401, a 204), or return
 * `undefined` for the feed's own stream.
 */
export async function startFeed(
  answer: (n: number) => Response | undefined = () => undefined,
): Promise<Feed> {
  const log: string[] = []
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>()
  const lastEventIds: (string | null)[] = []
  const upstream = await serve((request, n) => {
    const after = request.headers.get('last-event-id')
    lastEventIds.push(after)
    const other = answer(n)
    if (other !== undefined) return other
    let own: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        own = controller
        let text = ':\n\n'
        if (after === null && log.length > 0) text += `id: ${log.length}\n\n`
        for (let at = Number(after ?? log.length); at < log.length; at++) {
          text += `id: ${at + 1}\ndata: ${log[at]}\n\n`
        }
        controller.enqueue(encoder.encode(text))
        streams.add(controller)
      },
      cancel() {
        streams.delete(own)
      },
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  })
  return {
    upstream,
    lastEventIds,
    get live() {
      return streams.size
    },
    publish(text) {
      log.push(text)
      const bytes = encoder.encode(`id: ${log.length}\ndata: ${text}\n\n`)
      for (const stream of streams) stream.enqueue(bytes)
    },
    endAll() {
      for (const stream of streams) stream.close()
      streams.clear()
    },
    close: () => upstream.close(),
  }
}
