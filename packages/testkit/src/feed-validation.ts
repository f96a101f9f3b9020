import assert from 'node:assert/strict'
import type { ConformanceOptions } from './conformance.ts'
import { openEventStream } from './event-stream-client.ts'
import { chatsFrom, readUntilId, uniqueName } from './feed-client.ts'

interface BadPost {
  body: string | (() => ReadableStream<Uint8Array>)
  type: string
  /** A word the 400's message must contain, so it tells the sender what to fix. */
  names: string
}

const json = 'application/json'
// The app takes bodies up to 4096 bytes, `from` up to 40 characters and `text` up to 1000.
const OVERSIZED = 'x'.repeat(8 * 1024)

/** The bad `POST /events` bodies, each made with the test's own `from` where it has one. */
const BAD_POSTS: Record<string, (me: string) => BadPost> = {
  'a body that is not JSON': () => ({ body: '{"from":', type: json, names: 'JSON' }),
  'the wrong content type': (me) => ({
    body: JSON.stringify({ from: me, text: 'hi' }),
    type: 'text/plain',
    names: 'content-type',
  }),
  'a body over the size limit': (me) => ({
    body: JSON.stringify({ from: me, text: OVERSIZED }),
    type: json,
    names: 'bytes',
  }),
  'a streamed body over the size limit, without Content-Length': (me) => ({
    body: () => streamOf(JSON.stringify({ from: me, text: OVERSIZED })),
    type: json,
    names: 'bytes',
  }),
  'an array': () => ({ body: '[]', type: json, names: 'object' }),
  'a missing `text`': (me) => ({ body: JSON.stringify({ from: me }), type: json, names: 'text' }),
  'a number for `text`': (me) => ({
    body: JSON.stringify({ from: me, text: 5 }),
    type: json,
    names: 'text',
  }),
  'a blank `text`': (me) => ({
    body: JSON.stringify({ from: me, text: ' \n ' }),
    type: json,
    names: 'text',
  }),
  'a `text` over 1000 characters': (me) => ({
    body: JSON.stringify({ from: me, text: 'x'.repeat(1001) }),
    type: json,
    names: 'text',
  }),
  'a `from` over 40 characters': () => ({
    body: JSON.stringify({ from: 'x'.repeat(41), text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'a control character in `from`': (me) => ({
    body: JSON.stringify({ from: `${me}\u0007`, text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'an extra field': (me) => ({
    body: JSON.stringify({ from: me, text: 'hi', admin: true }),
    type: json,
    names: 'from',
  }),
}

/** The `POST /events` validation part of the feed suite. @internal */
export function addFeedValidationTests({ test, baseUrl }: ConformanceOptions): void {
  for (const [name, make] of Object.entries(BAD_POSTS)) {
    test(`POST /events answers 400 to ${name}`, async () => {
      const bad = make(uniqueName('bad'))
      const response = await post(baseUrl(), bad)
      assert.equal(response.status, 400)
      const message = await response.text()
      assert.ok(message.includes(bad.names), `The 400 names the problem: ${message}`)
    })
  }

  test('POST /events answers 201 with the ID to a good message; the bad ones publish nothing', async () => {
    const url = baseUrl()
    const me = uniqueName('good')
    const stream = await openEventStream(`${url}/events`)
    try {
      for (const make of Object.values(BAD_POSTS)) {
        const response = await post(url, make(me))
        await response.body?.cancel()
        assert.equal(response.status, 400)
      }
      const good = JSON.stringify({ from: ` ${me} `, text: 'hi' })
      const response = await post(url, { body: good, type: json })
      assert.equal(response.status, 201)
      assert.ok(response.headers.get('content-type')?.startsWith('application/json'))
      const { id } = (await response.json()) as { id: string }
      assert.equal(typeof id, 'string')
      await readUntilId(stream, id)
      // The name arrives trimmed; no bad post got through before it.
      assert.deepEqual(chatsFrom(stream.events, me), [{ id, from: me, text: 'hi' }])
    } finally {
      await stream.close()
    }
  })
}

function post(baseUrl: string, { body, type }: Omit<BadPost, 'names'>): Promise<Response> {
  const streamed = typeof body === 'function'
  return fetch(`${baseUrl}/events`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: streamed ? body() : body,
    // A stream body goes out chunked, so only the bytes read can tell its size.
    ...(streamed ? { duplex: 'half' } : {}),
  } as RequestInit)
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      // Two chunks: the limit is crossed in the middle of the body.
      controller.enqueue(bytes.subarray(0, 4000))
      controller.enqueue(bytes.subarray(4000))
      controller.close()
    },
  })
}
