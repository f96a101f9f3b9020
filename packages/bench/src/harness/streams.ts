/**
 * The load client of every socket part: event streams held open from this process over node:http
 * (its native parser undoes the chunked framing), many at once, their body bytes handed to a
 * callback as they arrive. Each part counts or parses those bytes its own way.
 */
import { Agent, get } from 'node:http'
import { createParser, type EventSourceMessage } from 'eventsource-parser'

// One connection per stream, never pooled or kept alive.
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })

/** Streams opened by {@link openStreams}, each by its index. */
export interface Streams {
  /** Its status code; 0 until the head arrived, or if it never did. */
  status: number[]
  /** True once it errored or closed. */
  closed: boolean[]
  /** Body bytes so far. */
  bytes: number[]
  /** Milliseconds until every head arrived (or failed, or the wait ran out). */
  openMs: number
  /** Drops every connection at once. */
  destroy(): void
}

/** What to do with each stream's body, by the stream's index. */
export interface StreamHandlers {
  /** Its bytes as they come. */
  onBody?(index: number, bytes: Buffer): void
  /** Its events, parsed with eventsource-parser (a parser per stream only if this or `onComment`). */
  onEvent?(index: number, event: EventSourceMessage): void
  onComment?(index: number, comment: string): void
  /** Only the first `parsed` streams are parsed. @defaultValue all */
  parsed?: number
  /**
   * How long to wait for every head. 0: only until every stream is connected, for servers that
   * send no head before the first event (Bun with Hono's `streamSSE`). @defaultValue 60000
   */
  headTimeoutMs?: number
}

/** Opens `count` `GET url` streams and resolves once every head arrived, or failed, or the wait ran out. */
export async function openStreams(
  url: string,
  count: number,
  { onBody, onEvent, onComment, parsed = count, headTimeoutMs = 60_000 }: StreamHandlers = {},
): Promise<Streams> {
  const started = performance.now()
  const requests: ReturnType<typeof get>[] = []
  const streams: Streams = {
    status: new Array(count).fill(0),
    closed: new Array(count).fill(false),
    bytes: new Array(count).fill(0),
    openMs: 0,
    destroy: () => {
      for (const request of requests) request.destroy()
    },
  }
  const heads: Promise<void>[] = []
  const open = (index: number) => {
    const connected = Promise.withResolvers<void>()
    const headed = Promise.withResolvers<void>()
    heads.push(headed.promise)
    const parser = (onEvent || onComment) && index < parsed && parserFor(index, onEvent, onComment)
    const request = get(url, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
      streams.status[index] = response.statusCode ?? 0
      headed.resolve()
      response.on('data', (bytes: Buffer) => {
        streams.bytes[index] = (streams.bytes[index] ?? 0) + bytes.length
        onBody?.(index, bytes)
        if (parser) parser(bytes)
      })
    })
    request.setNoDelay(true)
    request.on('socket', (socket) => socket.once('connect', connected.resolve))
    const closed = () => {
      streams.closed[index] = true
      connected.resolve()
      headed.resolve()
    }
    request.on('error', closed).on('close', closed)
    requests.push(request)
    return connected.promise
  }
  // At most 200 connecting at once: a burst of thousands of SYNs overflows the listen backlog.
  for (let next = 0; next < count; next += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - next) }, (_, i) => open(next + i)))
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([
    Promise.all(heads),
    new Promise((late) => (timer = setTimeout(late, headTimeoutMs))),
  ])
  clearTimeout(timer)
  streams.openMs = performance.now() - started
  return streams
}

function parserFor(
  index: number,
  onEvent: StreamHandlers['onEvent'],
  onComment: StreamHandlers['onComment'],
) {
  const parser = createParser({
    onEvent: (event) => onEvent?.(index, event),
    onComment: (comment) => onComment?.(index, comment),
  })
  const decoder = new TextDecoder()
  return (bytes: Buffer) => parser.feed(decoder.decode(bytes, { stream: true }))
}

/** Streams one response to its end: its body bytes, and the ms from the request to the end. */
export async function streamToEnd(url: string): Promise<{ ms: number; bytes: number }> {
  let bytes = 0
  const started = performance.now()
  await new Promise<void>((resolve, reject) => {
    const request = get(url, { agent }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`))
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      response.on('end', resolve).on('error', reject)
    })
    request.setNoDelay(true)
    request.on('error', reject)
  })
  return { ms: performance.now() - started, bytes }
}
