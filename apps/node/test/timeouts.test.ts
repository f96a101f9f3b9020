import assert from 'node:assert/strict'
import {
  openEventStream,
  type RunningServer,
  rawRequest,
  readEventStream,
  startServer,
} from '@ssekit/testkit'
import { afterAll, beforeAll, describe, test } from 'vitest'

// Short request-side timeouts, so a half-open client is cut off within a second or two.
const HEADERS_TIMEOUT_MS = 500
const REQUEST_TIMEOUT_MS = 1000
// Longer than both timeouts and Node's check period together: anything cut by them is cut by now.
const HOLD_MS = 3000

let server: RunningServer
beforeAll(async () => {
  server = await startServer({
    command: process.execPath,
    args: ['src/main.ts'],
    env: {
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
  })
})
afterAll(() => server?.stop())

describe('the Node server times out half-open requests', () => {
  test.each([
    ['connects and sends nothing', ''],
    ['sends half a request line', 'GET /st'],
    ['sends headers without their blank line', 'GET /stats HTTP/1.1\r\nHost: x\r\n'],
    [
      'sends part of its body',
      'POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"from":',
    ],
  ])('a client that %s is answered 408 and disconnected', async (_, partial) => {
    // Node's defaults (60 s, then 300 s for a body) would hold it past this wait.
    const answer = await rawRequest(server.url, (socket) => socket.write(partial), 10_000)
    assert.ok(answer.closed, 'The server still holds the half-open connection')
    assert.equal(answer.status, 408, answer.text)
  })
})

describe('the request timeouts never cut an event stream', () => {
  test(`GET /sse keeps ticking for ${HOLD_MS} ms, past both timeouts`, async () => {
    const stream = await openEventStream(`${server.url}/sse?interval=200`)
    try {
      const started = Date.now()
      await stream.waitUntil(() => Date.now() - started > HOLD_MS, `ticks for ${HOLD_MS} ms`)
      assert.ok(stream.events.length >= HOLD_MS / 200 - 3, `${stream.events.length} ticks`)
    } finally {
      await stream.close()
    }
  })

  test(`GET /events held quiet for ${HOLD_MS} ms still receives what is published`, async () => {
    const response = await fetch(`${server.url}/events`)
    const stream = readEventStream(response, { timeoutMs: 10_000 })
    try {
      await stream.waitForEvents(1)
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS))
      const sent = await fetch(`${server.url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'patient', text: 'still there?' }),
      })
      assert.equal(sent.status, 201)
      const { id } = (await sent.json()) as { id: string }
      await stream.waitUntil(() => stream.events.some((event) => event.id === id), `event ${id}`)
    } finally {
      await stream.cancel()
    }
  })
})
