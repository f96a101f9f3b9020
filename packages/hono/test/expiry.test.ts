import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type CloseReason, EXPIRED_EVENT } from '@ssekit/core'
import { openEventStream } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { expect, test } from 'vitest'
import { directWrite } from '../src/direct-write.ts'
import { sse } from '../src/sse.ts'

test.each([
  ['a plain body', false],
  ['directWrite()', true],
])('sse() ends a stream whose credentials expired, over HTTP, with %s', async (_name, direct) => {
  const closes: CloseReason[] = []
  let producerSaw: unknown
  // The token's expiry, as a route would read it from a verified token.
  const expiries = new Map([['short', Date.now() + 300]])
  const app = new Hono().use(compress())
  if (direct) app.use('/events', directWrite())
  app.get('/events', (c) =>
    sse(
      c,
      async (sink) => {
        await sink.send({ id: '1', data: 'while the token holds' })
        await new Promise((resolve) => sink.signal.addEventListener('abort', resolve))
        producerSaw = sink.signal.reason
      },
      {
        expiresAt: expiries.get(c.req.header('authorization')?.slice(7) ?? ''),
        onClose: (reason) => closes.push(reason),
      },
    ),
  )
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  try {
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const stream = await openEventStream(`${base}/events`, {
      headers: { authorization: 'Bearer short', 'accept-encoding': 'gzip' },
    })
    await stream.readToEnd()
    expect(stream.events.map((e) => [e.event, e.id, e.data])).toEqual([
      [undefined, '1', 'while the token holds'],
      [EXPIRED_EVENT, undefined, '{"reason":"expiresAt"}'],
    ])
    expect(stream.retries).toEqual([0])
    expect(closes).toEqual(['expired'])
    expect(producerSaw).toBe('expired')
  } finally {
    server.close()
  }
})

test('sse() asks checkCredentials on each heartbeat and ends the stream when it says no', async () => {
  let revoked = false
  let asked = 0
  const app = new Hono().get('/events', (c) =>
    sse(c, () => {}, {
      heartbeat: 20,
      checkCredentials: async () => {
        asked++
        return !revoked
      },
    }),
  )
  const response = await app.request('/events')
  const stream = readEventStream(response, { timeoutMs: 5000 })
  await stream.waitUntil(() => asked >= 2, 'two checks')
  revoked = true
  await stream.readToEnd()
  expect(stream.events.map((e) => [e.event, e.data])).toEqual([
    [EXPIRED_EVENT, '{"reason":"checkCredentials"}'],
  ])
})
