import { createChannel } from '@ssekit/channel'
import { readEventStream } from '@ssekit/testkit/event-stream'
import type { Context } from 'hono'
import { describe, expect, test } from 'vitest'
import { createApp } from '../src/create-app.ts'
import type { FeedEvents } from '../src/feed-message.ts'
import { STREAM_CAP_RETRY_AFTER_SECONDS } from '../src/open-stream.ts'
import { DEFAULT_MAX_STREAMS_PER_CLIENT, streamCapFromEnv } from '../src/stream-cap.ts'

type App = ReturnType<typeof createApp>

// In process there is no socket: the test names the client's address in a header of its own,
// as a runtime's `clientAddress` would read it off the connection.
const clientAddress = (c: Context) => c.req.header('x-test-address')
const from = (address: string, headers: Record<string, string> = {}) => ({
  headers: { 'x-test-address': address, ...headers },
})
const open = (app: App) => (app.request('/stats') as Promise<Response>).then((r) => r.json())

async function openStream(app: App, path: string, address: string) {
  const response = await app.request(path, from(address))
  expect(response.status, `${path} from ${address}`).toBe(200)
  const stream = readEventStream(response, { timeoutMs: 5000 })
  await stream.readChunk()
  return stream
}

describe('the cap on each client’s open streams', () => {
  test('the streams past the cap, on any route, get 429 with Retry-After; a closed one frees its slot', async () => {
    const app = createApp({ clientAddress, maxStreamsPerClient: 3 })
    const streams = [
      await openStream(app, '/sse?interval=60000', '192.0.2.1'),
      await openStream(app, '/events', '192.0.2.1'),
      await openStream(app, '/relay?interval=60000', '192.0.2.1'),
    ]
    for (const path of ['/sse', '/events', '/relay']) {
      const refused = await app.request(path, from('192.0.2.1'))
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe(String(STREAM_CAP_RETRY_AFTER_SECONDS))
      expect(await refused.text()).toBe(
        'Cannot open a stream: this client already holds 3 open event streams',
      )
    }
    // The relay's upstream ticker counts in /stats, but in no client's cap.
    expect(await open(app)).toMatchObject({ open: 4 })
    const other = await openStream(app, '/sse?interval=60000', '192.0.2.2')
    await streams[1]?.cancel()
    const again = await openStream(app, '/events', '192.0.2.1')
    for (const stream of [...streams, other, again]) await stream.cancel()
    expect(await open(app)).toMatchObject({ open: 0 })
    for (let n = 0; n < 3; n++) await openStream(app, '/sse?interval=60000', '192.0.2.1')
  })

  test('HEAD requests, bad intervals and a closed channel’s 204 give their slots back', async () => {
    const app = createApp({ clientAddress, maxStreamsPerClient: 2 })
    const held = await openStream(app, '/sse?interval=60000', '192.0.2.1')
    for (let n = 0; n < 5; n++) {
      for (const path of ['/sse', '/events', '/relay']) {
        expect((await app.request(path, { method: 'HEAD', ...from('192.0.2.1') })).status).toBe(200)
      }
      for (const path of ['/sse', '/relay']) {
        expect((await app.request(`${path}?interval=1`, from('192.0.2.1'))).status).toBe(400)
      }
    }
    const last = await openStream(app, '/events', '192.0.2.1')
    expect((await app.request('/events', from('192.0.2.1'))).status).toBe(429)
    await Promise.all([held.cancel(), last.cancel()])

    const feed = createChannel<FeedEvents>()
    await feed.close()
    const closed = createApp({ clientAddress, maxStreamsPerClient: 1, feed })
    for (let n = 0; n < 3; n++) {
      expect((await closed.request('/events', from('192.0.2.1'))).status).toBe(204)
    }
    await (await openStream(closed, '/sse?interval=60000', '192.0.2.1')).cancel()
  })

  test('a forwarded address counts only when the app is told to trust its header', async () => {
    const spoofed = (n: number) => from('192.0.2.1', { 'x-forwarded-for': `198.51.100.${n}` })
    const direct = createApp({ clientAddress, maxStreamsPerClient: 1 })
    const first = readEventStream(await direct.request('/sse?interval=60000', spoofed(1)))
    expect((await direct.request('/sse?interval=60000', spoofed(2))).status).toBe(429)
    await first.cancel()

    const proxied = createApp({
      clientAddress,
      maxStreamsPerClient: 1,
      clientAddressHeader: 'X-Forwarded-For',
    })
    // What a client wrote before the proxy's own entry counts for nothing.
    const ada = from('10.0.0.1', { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' })
    const bob = from('10.0.0.1', { 'x-forwarded-for': '203.0.113.9, 198.51.100.2' })
    const streams = [
      readEventStream(await proxied.request('/sse?interval=60000', ada)),
      readEventStream(await proxied.request('/sse?interval=60000', bob)),
    ]
    expect((await proxied.request('/sse?interval=60000', ada)).status).toBe(429)
    // No header: the connection's address, the proxy's own here.
    const bare = readEventStream(await proxied.request('/sse?interval=60000', from('10.0.0.1')))
    expect((await proxied.request('/sse?interval=60000', from('10.0.0.1'))).status).toBe(429)
    for (const stream of [...streams, bare]) await stream.cancel()
  })

  test('without a client address there is no cap, and the default is 64', async () => {
    const app = createApp({ maxStreamsPerClient: 1 })
    const streams = [1, 2, 3].map(async () =>
      readEventStream(await app.request('/sse?interval=60000')),
    )
    for (const stream of await Promise.all(streams)) await stream.cancel()
    expect(DEFAULT_MAX_STREAMS_PER_CLIENT).toBe(64)
    const capped = createApp({ clientAddress })
    const held = []
    for (let n = 0; n < 64; n++) held.push(await openStream(capped, '/sse?interval=60000', 'a'))
    expect((await capped.request('/sse', from('a'))).status).toBe(429)
    for (const stream of held) await stream.cancel()
  })

  test.each([0, -1, 1.5, Number.NaN, '8'])(
    'createApp() throws naming `maxStreamsPerClient` for %j',
    (max) => {
      const options = { maxStreamsPerClient: max as number }
      expect(() => createApp(options)).toThrow(RangeError)
      expect(() => createApp(options)).toThrow(/option `maxStreamsPerClient` must be/)
    },
  )

  test('createApp() refuses a header name that is not one', () => {
    expect(() => createApp({ clientAddressHeader: 'x forwarded' })).toThrow(SyntaxError)
    expect(() => createApp({ clientAddressHeader: 5 as never })).toThrow(TypeError)
  })

  test('streamCapFromEnv() reads MAX_STREAMS_PER_CLIENT and CLIENT_ADDRESS_HEADER', () => {
    expect(streamCapFromEnv({})).toEqual({})
    expect(
      streamCapFromEnv({ MAX_STREAMS_PER_CLIENT: '8', CLIENT_ADDRESS_HEADER: 'x-real-ip' }),
    ).toEqual({ maxStreamsPerClient: 8, clientAddressHeader: 'x-real-ip' })
    for (const raw of ['0', '-1', 'abc', '1e3', '9999999999']) {
      expect(() => streamCapFromEnv({ MAX_STREAMS_PER_CLIENT: raw })).toThrow(
        /`MAX_STREAMS_PER_CLIENT` must be a positive whole number/,
      )
    }
  })
})
