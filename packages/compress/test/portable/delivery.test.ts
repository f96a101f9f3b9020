import { createChannel } from '@ssekit/channel'
import { type SSESink, sseResponse } from '@ssekit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { compression } from '../../src/index.ts'
import { DecodingClient } from '../harness/decoding-client.ts'
import { type Served, serve } from '../harness/serve.ts'

// A chat message as applications send them: JSON with repeated keys.
const chat = (n: number) => ({
  event: 'chat',
  data: {
    type: 'message',
    room: 'general',
    from: { id: `u_${n % 7}`, name: 'ada' },
    text: `hello number ${n}`,
    n,
  },
})

let server: Served | undefined
const clients: DecodingClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await server?.close()
  server = undefined
})

async function open(url: string, acceptEncoding: string | undefined): Promise<DecodingClient> {
  const client = await DecodingClient.open(url, acceptEncoding)
  clients.push(client)
  return client
}

describe.each(['gzip', 'br', 'deflate'] as const)('over %s', (encoding) => {
  it('sseResponse() delivers each event through a streaming decompressor before the next is written', async () => {
    const sinks: SSESink[] = []
    server = await serve((request) =>
      sseResponse((sink) => void sinks.push(sink), {
        signal: request.signal,
        compress: compression(request, { encodings: [encoding] }),
      }),
    )
    const client = await open(`${server.url}/`, `${encoding}, identity;q=0.5`)
    expect(client.response.headers['content-encoding']).toBe(encoding)
    expect(client.response.headers.vary).toMatch(/accept-encoding/i)
    await client.until(() => sinks.length === 1, 'the stream to open')
    for (let n = 0; n < 20; n++) {
      await sinks[0]?.send(chat(n))
      // Nothing else is written until this event is read: a compressor that held it back fails.
      await client.until(() => client.events.length === n + 1, `event ${n}`)
      expect(JSON.parse(client.events[n]?.data ?? '').n).toBe(n)
    }
    // Shared keys and names compress: far fewer bytes on the wire than decoded.
    expect(client.wireBytes).toBeLessThan(client.plainBytes * 0.6)
    sinks[0]?.close()
    // The trailer is whole and its checksum right, or the decompressor errors.
    await client.until(() => client.ended, 'the end of the stream')
  })

  it('heartbeats keep arriving on a quiet stream, and an event after the quiet spell decodes', async () => {
    const sinks: SSESink[] = []
    server = await serve((request) =>
      sseResponse((sink) => void sinks.push(sink), {
        signal: request.signal,
        heartbeat: 40,
        compress: compression(request, { encodings: [encoding] }),
      }),
    )
    const client = await open(`${server.url}/`, encoding)
    await client.until(() => sinks.length === 1, 'the stream to open')
    await sinks[0]?.send(chat(1))
    await client.until(() => client.events.length === 1, 'the first event')
    // The opening comment, then keep-alives: the window of a deflate stream is let go meanwhile.
    await client.until(() => client.comments.length >= 4, 'three heartbeats')
    await sinks[0]?.send(chat(2))
    await client.until(() => client.events.length === 2, 'the event after the quiet spell')
    expect(JSON.parse(client.events[1]?.data ?? '').n).toBe(2)
  })

  it('a channel compresses each subscriber on its own and delivers every publish at once', async () => {
    const channel = createChannel()
    server = await serve((request) =>
      request.method === 'POST'
        ? request.text().then(async (text) => new Response(await channel.publish({ data: text })))
        : channel.subscribe(request, { compress: compression(request, { encodings: [encoding] }) }),
    )
    const compressed = await open(`${server.url}/`, encoding)
    const plain = await open(`${server.url}/`, undefined)
    expect(compressed.response.headers['content-encoding']).toBe(encoding)
    expect(plain.response.headers['content-encoding']).toBeUndefined()
    await compressed.until(() => channel.size === 2, 'both subscribers')
    for (let n = 0; n < 10; n++) {
      const text = JSON.stringify(chat(n).data)
      await fetch(`${server.url}/`, { method: 'POST', body: text })
      await compressed.until(() => compressed.events.length === n + 1, `event ${n} compressed`)
      await plain.until(() => plain.events.length === n + 1, `event ${n} plain`)
      expect(compressed.events[n]).toEqual(plain.events[n])
    }
    await channel.close()
    await compressed.until(() => compressed.ended, 'the end of the compressed stream')
  })
})

describe('negotiation on the wire', () => {
  it('gives identity to a client that asks for no coding, and honours q-values and identity;q=0', async () => {
    server = await serve((request) =>
      sseResponse((sink) => sink.close(), { compress: compression(request) }),
    )
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['identity', undefined],
      ['gzip;q=0.5, br', 'br'],
      ['gzip, deflate, br, zstd', 'gzip'],
      ['deflate;q=1, gzip;q=0.9', 'deflate'],
      ['zstd, identity;q=0', undefined],
      ['br;q=0, gzip;q=0, *;q=0.1, identity;q=0', 'deflate'],
    ]
    for (const [accept, expected] of cases) {
      const client = await open(`${server.url}/`, accept)
      expect(client.response.headers['content-encoding'], String(accept)).toBe(expected)
      await client.until(() => client.ended, `the end of the stream for ${accept}`)
    }
  })
})
