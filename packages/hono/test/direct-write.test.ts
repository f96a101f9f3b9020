import { createChannel } from '@ssekit/channel'
import { type CloseReason, SSE_HEADERS, type SSESink } from '@ssekit/core'
import { openEventStream } from '@ssekit/testkit'
import { type Context, Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { describe, expect, test } from 'vitest'
import { directWrite } from '../src/direct-write.ts'
import { sse } from '../src/sse.ts'
import { listen, recordWrites } from './node-server.ts'

/** The same routes with and without directWrite(); every body handed to the server is kept. */
function twinApp(route: (c: Context) => Response | Promise<Response>) {
  const bodies: ReadableStream<Uint8Array>[] = []
  const keep = async (c: Context) => {
    const response = await route(c)
    if (response.body) bodies.push(response.body)
    return response
  }
  const app = new Hono().use('/direct', directWrite()).get('/direct', keep).get('/plain', keep)
  return { app, bodies }
}

describe('directWrite()', () => {
  test('directWrite() sends a channel the same bytes and headers, without reading its body stream', async () => {
    const channel = createChannel({ heartbeat: false })
    const { app, bodies } = twinApp((c) =>
      channel.subscribe(c.req.raw, { headers: { 'x-extra': 'kept' } }),
    )
    const base = await listen(app)
    const direct = await openEventStream(`${base}/direct`)
    const plain = await openEventStream(`${base}/plain`)
    await expect.poll(() => channel.size).toBe(2)
    for (let n = 1; n <= 50; n++) await channel.publish({ event: 'tick', data: { n } })
    const [directEvents, plainEvents] = await Promise.all([
      direct.waitForEvents(50),
      plain.waitForEvents(50),
    ])
    expect(directEvents.map((event) => event.data)).toEqual(plainEvents.map((e) => e.data))
    expect(directEvents.at(-1)).toMatchObject({ event: 'tick', data: '{"n":50}' })
    expect(direct.comments).toEqual([''])
    expect(direct.response.status).toBe(200)
    for (const [name, value] of Object.entries(SSE_HEADERS)) {
      expect(direct.response.headers.get(name)).toBe(value)
    }
    expect(direct.response.headers.get('x-extra')).toBe('kept')
    const headers = (response: Response) =>
      [...response.headers].filter(([name]) => name !== 'date')
    expect(headers(direct.response)).toEqual(headers(plain.response))
    // The adapter read the plain body; the direct one went to the socket without a reader.
    expect(bodies.map((body) => body.locked)).toEqual([false, true])
    await direct.close()
    await plain.close()
  })

  test('directWrite() sends the head first where the adapter reads the body before it (overrideGlobalObjects: false)', async () => {
    const channel = createChannel({ heartbeat: false })
    const app = new Hono().use(directWrite()).get('/events', (c) => channel.subscribe(c.req.raw))
    const base = await listen(app, false)
    const stream = await openEventStream(`${base}/events`)
    for (const [name, value] of Object.entries(SSE_HEADERS)) {
      expect(stream.response.headers.get(name)).toBe(value)
    }
    await expect.poll(() => channel.size).toBe(1)
    for (let n = 1; n <= 20; n++) await channel.publish({ data: String(n) })
    const events = await stream.waitForEvents(20)
    expect(events.map((event) => event.data)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1)),
    )
    expect(stream.comments).toEqual([''])
    await stream.close()
    await expect.poll(() => channel.size).toBe(0)
  })

  test('directWrite() holds a producer at the high-water mark while the client reads nothing, then delivers everything', async () => {
    const total = 1500
    const payload = 'x'.repeat(16 * 1024)
    let sink: SSESink | undefined
    let sent = 0
    const app = new Hono().use(directWrite()).get('/events', (c) =>
      sse(c, async (s) => {
        sink = s
        while (sent < total && (await s.send({ id: String(sent), data: payload }))) sent++
        s.close()
      }),
    )
    const base = await listen(app)
    const stream = await openEventStream(`${base}/events`, { timeoutMs: 30_000 })
    // Nothing is read: the socket fills, then Node's buffer, then the outbox, and send() waits.
    let last = -1
    await expect
      .poll(
        () => {
          const settled = sent === last && sink?.ready === false
          last = sent
          return settled
        },
        { interval: 200, timeout: 20_000 },
      )
      .toBe(true)
    expect(sent).toBeLessThan(total)
    await stream.readToEnd()
    expect(stream.events).toHaveLength(total)
    expect(stream.events.map((event) => Number(event.id))).toEqual([...Array(total).keys()])
  }, 30_000)

  test("directWrite() joins a producer's burst into a few res.write() calls of text, as the stream path joins it into a few chunks", async () => {
    const writes: (string | Uint8Array)[] = []
    let startBurst = () => {}
    const flowing = new Promise<void>((resolve) => {
      startBurst = resolve
    })
    const app = new Hono()
      // Sees every write the direct path makes to Node's ServerResponse.
      .use(recordWrites(writes))
      .use(directWrite())
      .get('/events', (c) =>
        sse(c, async (sink) => {
          await flowing
          for (let n = 0; n < 2000; n++) await sink.send({ data: String(n) })
        }),
      )
    const stream = await openEventStream(`${await listen(app)}/events`)
    // The opening comment arrived: the server reads the relay and writes go to the socket.
    await stream.waitUntil(() => stream.comments.length === 1, 'the opening comment')
    startBurst()
    await stream.readToEnd()
    expect(stream.events.map((event) => Number(event.data))).toEqual([...Array(2000).keys()])
    // The opening, then the first event at once; the rest follows in joined writes of up to 64
    // events (as many as the hand-written limit joins), never one write per event.
    expect(writes.length).toBeLessThan(2000 / 32)
    expect(writes.slice(1).every((chunk) => typeof chunk === 'string')).toBe(true)
  })

  test('directWrite() runs onClose with client once the client leaves', async () => {
    const reasons: CloseReason[] = []
    const app = new Hono()
      .use(directWrite())
      .get('/events', (c) => sse(c, () => {}, { onClose: (reason) => reasons.push(reason) }))
    const stream = await openEventStream(`${await listen(app)}/events`)
    await stream.waitUntil(() => stream.comments.length === 1, 'the opening comment')
    await stream.close()
    await expect.poll(() => reasons).toEqual(['client'])
  })

  test('directWrite() sends the retry line first, then what the producer sent, then ends; headers set with c.header() stay', async () => {
    const app = new Hono().use(directWrite()).get('/events', (c) => {
      c.header('x-extra', 'kept')
      return sse(
        c,
        async (sink) => {
          await sink.send({ data: 'one' })
          await sink.send({ data: 'two' })
        },
        { retry: 2500 },
      )
    })
    const stream = await openEventStream(`${await listen(app)}/events`)
    expect(stream.response.headers.get('x-extra')).toBe('kept')
    await stream.readToEnd()
    expect(stream.retries).toEqual([2500])
    expect(stream.events.map((event) => event.data)).toEqual(['one', 'two'])
  })

  test('directWrite() leaves other responses, and other event streams, to the adapter', async () => {
    const app = new Hono()
      .use(directWrite())
      .get('/json', (c) => c.json({ ok: true }))
      .get('/hono', (c) =>
        streamSSE(c, async (stream) => {
          await stream.writeSSE({ data: 'from hono' })
        }),
      )
    const base = await listen(app)
    expect(await (await fetch(`${base}/json`)).json()).toEqual({ ok: true })
    const stream = await openEventStream(`${base}/hono`)
    await stream.readToEnd()
    expect(stream.events.map((event) => event.data)).toEqual(['from hono'])
  })

  test('directWrite() does nothing outside @hono/node-server (app.request has no ServerResponse)', async () => {
    const channel = createChannel({ heartbeat: false })
    const app = new Hono().use(directWrite()).get('/events', (c) => channel.subscribe(c.req.raw))
    const response = await app.request('/events')
    const reader = response.body?.getReader()
    await channel.publish({ data: 'hello' })
    const { value } = (await reader?.read()) ?? {}
    expect(new TextDecoder().decode(value)).toBe(':\n\n')
    await reader?.cancel()
  })
})
