import { encode, type SSEMessage, sseResponse } from '@ssekit/core'
import { type BenchMessage, formatByHand } from '../messages.ts'

/** An open, idle event stream: `write` sends one event, `reader` sees its bytes. */
export interface IdleStream {
  write(message: BenchMessage): void
  reader: ReadableStreamDefaultReader<Uint8Array>
  close(): void
}

/** A way to send a lone event, timed from the call to its bytes being readable. */
export interface LatencyPath {
  path: string
  label: string
  open(): Promise<IdleStream>
}

/** Reads and drops the opening bytes, so the stream is idle with nothing queued. */
async function opened(body: ReadableStream<Uint8Array> | null) {
  const reader = (body as ReadableStream<Uint8Array>).getReader()
  await reader.read()
  return reader
}

/**
 * A plain `ReadableStream`, opened like ssekit's (one comment first), whose events are `format`ted
 * and enqueued by hand: each path's timed code stays its own.
 */
function plainPath(path: string, label: string, format: (m: BenchMessage) => string): LatencyPath {
  return {
    path,
    label,
    async open() {
      const encoder = new TextEncoder()
      let controller!: ReadableStreamDefaultController<Uint8Array>
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c
          c.enqueue(encoder.encode(':\n\n'))
        },
      })
      const reader = await opened(new Response(body).body)
      return {
        write: (message) => controller.enqueue(encoder.encode(format(message))),
        reader,
        close: () => controller.close(),
      }
    },
  }
}

/** The paths, in report order; the report compares ssekit to `raw-enqueue`. */
export const LATENCY_PATHS: readonly LatencyPath[] = [
  {
    path: 'ssekit',
    label: 'ssekit sink.send() on an idle stream',
    async open() {
      let sink!: { send(message: SSEMessage): Promise<boolean>; close(): void }
      const response = sseResponse(
        (opened) => {
          sink = opened
        },
        { heartbeat: false },
      )
      const reader = await opened(response.body)
      return {
        write: (message) => void sink.send(message as SSEMessage),
        reader,
        close: () => sink.close(),
      }
    },
  },
  plainPath(
    'raw-enqueue',
    'hand-formatted controller.enqueue() on a plain ReadableStream',
    formatByHand,
  ),
  // A diagnostic: ssekit's encoder without its outbox, which splits ssekit's cost in two.
  plainPath('encode-enqueue', 'ssekit encode() + controller.enqueue() (no outbox)', (message) =>
    encode(message as SSEMessage),
  ),
]
