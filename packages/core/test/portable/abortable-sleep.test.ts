import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { abortableSleep } from '../../src/internal/abortable-sleep.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

test('abortableSleep() resolves true once the time has passed', async () => {
  const waited = abortableSleep(100, new AbortController().signal)
  await vi.advanceTimersByTimeAsync(100)
  expect(await waited).toBe(true)
})

test('abortableSleep() resolves false at once when the signal aborts, and clears its timer', async () => {
  const controller = new AbortController()
  const waited = abortableSleep(60_000, controller.signal)
  expect(vi.getTimerCount()).toBe(1)
  controller.abort()
  expect(await waited).toBe(false)
  expect(vi.getTimerCount()).toBe(0)
})

test('abortableSleep() resolves false without a timer when the signal has already aborted', async () => {
  expect(await abortableSleep(100, AbortSignal.abort())).toBe(false)
  expect(vi.getTimerCount()).toBe(0)
})
