import { afterEach, describe, expect, it } from 'vitest'
import { type EventsInit, events } from '../../src/index.ts'
import { realSetTimeout, script, status } from '../harness/responses.ts'
import { collect } from '../harness/timers.ts'
import { type Handler, serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
let restoreTimers: (() => void) | undefined
afterEach(async () => {
  restoreTimers?.()
  restoreTimers = undefined
  await upstream?.close()
  upstream = undefined
})

// The documented defaults.
const FLOOR = 500
const CEILING = 300_000
const MAX_TIMER = 2 ** 31 - 1
// A second at the floor is at most three requests: at 0, 500 and 1 000 ms.
const WINDOW = 1000
const AT_MOST = 3
// The jitter pinned to either end of its range.
const BOTTOM = () => 0
const TOP = () => 1 - 2 ** -53

/** Records the delay of every timer armed, through the global every runtime has. */
function recordTimers(): number[] {
  const armed: number[] = []
  const { setTimeout: real } = globalThis
  globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) => {
    armed.push(ms ?? 0)
    return real(handler, ms, ...args)
  }) as typeof setTimeout
  restoreTimers = () => {
    globalThis.setTimeout = real
  }
  return armed
}

/** Reads a server for WINDOW ms of real time; how many requests it got, and the waits. */
async function readFor(handler: Handler, init: EventsInit) {
  upstream = await serve(handler)
  const abort = new AbortController()
  const delays: number[] = []
  const reading = collect(
    events(upstream.url, {
      ...upstream.init,
      ...init,
      signal: abort.signal,
      onRetry: ({ delay }) => delays.push(delay),
    }),
  )
  await new Promise((resolve) => realSetTimeout(resolve, WINDOW))
  abort.abort()
  await reading
  return { requests: upstream.requests.length, delays }
}

describe('events() bounds every wait a server sets', () => {
  it('events() waits at least the floor after `retry: 0` and a stream that ends at once', async () => {
    const { requests, delays } = await readFor(() => script(['retry: 0\ndata: x\n\n']), {
      random: BOTTOM,
    })
    expect(requests).toBeLessThanOrEqual(AT_MOST)
    expect(delays.every((delay) => delay === FLOOR)).toBe(true)
  })

  it('events() waits at least the floor for a server that ends without a byte', async () => {
    const { requests } = await readFor(() => script([]), { retryDelay: 0, random: BOTTOM })
    expect(requests).toBeLessThanOrEqual(AT_MOST)
  })

  it('events() caps a huge `retry:` at the ceiling instead of overflowing the timer', async () => {
    const armed = recordTimers()
    const { requests, delays } = await readFor(() => script(['retry: 99999999999\ndata: x\n\n']), {
      random: TOP,
    })
    expect(delays).toEqual([CEILING])
    expect(requests).toBe(1)
    expect(Math.max(...armed)).toBeLessThanOrEqual(MAX_TIMER)
  })

  for (const [what, header] of [
    ['a huge number of seconds', '99999999999'],
    ['an HTTP date in 2100', 'Fri, 01 Jan 2100 00:00:00 GMT'],
  ] as const) {
    it(`events() caps a Retry-After of ${what} at the ceiling`, async () => {
      const armed = recordTimers()
      const { requests, delays } = await readFor(() => status(503, { 'retry-after': header }), {})
      expect(delays).toEqual([CEILING])
      expect(requests).toBe(1)
      expect(Math.max(...armed)).toBeLessThanOrEqual(MAX_TIMER)
    })
  }

  for (const [what, header] of [
    ['0', '0'],
    ['a date in the past', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ] as const) {
    it(`events() waits the floor for a Retry-After of ${what}`, async () => {
      const { requests, delays } = await readFor(() => status(429, { 'retry-after': header }), {})
      expect(requests).toBeLessThanOrEqual(AT_MOST)
      expect(delays.every((delay) => delay === FLOOR)).toBe(true)
    })
  }

  it('events() honours its own floor and ceiling', async () => {
    upstream = await serve((_, n) =>
      n === 1 ? status(503, { 'retry-after': '3600' }) : script(['retry: 0\ndata: x\n\n']),
    )
    const delays: number[] = []
    const init = { minRetryDelay: 20, maxServerDelay: 40, random: BOTTOM }
    const stream = events(upstream.url, {
      ...upstream.init,
      ...init,
      onRetry: ({ delay }) => delays.push(delay),
    })
    await collect(stream, 3)
    expect(delays).toEqual([40, 20, 20])
  })
})

describe('events() checking its delay options', () => {
  const open = (init: EventsInit) => () => events('http://x.test/', init)

  it('events() rejects a delay no timer can wait, naming the option', () => {
    for (const name of [
      'retryDelay',
      'minRetryDelay',
      'maxRetryDelay',
      'maxServerDelay',
      'idleTimeout',
    ] as const) {
      expect(open({ [name]: 2 ** 31 })).toThrow(
        new RangeError(
          `Cannot open the event stream: \`${name}\` must be an integer from ${name === 'idleTimeout' ? 1 : 0} to 2147483647, got 2147483648`,
        ),
      )
    }
  })

  it('events() rejects a floor above a ceiling', () => {
    expect(open({ minRetryDelay: 1000, maxRetryDelay: 999 })).toThrow(
      new RangeError(
        'Cannot open the event stream: `maxRetryDelay` (999) must be at least `minRetryDelay` (1000)',
      ),
    )
    expect(open({ minRetryDelay: 1000, maxServerDelay: 999 })).toThrow(
      new RangeError(
        'Cannot open the event stream: `maxServerDelay` (999) must be at least `minRetryDelay` (1000)',
      ),
    )
    expect(open({ minRetryDelay: -1 })).toThrow(RangeError)
    expect(open({ maxServerDelay: '1' as unknown as number })).toThrow(
      new TypeError('Cannot open the event stream: `maxServerDelay` must be a number'),
    )
  })
})
