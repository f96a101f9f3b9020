/**
 * The load client of the connections part, in its own Node process: raw `net` sockets to
 * 127.0.0.1 only, each holding one `GET /sse`. It opens `connections` streams (a bounded number in
 * flight), waits for every response head, then counts the heartbeat comments each stream receives
 * over `watchMs`, prints the counts, holds the sockets until told `close` on stdin (or `holdMs`
 * passes), and then drops every socket at once.
 */
import { connect, type Socket } from 'node:net'
import { createInterface } from 'node:readline'
import { createParser, type EventSourceParser } from 'eventsource-parser'
import { emitResult, readConfig } from '../child-io.ts'
import { ChunkedBody } from './chunked-body.ts'

export interface LoadConfig {
  port: number
  connections: number
  /** How long to count heartbeats once every stream is open. */
  watchMs: number
  /** Limit for opening every stream and receiving every head. */
  openTimeoutMs: number
  /** Longest the sockets are held after the report, if nobody says `close`. */
  holdMs: number
}

export interface LoadReport {
  requested: number
  /** Streams whose response head said 200. */
  open: number
  /** Streams that got at least one heartbeat comment during the watch window. */
  withHeartbeat: number
  minHeartbeats: number
  /** Sockets that errored or closed before the report. */
  failed: number
  openMs: number
  watchMs: number
}

interface Stream {
  socket: Socket
  head: string
  status: number
  body: { feed(bytes: Uint8Array): void } | undefined
  parser: EventSourceParser
  comments: number
  failed: boolean
}

const HOST = '127.0.0.1'
const IN_FLIGHT = 200
const config = readConfig<LoadConfig>()
const streams: Stream[] = []
const decoder = new TextDecoder()
let headsPending = config.connections
let onAllHeads: () => void = () => {}

function open(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port: config.port })
    const stream: Stream = {
      socket,
      head: '',
      status: 0,
      body: undefined,
      comments: 0,
      failed: false,
      parser: createParser({
        onEvent: () => {},
        onComment: () => {
          stream.comments++
        },
      }),
    }
    streams.push(stream)
    const fail = () => {
      if (!stream.failed && stream.status === 0) headDone()
      stream.failed = true
      resolve()
    }
    socket.setNoDelay(true)
    socket.once('connect', () => {
      socket.write(
        `GET /sse HTTP/1.1\r\nHost: ${HOST}:${config.port}\r\nAccept: text/event-stream\r\n\r\n`,
      )
      resolve()
    })
    socket.on('error', fail)
    socket.on('close', fail)
    socket.on('data', (bytes: Buffer) => receive(stream, bytes))
  })
}

function receive(stream: Stream, bytes: Uint8Array): void {
  if (stream.body) {
    feedBody(stream, bytes)
    return
  }
  stream.head += Buffer.from(bytes).toString('latin1')
  const end = stream.head.indexOf('\r\n\r\n')
  if (end === -1) return
  const head = stream.head.slice(0, end)
  const rest = Buffer.from(stream.head.slice(end + 4), 'latin1')
  stream.status = Number(head.split(' ')[1])
  const toParser = (data: Uint8Array) => stream.parser.feed(decoder.decode(data, { stream: true }))
  // A body without chunked framing runs until the socket closes: it goes to the parser as is.
  stream.body = /^transfer-encoding:\s*chunked/im.test(head)
    ? new ChunkedBody(toParser)
    : { feed: toParser }
  headDone()
  if (rest.length > 0) feedBody(stream, rest)
}

function feedBody(stream: Stream, bytes: Uint8Array): void {
  try {
    stream.body?.feed(bytes)
  } catch {
    stream.failed = true
  }
}

function headDone(): void {
  if (--headsPending === 0) onAllHeads()
}

const started = performance.now()
const allHeads = new Promise<void>((resolve) => {
  onAllHeads = resolve
})
for (let next = 0; next < config.connections; next += IN_FLIGHT) {
  const batch = Math.min(IN_FLIGHT, config.connections - next)
  await Promise.all(Array.from({ length: batch }, open))
}
await Promise.race([allHeads, new Promise((resolve) => setTimeout(resolve, config.openTimeoutMs))])
const openMs = performance.now() - started

// Only what arrives from now on counts: the opening comment does not.
for (const stream of streams) stream.comments = 0
await new Promise((resolve) => setTimeout(resolve, config.watchMs))
const live = streams.filter((stream) => stream.status === 200 && !stream.failed)
const report: LoadReport = {
  requested: config.connections,
  open: streams.filter((stream) => stream.status === 200).length,
  withHeartbeat: live.filter((stream) => stream.comments > 0).length,
  minHeartbeats: Math.min(...streams.map((stream) => (stream.failed ? 0 : stream.comments))),
  failed: streams.filter((stream) => stream.failed).length,
  openMs,
  watchMs: config.watchMs,
}
emitResult(report)

// Hold until the orchestrator has measured the server, then drop every socket at once.
const lines = createInterface({ input: process.stdin })
await Promise.race([
  new Promise<void>((resolve) => lines.on('line', (line) => line === 'close' && resolve())),
  new Promise((resolve) => setTimeout(resolve, config.holdMs)),
])
for (const stream of streams) stream.socket.destroy()
lines.close()
console.log('@@closed')
process.exit(0)
