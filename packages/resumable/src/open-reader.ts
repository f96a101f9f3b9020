import { subscribeHolding } from '@ssekit/channel/backend'
import { requestedLastEventId } from '@ssekit/core/backend'
import { END_EVENT } from './end-event.ts'
import type { LeaseWatch } from './lease-watch.ts'
import type { ResumableSubscribeOptions } from './options.ts'
import type { ResumableStore, StoredStream } from './store.ts'

// What the AI SDK's transports look for on a UI message stream.
const UI_MESSAGE_STREAM_HEADERS = { 'x-vercel-ai-ui-message-stream': 'v1' }

/**
 * Opens one reader's event stream on a stream's channel. A reader without `Last-Event-ID` (or
 * with an ID from before the stream) resumes after the stream's hidden first event: it gets
 * every chunk. One that already has the end event gets `204`. While the stream runs, this
 * instance watches its lease, so the reader learns of a dead producer.
 */
export async function openReader(
  store: ResumableStore,
  watch: LeaseWatch,
  request: Request,
  id: string,
  record: StoredStream | undefined,
  options: ResumableSubscribeOptions,
): Promise<Response> {
  if (record === undefined) {
    options.onClose?.('server')
    return new Response(`No stream with ID ${JSON.stringify(id)}`, { status: 404 })
  }
  const last = requestedLastEventId(request)
  if (
    last !== undefined &&
    record.endId !== undefined &&
    store.compareIds(last, record.endId) >= 0
  ) {
    // It has everything: 204 tells an EventSource to stop reconnecting.
    options.onClose?.('server')
    return new Response(null, { status: 204 })
  }
  const fromStart = last === undefined || !(store.compareIds(last, record.startId) >= 0)
  const headers = new Headers(request.headers)
  headers.set('last-event-id', fromStart ? record.startId : last)
  const url = new URL(request.url)
  url.searchParams.delete('lastEventId')
  const inner = new Request(url, { method: request.method, headers })
  const release = record.endId === undefined ? watch.add(id) : () => {}
  const extra = record.format === 'ui-message-stream' ? UI_MESSAGE_STREAM_HEADERS : {}
  // The end event may come live or in a replay, on any instance: the channel closes the stream
  // right after it, and the body stays the channel's own (a server's direct write still applies).
  return subscribeHolding(
    {
      ...options,
      closeAfter: END_EVENT,
      signal: options.signal ?? request.signal,
      headers: { ...extra, ...Object.fromEntries(new Headers(options.headers)) },
    },
    release,
    (held) => store.subscribe(inner, id, held),
  )
}
