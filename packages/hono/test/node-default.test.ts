import { createChannel, type SubscribeOptions } from '@ssekit/channel'
import { openEventStream } from '@ssekit/testkit'
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { sse } from '../src/sse.ts'
import { subscribe } from '../src/subscribe.ts'
import { listen, recordWrites } from './node-server.ts'

const OPENING = ':\n\n'
/** What reached Node's ServerResponse after the head and the opening comment, as text. */
const bodyWrites = (writes: (string | Uint8Array)[]) =>
  writes.filter((chunk) => (typeof chunk === 'string' ? chunk : decoder.decode(chunk)) !== OPENING)
const decoder = new TextDecoder()

describe('the Node fast path by default', () => {
  test('sse() under @hono/node-server writes joined text to the ServerResponse itself, with no middleware', async () => {
    const writes: (string | Uint8Array)[] = []
    const app = new Hono().use(recordWrites(writes)).get('/events', (c) =>
      sse(c, async (sink) => {
        for (let n = 0; n < 500; n++) await sink.send({ data: String(n) })
      }),
    )
    const stream = await openEventStream(`${await listen(app)}/events`)
    await stream.readToEnd()
    expect(stream.events.map((event) => Number(event.data))).toEqual([...Array(500).keys()])
    // The adapter's pump would write the body stream's Uint8Arrays; the direct path writes text.
    const written = bodyWrites(writes)
    expect(written.length).toBeGreaterThan(0)
    expect(written.every((chunk) => typeof chunk === 'string')).toBe(true)
  })

  test('subscribe() under @hono/node-server writes a channel to the ServerResponse without reading its body, and keeps c.header() headers', async () => {
    const channel = createChannel({ heartbeat: false })
    // The channel's own bodies: the adapter would lock one to read it.
    const bodies: (ReadableStream | null)[] = []
    const watched = {
      async subscribe(request: Request, options?: SubscribeOptions) {
        const response = await channel.subscribe(request, options)
        bodies.push(response.body)
        return response
      },
    }
    const app = new Hono().get('/events', (c) => {
      c.header('x-extra', 'kept')
      return subscribe(c, watched, { headers: { 'x-option': 'set' } })
    })
    const stream = await openEventStream(`${await listen(app)}/events`)
    await expect.poll(() => channel.size).toBe(1)
    for (let n = 1; n <= 30; n++) await channel.publish({ event: 'tick', data: { n } })
    const events = await stream.waitForEvents(30)
    expect(events.map((event) => JSON.parse(event.data).n)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    )
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(stream.response.headers.get('x-extra')).toBe('kept')
    expect(stream.response.headers.get('x-option')).toBe('set')
    expect(bodies.map((body) => body?.locked)).toEqual([false])
    await stream.close()
    await expect.poll(() => channel.size).toBe(0)
  })

  test('sse() under @hono/node-server still sends every byte through a middleware that pipes the body through a TransformStream', async () => {
    const app = new Hono()
      .use(async (c, next) => {
        await next()
        const upper = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            const text = new TextDecoder().decode(chunk)
            controller.enqueue(new TextEncoder().encode(text.replaceAll('data: x', 'data: X')))
          },
        })
        const { status, headers } = c.res
        const body = c.res.body?.pipeThrough(upper) ?? null
        c.res = undefined
        c.res = new Response(body, { status, headers })
      })
      .get('/events', (c) =>
        sse(c, async (sink) => {
          for (let n = 0; n < 20; n++) await sink.send({ data: `x${n}` })
        }),
      )
    const stream = await openEventStream(`${await listen(app)}/events`)
    await stream.readToEnd()
    expect(stream.events.map((event) => event.data)).toEqual(
      Array.from({ length: 20 }, (_, n) => `X${n}`),
    )
  })

  test('subscribe() through app.request() (no ServerResponse) answers with the channel web stream; a closed channel with 204', async () => {
    const channel = createChannel({ heartbeat: false })
    const app = new Hono().get('/events', (c) => subscribe(c, channel))
    const response = await app.request('/events')
    const reader = response.body?.getReader()
    expect(decoder.decode((await reader?.read())?.value)).toBe(OPENING)
    await channel.publish({ data: 'hello' })
    expect(decoder.decode((await reader?.read())?.value)).toMatch(/^id: \S+\ndata: hello\n\n$/)
    await reader?.cancel()
    await channel.close()
    expect((await app.request('/events')).status).toBe(204)
  })
})
