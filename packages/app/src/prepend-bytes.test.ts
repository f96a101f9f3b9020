import { readEventStream } from '@ssekit/testkit/event-stream'
import { expect, test } from 'vitest'
import { prependBytes } from './prepend-bytes.ts'

const encoder = new TextEncoder()

/** A source that counts its pulls and remembers why it was cancelled. */
function source() {
  const seen = { pulls: 0, cancelled: undefined as unknown }
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulls++
        controller.enqueue(encoder.encode(`data: ${seen.pulls}\n\n`))
      },
      cancel(reason) {
        seen.cancelled = reason
      },
    },
    { highWaterMark: 0 },
  )
  return { body, seen }
}

test('prependBytes() sends its head first, then the body, read only as fast as asked', async () => {
  const { body, seen } = source()
  const stream = readEventStream(prependBytes(encoder.encode('event: hello\ndata: hi\n\n'), body))
  await stream.waitForEvents(1)
  expect(stream.events[0]).toMatchObject({ event: 'hello', data: 'hi' })
  // Nothing was pulled from the body for a head the client had not asked past.
  expect(seen.pulls).toBe(0)
  await stream.waitForEvents(3)
  expect(stream.events.slice(1).map((event) => event.data)).toEqual(['1', '2'])
  expect(seen.pulls).toBe(2)
  await stream.cancel('gone')
  // The client leaving reaches the body's source, so a channel hears of it.
  expect(seen.cancelled).toBe('gone')
})

test('prependBytes() ends when the body ends', async () => {
  const body = new Response('data: last\n\n').body as ReadableStream<Uint8Array>
  const stream = readEventStream(prependBytes(encoder.encode(': hi\n\n'), body))
  await stream.readToEnd()
  expect(stream.comments).toEqual(['hi'])
  expect(stream.events.map((event) => event.data)).toEqual(['last'])
})
