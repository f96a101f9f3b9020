import { afterEach, describe, expect, it } from 'vitest'
import { events, SSEEventSizeError, SSEResponseError } from '../../src/index.ts'
import { script, status } from '../harness/responses.ts'
import { until } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

async function failure(stream: AsyncIterator<unknown>): Promise<unknown> {
  try {
    for (;;) if ((await stream.next()).done) return undefined
  } catch (error) {
    return error
  }
}

describe('events() failing loudly', () => {
  for (const code of [400, 401, 403, 404, 410]) {
    it(`events() throws SSEResponseError for a ${code}, after one request only`, async () => {
      // Even labelled as an event stream: the status alone says it won't get better.
      upstream = await serve(() =>
        script(['data: not for you\n\n'], {
          status: code,
          headers: { 'content-type': 'text/event-stream' },
        }),
      )
      const error = await failure(
        events(upstream.url, { ...upstream.init, retryDelay: 0, minRetryDelay: 0 }),
      )
      expect(error).toBeInstanceOf(SSEResponseError)
      expect(error).toMatchObject({ status: code, contentType: 'text/event-stream' })
      expect((error as Error).message).toMatch(
        new RegExp(`^Cannot read the event stream.*: answered ${code}`),
      )
      expect(upstream.requests).toHaveLength(1)
      await until(() => upstream?.open === 0, 'the error body to be released')
    })
  }

  it('events() throws SSEResponseError for a 200 text/html, naming the content type', async () => {
    upstream = await serve(() =>
      status(200, { 'content-type': 'text/html; charset=utf-8' }, '<p>login</p>'),
    )
    const error = await failure(events(upstream.url, upstream.init))
    expect(error).toBeInstanceOf(SSEResponseError)
    expect(error).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' })
    expect((error as Error).message).toMatch(
      /content-type "text\/html; charset=utf-8", not text\/event-stream/,
    )
    expect(upstream.requests).toHaveLength(1)
  })

  it('events() accepts text/event-stream with parameters and in any case', async () => {
    upstream = await serve((_, n) =>
      n === 1
        ? script(['data: ok\n\n'], {
            headers: { 'content-type': 'Text/Event-Stream; charset=utf-8' },
          })
        : status(204),
    )
    const stream = events(upstream.url, upstream.init)
    expect((await stream.next()).value?.data).toBe('ok')
    await stream.return()
  })

  it('events() throws SSEEventSizeError for an oversized event, after the events before it', async () => {
    const big = 'x'.repeat(1000)
    upstream = await serve(() =>
      script(['data: small\n\n', `data: ${big}`, `${big}`, `${big}\n\n`, 'data: never\n\n']),
    )
    const got: string[] = []
    let error: unknown
    try {
      for await (const e of events(upstream.url, { ...upstream.init, maxEventSize: 2500 }))
        got.push(e.data)
    } catch (caught) {
      error = caught
    }
    expect(got).toEqual(['small'])
    expect(error).toBeInstanceOf(SSEEventSizeError)
    expect(error).toBeInstanceOf(RangeError)
    expect((error as SSEEventSizeError).limit).toBe(2500)
    expect(upstream.requests).toHaveLength(1)
  })

  it('events() fails an event that never ends as soon as it outgrows maxEventSize', async () => {
    // No blank line ever comes: a parser without a bound would buffer this forever.
    const endless = [
      'data: start\n',
      ...Array.from({ length: 20 }, () => `data: ${'y'.repeat(100)}\n`),
    ]
    upstream = await serve(() => script(endless, { end: false }))
    const stream = events(upstream.url, {
      ...upstream.init,
      maxEventSize: 1000,
      idleTimeout: false,
    })
    await expect(failure(stream)).resolves.toBeInstanceOf(SSEEventSizeError)
    const server = upstream
    await until(() => server.open === 0, 'the body to be cancelled')
    expect(upstream.cancelled).toBe(1)
  })

  it('events() counts many data lines of one event against maxEventSize', async () => {
    upstream = await serve(() => script([`${'data: 0123456789\n'.repeat(50)}\n`]))
    await expect(
      failure(events(upstream.url, { ...upstream.init, maxEventSize: 400 })),
    ).resolves.toBeInstanceOf(SSEEventSizeError)
  })

  it('events() rejects bad options at the call site with a typed error naming the field', () => {
    expect(() => events('http://x.test/', { idleTimeout: -1 })).toThrow(
      new RangeError(
        'Cannot open the event stream: `idleTimeout` must be an integer from 1 to 2147483647, got -1',
      ),
    )
    expect(() => events('http://x.test/', { maxEventSize: 1.5 })).toThrow(RangeError)
    expect(() => events('http://x.test/', { retryDelay: '5' as unknown as number })).toThrow(
      new TypeError('Cannot open the event stream: `retryDelay` must be a number'),
    )
    expect(() => events(42 as unknown as string)).toThrow(
      new TypeError('Cannot open the event stream: `input` must be a string, URL or Request'),
    )
    expect(() => events('http://x.test/', { body: 'x' })).toThrow(
      new TypeError('Cannot open the event stream: a GET request cannot have a `body`'),
    )
  })
})
