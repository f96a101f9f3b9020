import { encode, type SSEMessage, sseResponse } from '@ssekit/core'
import { formatByHand } from '../throughput/contenders/hand.ts'
import type { BenchMessage } from '../throughput/messages.ts'

/** An open, idle event stream: `write` sends one event, `reader` sees its bytes. */
export interface IdleStream {
  write(message: BenchMessage): void
  reader: ReadableStreamDefaultReader<Uint8Array>
  close(): void
}

/** A way to send a lone event, measured from the call to the bytes being readable. */
export interface LatencyPath {
  path: string
  label: string
  open(): Promise<IdleStream>
}

/** Reads and drops the opening bytes, so the stream is idle with nothing queued. */
async function opened(response: Response): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  if (!response.body) throw new TypeError('The response has no body')
  const reader = response.body.getReader()
  await reader.read()
  return reader
}

const ssekitPath: LatencyPath = {
  path: 'ssekit',
  label: 'ssekit sink.send() on an idle stream',
  async open() {
    let send!: (message: SSEMessage) => Promise<boolean>
    let close!: () => void
    const response = sseResponse(
      (sink) => {
        send = sink.send
        close = sink.close
      },
      { heartbeat: false },
    )
    const reader = await opened(response)
    return {
      write: (message) => void send(message as SSEMessage),
      reader,
      close: () => close(),
    }
  },
}

/**
 * A plain `ReadableStream` behind a `Response`, opened like ssekit's (one comment first) and read
 * past it. Each path writes its own bytes through `controller`, so the timed code stays its own.
 */
async function plainStream(): Promise<{
  controller: ReadableStreamDefaultController<Uint8Array>
  reader: ReadableStreamDefaultReader<Uint8Array>
}> {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
      c.enqueue(new TextEncoder().encode(':\n\n'))
    },
  })
  return { controller, reader: await opened(new Response(body)) }
}

const rawPath: LatencyPath = {
  path: 'raw-enqueue',
  label: 'hand-formatted controller.enqueue() on a plain ReadableStream',
  async open() {
    const encoder = new TextEncoder()
    const { controller, reader } = await plainStream()
    return {
      write: (message) => controller.enqueue(encoder.encode(formatByHand(message))),
      reader,
      close: () => controller.close(),
    }
  },
}

// Diagnostic: ssekit's encoder without its outbox, to split the cost between the two.
const encodeThenEnqueuePath: LatencyPath = {
  path: 'encode-enqueue',
  label: 'ssekit encode() + controller.enqueue() (no outbox)',
  async open() {
    const encoder = new TextEncoder()
    const { controller, reader } = await plainStream()
    return {
      write: (message) => controller.enqueue(encoder.encode(encode(message as SSEMessage))),
      reader,
      close: () => controller.close(),
    }
  },
}

/** The paths of the latency part; the report compares ssekit to `raw-enqueue`. */
export const LATENCY_PATHS: readonly LatencyPath[] = [ssekitPath, rawPath, encodeThenEnqueuePath]
