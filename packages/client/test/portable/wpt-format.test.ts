import { afterEach, describe, expect, it } from 'vitest'
import { events, type ServerEvent, SSEResponseError } from '../../src/index.ts'
import { FORMAT_CASES, type FormatCase } from '../data/wpt-format.ts'
import { bytewise, script, status } from '../harness/responses.ts'
import { isWorkerd } from '../harness/runtime.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

// The client's own reconnection time: a value no case sets, so a `retry:` that was ignored shows.
const CLIENT_RETRY = 2718
// The jitter pinned to the top of its range: each wait is then the reconnection time itself.
const TOP = () => 1 - 2 ** -53

const encoder = new TextEncoder()

/** The `Last-Event-ID` as the server got it, decoded from its UTF-8 bytes. */
function sentId(headers: Headers): string | null {
  const value = headers.get('last-event-id')
  // workerd's Headers hold the string itself; the others hold one char per byte.
  if (value === null || isWorkerd()) return value
  return new TextDecoder().decode(Uint8Array.from(value, (char) => char.charCodeAt(0)))
}

interface Outcome {
  events: ServerEvent[]
  error: unknown
  lastEventId: string
  delays: number[]
}

/** Serves the case's responses, each whole or one byte a chunk, and reads them with events(). */
async function run(test: FormatCase, split: 'whole' | 'bytewise'): Promise<Outcome> {
  const contentType = test.contentType ?? 'text/event-stream'
  upstream = await serve((_, n) => {
    const body = test.responses[n - 1]
    if (body === undefined) return status(204)
    const parts = split === 'whole' ? [encoder.encode(body)] : bytewise(body)
    return script(parts, { headers: { 'content-type': contentType } })
  })
  const done = new Error('every response was read')
  const delays: number[] = []
  const stream = events(upstream.url, {
    ...upstream.init,
    retryDelay: CLIENT_RETRY,
    minRetryDelay: 0,
    random: TOP,
    // Stop before the wait after the last response: the reconnection time is known by then.
    onRetry: ({ attempt, delay }) => {
      delays.push(delay)
      if (attempt > test.responses.length) throw done
    },
  })
  const got: ServerEvent[] = []
  let error: unknown
  try {
    for await (const event of stream) got.push(event)
  } catch (caught) {
    if (caught !== done) error = caught
  }
  return { events: got, error, lastEventId: stream.lastEventId, delays }
}

describe('events() against the web-platform-tests eventsource format cases', () => {
  for (const test of FORMAT_CASES) {
    for (const split of ['whole', 'bytewise'] as const) {
      it(`events() reads ${test.wpt} as browsers do (${split})`, async () => {
        const outcome = await run(test, split)
        expect(outcome.events).toEqual(test.events)
        expect(outcome.lastEventId).toBe(test.lastEventId)
        const requests = upstream?.requests ?? []
        if (test.fails) {
          expect(outcome.error).toBeInstanceOf(SSEResponseError)
          expect(requests).toHaveLength(1)
          return
        }
        expect(outcome.error).toBeUndefined()
        expect(requests).toHaveLength(test.responses.length)
        if (test.requestIds) {
          expect(requests.map((request) => sentId(request.headers))).toEqual(test.requestIds)
        }
        expect(outcome.delays.at(-1)).toBe(test.retry ?? CLIENT_RETRY)
      })
    }
  }
})
