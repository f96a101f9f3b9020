import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type CloseReason, SSE_HEADERS } from '@ssekit/core'
import { openEventStream } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { describe, expect, test } from 'vitest'
import { sse } from '../src/sse.ts'

/** A promise with its resolve function, to hold a producer until the test lets it go. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

function closeRecorder() {
  const reasons: CloseReason[] = []
  const closed = gate()
  const onClose = (reason: CloseReason) => {
    reasons.push(reason)
    closed.open()
  }
  return { reasons, closed: closed.opened, onClose }
}

describe('sse()', () => {
  test('sse() sets the event-stream headers and neither Transfer-Encoding nor Connection', async () => {
    const app = new Hono().get('/events', (c) => sse(c, (sink) => sink.close()))
    const response = await app.request('/events')
    expect(response.status).toBe(200)
    for (const [name, value] of Object.entries(SSE_HEADERS)) {
      expect(response.headers.get(name)).toBe(value)
    }
    expect(response.headers.has('transfer-encoding')).toBe(false)
    expect(response.headers.has('connection')).toBe(false)
    expect(await response.text()).toBe(':\n\n')
  })

  test.each([
    ['compress()', compress()],
    [
      'compress() told to compress everything',
      compress({ threshold: 0, contentTypeFilter: () => true }),
    ],
  ])('sse() streams events one by one, uncompressed, behind %s', async (_name, middleware) => {
    const release = gate()
    const app = new Hono().use(middleware).get('/events', (c) =>
      sse(c, async (sink) => {
        await release.opened
        await sink.send({ data: 'first' })
        await release.opened
      }),
    )
    const response = await app.request('/events', {
      headers: { 'accept-encoding': 'gzip, deflate' },
    })
    expect(response.headers.has('content-encoding')).toBe(false)
    const stream = readEventStream(response)
    // The opening comment arrives while the producer is still held: nothing buffers the stream.
    expect(await stream.readChunk()).toBe(':\n\n')
    release.open()
    const [first] = await stream.waitForEvents(1)
    expect(first?.data).toBe('first')
    await stream.cancel()
  })

  test('sse() keeps headers that earlier middleware set on the context', async () => {
    const app = new Hono()
      .use(async (c, next) => {
        c.header('x-request-id', 'abc')
        await next()
      })
      .get('/events', (c) => sse(c, (sink) => sink.close()))
    const response = await app.request('/events')
    expect(response.headers.get('x-request-id')).toBe('abc')
    expect(response.headers.get('content-type')).toBe(SSE_HEADERS['content-type'])
  })

  test("sse() stops the source when the request's signal aborts", async () => {
    const recorder = closeRecorder()
    let producerSignal: AbortSignal | undefined
    const app = new Hono().get('/events', (c) =>
      sse(
        c,
        (sink) => {
          producerSignal = sink.signal
        },
        { onClose: recorder.onClose },
      ),
    )
    const client = new AbortController()
    const response = await app.request('/events', { signal: client.signal })
    expect(response.status).toBe(200)
    client.abort()
    await recorder.closed
    expect(recorder.reasons).toEqual(['client'])
    expect(producerSignal?.aborted).toBe(true)
  })

  test('sse() answers HEAD with the headers alone and never runs the source', async () => {
    const recorder = closeRecorder()
    let ran = false
    const app = new Hono().get('/events', (c) =>
      sse(
        c,
        () => {
          ran = true
        },
        { onClose: recorder.onClose },
      ),
    )
    const response = await app.request('/events', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(SSE_HEADERS['content-type'])
    expect(response.body).toBe(null)
    await recorder.closed
    expect(recorder.reasons).toEqual(['client'])
    expect(ran).toBe(false)
  })

  test("sse() stops the source when the caller's own signal aborts", async () => {
    const recorder = closeRecorder()
    const shutdown = new AbortController()
    const app = new Hono().get('/events', (c) =>
      sse(c, () => {}, { signal: shutdown.signal, onClose: recorder.onClose }),
    )
    const response = await app.request('/events')
    expect(response.status).toBe(200)
    shutdown.abort()
    await recorder.closed
    expect(recorder.reasons).toEqual(['client'])
  })

  test('sse() under @hono/node-server stops the source when the client leaves, and when the caller aborts', async () => {
    const leaving = closeRecorder()
    const stopped = closeRecorder()
    const shutdown = new AbortController()
    const app = new Hono()
      .get('/leave', (c) => sse(c, () => {}, { onClose: leaving.onClose }))
      .get('/stop', (c) => sse(c, () => {}, { signal: shutdown.signal, onClose: stopped.onClose }))
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()))
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const client = await openEventStream(`${base}/leave`)
      await client.waitUntil(() => client.comments.length === 1, 'the opening comment')
      await client.close()
      await leaving.closed
      expect(leaving.reasons).toEqual(['client'])
      const stream = await openEventStream(`${base}/stop`)
      await stream.waitUntil(() => stream.comments.length === 1, 'the opening comment')
      shutdown.abort()
      await stream.readToEnd()
      expect(stopped.reasons).toEqual(['client'])
    } finally {
      server.close()
    }
  })

  test('sse() checks typed events against their data', async () => {
    type Events = { tick: { at: string } }
    const app = new Hono().get('/events', (c) =>
      sse<Events>(c, async (sink) => {
        await sink.send({ event: 'tick', data: { at: 'now' } })
        // @ts-expect-error: `at` must be a string
        await sink.send({ event: 'tick', data: { at: 1 } }).catch(() => false)
      }),
    )
    const response = await app.request('/events')
    const stream = readEventStream(response)
    const [event] = await stream.waitForEvents(1)
    expect(event).toMatchObject({ event: 'tick', data: '{"at":"now"}' })
    await stream.cancel()
  })
})
