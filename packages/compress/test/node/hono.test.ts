import { serve } from '@hono/node-server'
import type { SSESink } from '@ssekit/core'
import { sse } from '@ssekit/hono'
import { directWrite } from '@ssekit/hono/node'
import { Hono } from 'hono'
import { compress as honoCompress } from 'hono/compress'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compression } from '../../src/index.ts'
import { DecodingClient } from '../harness/decoding-client.ts'

// @ssekit/hono's sse() with `compress`, on @hono/node-server, behind directWrite() and Hono's own
// compress(): the stream stays a web stream, is compressed once, and every event arrives at once.
const sinks: SSESink[] = []
let url: string
let close: () => void

beforeAll(async () => {
  const app = new Hono()
    .use('*', honoCompress())
    .use('/events', directWrite())
    .get('/events', (c) =>
      sse(c, (sink) => void sinks.push(sink), { compress: compression(c.req.raw) }),
    )
  const port = await new Promise<number>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(info.port),
    )
    close = () => {
      ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      server.close()
    }
  })
  url = `http://127.0.0.1:${port}/events`
})
afterAll(() => close?.())

describe('sse() with compress on @hono/node-server', () => {
  it.each([
    ['gzip', 'gzip'],
    ['br', 'br'],
    [undefined, undefined],
  ])('answers Accept-Encoding %j with %j, each event at once', async (accept, expected) => {
    sinks.length = 0
    const client = await DecodingClient.open(url, accept)
    try {
      expect(client.response.headers['content-encoding']).toBe(expected)
      expect(client.response.headers.vary).toMatch(/accept-encoding/i)
      await client.until(() => sinks.length === 1, 'the stream to open')
      for (let n = 0; n < 5; n++) {
        await sinks[0]?.send({ event: 'chat', data: { n, text: 'hello from hono' } })
        await client.until(() => client.events.length === n + 1, `event ${n}`)
      }
      expect(client.events.map((event) => JSON.parse(event.data).n)).toEqual([0, 1, 2, 3, 4])
      sinks[0]?.close()
      await client.until(() => client.ended, 'the end of the stream')
    } finally {
      client.close()
    }
  })
})
