/**
 * The latency part inside one runtime: on an idle stream whose reader already waits, the time
 * from one write to its bytes coming out of `read()`, each path in turn.
 */
import { encode, type SSEMessage, type SSESink, sseResponse } from '@ssekit/core'
import { emitResult, readConfig } from '../harness/child.ts'
import { interleave } from '../harness/interleave.ts'
import { type BenchMessage, formatByHand, MESSAGE_KINDS } from '../messages.ts'
import type { LatencyConfig } from './part.ts'

type Write = (message: BenchMessage) => void

// An open stream with its opening bytes read, so it is idle with nothing queued.
async function idle(body: ReadableStream<Uint8Array> | null, write: Write, close: () => void) {
  const reader = (body as ReadableStream<Uint8Array>).getReader()
  await reader.read()
  return { reader, write, close }
}

// A plain `ReadableStream`, opened like ssekit's (one comment first), whose events are formatted
// and enqueued by hand: each path's timed code stays its own.
const plain = (format: (message: BenchMessage) => string) => () => {
  const encoder = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({
    start(opened) {
      controller = opened
      opened.enqueue(encoder.encode(':\n\n'))
    },
  })
  return idle(
    body,
    (message) => controller.enqueue(encoder.encode(format(message))),
    () => controller.close(),
  )
}

/** The paths, in report order; the report compares ssekit to `raw-enqueue`. */
const PATHS = [
  {
    path: 'ssekit',
    label: 'ssekit sink.send() on an idle stream',
    open() {
      let sink!: SSESink
      const open = (opened: SSESink) => {
        sink = opened
      }
      const response = sseResponse(open, { heartbeat: false })
      return idle(
        response.body,
        (message) => void sink.send(message as SSEMessage),
        () => sink.close(),
      )
    },
  },
  {
    path: 'raw-enqueue',
    label: 'hand-formatted controller.enqueue() on a plain ReadableStream',
    open: plain(formatByHand),
  },
  {
    // A diagnostic: ssekit's encoder without its outbox, which splits ssekit's cost in two.
    path: 'encode-enqueue',
    label: 'ssekit encode() + controller.enqueue() (no outbox)',
    open: plain((message) => encode(message as SSEMessage)),
  },
]

const config = readConfig<LatencyConfig>()
const message = MESSAGE_KINDS[0]?.messages[0] as BenchMessage
const streams = await Promise.all(PATHS.map((path) => path.open()))
const times = await interleave(
  streams.map((stream, index) => ({
    name: PATHS[index]?.path ?? '',
    // The read waits; then a macrotask turn, so the consumer's pull has run and nothing else is
    // in flight when the timed write starts. (In an object: a bare promise would be awaited.)
    prepare: async () => {
      const pending = stream.reader.read()
      await new Promise((resolve) => setTimeout(resolve, 0))
      return { pending }
    },
    run: async ({ pending }: { pending: Promise<ReadableStreamReadResult<Uint8Array>> }) => {
      stream.write(message)
      if (!(await pending).value?.byteLength) throw new Error('The write sent nothing')
    },
  })),
  { rounds: Math.ceil(config.samples / config.perRound), samples: config.perRound },
)
for (const stream of streams) stream.close()
const us = (i: number) => (times[i] ?? []).flat().map((ms) => ms * 1000)
emitResult({ paths: PATHS.map(({ path, label }, i) => ({ path, label, us: us(i) })) })
