import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type CloseReason, sseStream } from '../../src/index.ts'

const decoder = new TextDecoder()
// The longest delay `setTimeout` takes; a longer one fires at once.
const MAX_TIMER_DELAY = 2 ** 31 - 1

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('sseStream() expiry timers', () => {
  it('`expiresAt` beyond the longest timer delay waits in steps, and fires on time', async () => {
    const reasons: CloseReason[] = []
    const stream = sseStream(() => {}, {
      expiresAt: Date.now() + MAX_TIMER_DELAY + 5_000,
      heartbeat: false,
      onClose: (reason) => reasons.push(reason),
    })
    const reader = stream.getReader()
    await reader.read()
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY)
    expect(reasons).toEqual([])
    await vi.advanceTimersByTimeAsync(4_999)
    expect(reasons).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(reasons).toEqual(['expired'])
    expect(decoder.decode((await reader.read()).value)).toContain('event: ssekit-expired')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a stream with an expiry leaves no timer behind when its client leaves', async () => {
    const client = new AbortController()
    const stream = sseStream(() => {}, {
      signal: client.signal,
      expiresAt: Date.now() + 60_000,
      checkCredentials: () => true,
    })
    await stream.getReader().read()
    expect(vi.getTimerCount()).toBe(2)
    client.abort()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('`checkCredentials` is not asked again while its last answer is pending', async () => {
    let asked = 0
    let answer: (valid: boolean) => void = () => {}
    const reasons: CloseReason[] = []
    const stream = sseStream(() => {}, {
      heartbeat: 1_000,
      checkCredentials: () => {
        asked++
        return new Promise<boolean>((resolve) => {
          answer = resolve
        })
      },
      onClose: (reason) => reasons.push(reason),
    })
    await stream.getReader().read()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(asked).toBe(1)
    answer(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(asked).toBe(2)
    answer(false)
    await vi.advanceTimersByTimeAsync(0)
    expect(reasons).toEqual(['expired'])
    expect(vi.getTimerCount()).toBe(0)
  })
})
