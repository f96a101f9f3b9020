import { fileURLToPath } from 'node:url'
import { freePort, type RunningServer, startServer } from '@ssekit/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DecodingClient } from '../harness/decoding-client.ts'

// Cloudflare Workers: @ssekit/compress under `wrangler dev` (workerd with nodejs_compat).
const WORKER_DIR = fileURLToPath(new URL('../workers', import.meta.url))
const WRANGLER = fileURLToPath(new URL('../../node_modules/.bin/wrangler', import.meta.url))

let server: RunningServer
beforeAll(async () => {
  const inspectorPort = String(await freePort())
  server = await startServer({
    command: WRANGLER,
    args: (port) => [
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--inspector-port',
      inspectorPort,
    ],
    cwd: WORKER_DIR,
    readyPath: '/',
    env: { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    timeoutMs: 60_000,
  })
}, 90_000)
afterAll(() => server?.stop())

// Each event must be decoded before the Worker wrote the next one (its `sentAt`, same clock).
async function arrivals(
  client: DecodingClient,
): Promise<{ n: number; sentAt: number; at: number }[]> {
  const seen: { n: number; sentAt: number; at: number }[] = []
  await client.until(
    () => {
      while (seen.length < client.events.length) {
        const data = JSON.parse(client.events[seen.length]?.data ?? '{}')
        seen.push({ n: data.n, sentAt: data.sentAt, at: Date.now() })
      }
      return client.ended
    },
    'the whole stream',
    20_000,
  )
  return seen
}

describe.each(['gzip', 'br', 'deflate'])('workerd: @ssekit/compress over %s', (coding) => {
  it('a streaming decompressor reads each event before the next is written', async () => {
    const client = await DecodingClient.open(`${server.url}/sse?coding=${coding}`, coding)
    expect(client.response.headers['content-encoding']).toBe(coding)
    const seen = await arrivals(client)
    expect(seen.map((event) => event.n)).toEqual([0, 1, 2, 3, 4, 5])
    for (let n = 0; n + 1 < seen.length; n++) {
      expect(seen[n]?.at, `event ${n} arrived after event ${n + 1} was written`).toBeLessThan(
        seen[n + 1]?.sentAt ?? 0,
      )
    }
    client.close()
  })
})

describe('workerd: negotiation', () => {
  // workerd shows the Worker a normalised `Accept-Encoding: br, gzip`; the client's own header is
  // in request.cf.clientAcceptEncoding, and a compressed body goes out as the Worker made it.
  it.each([
    ['identity', undefined],
    ['deflate', 'deflate'],
    ['gzip;q=0.5, br', 'br'],
  ])('answers a client that accepts %j with %j', async (accept, expected) => {
    const client = await DecodingClient.open(`${server.url}/negotiated`, accept)
    expect(client.response.headers['content-encoding']).toBe(expected)
    await client.until(() => client.ended, 'the whole stream', 20_000)
    expect(client.events.map((event) => JSON.parse(event.data).n)).toEqual([0, 1, 2, 3, 4, 5])
  })
})

describe("workerd's own compression (encodeBody 'automatic')", () => {
  it('is what an app gets when it only sets Content-Encoding: the result, documented', async () => {
    const client = await DecodingClient.open(`${server.url}/platform`, 'gzip')
    const seen = await arrivals(client)
    const early = seen.filter(
      (event, n) => n + 1 < seen.length && event.at < (seen[n + 1]?.sentAt ?? 0),
    )
    console.log(
      `workerd platform gzip: content-encoding ${client.response.headers['content-encoding']}, ${early.length} of ${seen.length - 1} events arrived before the next was written`,
    )
    expect(seen.map((event) => event.n)).toEqual([0, 1, 2, 3, 4, 5])
    client.close()
  })
})
