/**
 * The load client of every socket part: event streams held open from this process over node:http
 * (its native parser undoes the chunked framing), many at once, their bytes handed on as they
 * arrive; each part counts or parses them its own way.
 */
import { Agent, get } from 'node:http'
import { createParser, type EventSourceMessage } from 'eventsource-parser'

// One connection per stream, never pooled or kept alive.
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })

/** What to do with each stream's body, by the stream's index. */
export interface StreamHandlers {
  onBody?(index: number, bytes: Buffer): void
  /** Its events, parsed with eventsource-parser (streams get a parser only for this or comments). */
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

/**
 * Opens `count` `GET url` streams (at most 200 connecting at once: a burst of thousands of SYNs
 * overflows the listen backlog) and resolves once every head arrived, or failed, or the wait ran
 * out. Per stream: its status (0 while no head came), whether it closed, its body bytes so far.
 */
export async function openStreams(url: string, count: number, handlers: StreamHandlers = {}) {
  const { onBody, onEvent, onComment, parsed = count, headTimeoutMs = 60_000 } = handlers
  const started = performance.now()
  const requests: ReturnType<typeof get>[] = []
  const heads: Promise<void>[] = []
  const streams = {
    status: new Array<number>(count).fill(0),
    closed: new Array<boolean>(count).fill(false),
    bytes: new Array<number>(count).fill(0),
    /** Milliseconds until every head arrived, or the wait ran out. */
    openMs: 0,
    /** Drops every connection at once. */
    destroy: () => {
      for (const request of requests) request.destroy()
    },
  }
  const open = (index: number) => {
    const [connected, headed] = [Promise.withResolvers<void>(), Promise.withResolvers<void>()]
    const parse = (onEvent || onComment) && index < parsed && parser(index, handlers)
    const request = get(url, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
      streams.status[index] = response.statusCode ?? 0
      headed.resolve()
      response.on('data', (bytes: Buffer) => {
        streams.bytes[index] = (streams.bytes[index] ?? 0) + bytes.length
        onBody?.(index, bytes)
        if (parse) parse(bytes)
      })
    })
    const closed = () => {
      streams.closed[index] = true
      connected.resolve()
      headed.resolve()
    }
    request.on('socket', (socket) => socket.once('connect', connected.resolve))
    request.on('error', closed).on('close', closed).setNoDelay(true)
    requests.push(request)
    heads.push(headed.promise)
    return connected.promise
  }
  for (let next = 0; next < count; next += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - next) }, (_, i) => open(next + i)))
  }
  const wait = Promise.withResolvers<void>()
  const timer = setTimeout(wait.resolve, headTimeoutMs)
  await Promise.race([Promise.all(heads), wait.promise])
  clearTimeout(timer)
  streams.openMs = performance.now() - started
  return streams
}

/** Open event streams, as {@link openStreams} returns them. */
export type Streams = Awaited<ReturnType<typeof openStreams>>

function parser(index: number, { onEvent, onComment }: StreamHandlers) {
  const decoder = new TextDecoder()
  const parser = createParser({
    onEvent: (event) => onEvent?.(index, event),
    onComment: (comment) => onComment?.(index, comment),
  })
  return (bytes: Buffer) => parser.feed(decoder.decode(bytes, { stream: true }))
}

/** Streams one response to its end: its body bytes, and the ms from the request to the end. */
export async function streamToEnd(url: string): Promise<{ ms: number; bytes: number }> {
  const [started, done] = [performance.now(), Promise.withResolvers<number>()]
  let bytes = 0
  get(url, { agent }, (response) => {
    if (response.statusCode !== 200)
      done.reject(new Error(`${url} answered ${response.statusCode}`))
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    response.on('end', () => done.resolve(performance.now() - started)).on('error', done.reject)
  }).on('error', done.reject)
  return { ms: await done.promise, bytes }
}
