import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { delay } from '../src/delay.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

test('delay() resolves true once the time has passed', async () => {
  const waited = delay(100, new AbortController().signal)
  await vi.advanceTimersByTimeAsync(100)
  expect(await waited).toBe(true)
})

test('delay() resolves false at once when the signal aborts, and clears its timer', async () => {
  const controller = new AbortController()
  const waited = delay(60_000, controller.signal)
  expect(vi.getTimerCount()).toBe(1)
  controller.abort()
  expect(await waited).toBe(false)
  expect(vi.getTimerCount()).toBe(0)
})

test('delay() resolves false without a timer when the signal has already aborted', async () => {
  expect(await delay(100, AbortSignal.abort())).toBe(false)
  expect(vi.getTimerCount()).toBe(0)
})
