import { expect, test } from 'vitest'
import { parseEventStream, readEventStream } from '../src/event-stream.ts'

const encoder = new TextEncoder()

/** A body whose chunks the test pushes by hand. */
function pushedBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let cancelled: unknown = 'not cancelled'
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c
    },
    cancel: (reason) => {
      cancelled = reason
    },
  })
  return {
    body,
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    cancelled: () => cancelled,
  }
}

test('readEventStream() parses events split across chunks at any byte', async () => {
  const { body, push, end } = pushedBody()
  const stream = readEventStream(body)
  for (const piece of ['da', 'ta: a\r', '\n\r\nid: 7\nevent: b\n', 'data: c\n', '\n:note\n\n']) {
    push(piece)
  }
  end()
  await stream.readToEnd()
  expect(stream.events.map(({ id, event, data }) => ({ id, event, data }))).toEqual([
    { id: undefined, event: undefined, data: 'a' },
    { id: '7', event: 'b', data: 'c' },
  ])
  expect(stream.comments).toEqual(['note'])
  expect(stream.chunks).toHaveLength(5)
  expect(stream.done).toBe(true)
})

test('readEventStream() reads only when asked, so a test can play a slow client', async () => {
  const { body, push } = pushedBody()
  const stream = readEventStream(body)
  push('data: 1\n\n')
  push('data: 2\n\n')
  await stream.waitForEvents(1)
  expect(stream.events).toHaveLength(1)
  await stream.waitForEvents(2)
  expect(stream.events).toHaveLength(2)
  await stream.cancel()
})

test('follow() reads in the background and waits share its reads', async () => {
  const { body, push, end } = pushedBody()
  const stream = readEventStream(body)
  const ended = stream.follow()
  const two = stream.waitForEvents(2)
  push('data: 1\n\n')
  push('data: 2\n\ndata: 3\n\n')
  expect((await two).map((event) => event.data)).toEqual(['1', '2', '3'])
  end()
  await ended
  expect(stream.done).toBe(true)
})

test('waitForEvents() fails, naming the count, when the stream ends first', async () => {
  const { body, push, end } = pushedBody()
  const stream = readEventStream(body, { label: 'GET /x' })
  push('data: only\n\n')
  end()
  await expect(stream.waitForEvents(2)).rejects.toThrow(
    'GET /x ended before 2 events, after 1 events',
  )
})

test('a read gives up after timeoutMs on a silent stream', async () => {
  const { body } = pushedBody()
  const stream = readEventStream(body, { timeoutMs: 50 })
  await expect(stream.readChunk()).rejects.toThrow('the stream went quiet within 50 ms')
  await stream.cancel()
})

test('cancel() cancels the body, as a departing client does', async () => {
  const { body, cancelled } = pushedBody()
  const stream = readEventStream(body)
  await stream.cancel('gone')
  expect(cancelled()).toBe('gone')
  expect(await stream.readChunk()).toBeUndefined()
})

test('parseEventStream() parses complete text', () => {
  expect(parseEventStream('retry: 10\n: c\n\ndata: x\n\n')).toEqual({
    events: [{ id: undefined, event: undefined, data: 'x' }],
    comments: ['c'],
    retries: [10],
  })
})
