import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type CloseReason, sseStream } from '../../src/index.ts'

const decoder = new TextDecoder()

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('sseStream() timers', () => {
  it('sseStream() sends a heartbeat comment on a quiet stream every interval', async () => {
    const stream = sseStream(() => {}, { heartbeat: 1_000 })
    const reader = stream.getReader()
    expect(decoder.decode((await reader.read()).value)).toBe(':\n\n')
    const beat = reader.read()
    await vi.advanceTimersByTimeAsync(999)
    let settled = false
    void beat.then(() => {
      settled = true
    })
    await Promise.resolve()
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(decoder.decode((await beat).value)).toBe(':\n\n')
    const second = reader.read()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(decoder.decode((await second).value)).toBe(':\n\n')
    await reader.cancel()
  })

  it('sseStream() skips the heartbeat while events flow', async () => {
    let send: (() => void) | undefined
    const stream = sseStream(
      (sink) => {
        send = () => void sink.send({ data: 'busy' })
      },
      { heartbeat: 1_000 },
    )
    const reader = stream.getReader()
    await reader.read()
    await vi.advanceTimersByTimeAsync(500)
    send?.()
    expect(decoder.decode((await reader.read()).value)).toBe('data: busy\n\n')
    const next = reader.read()
    await vi.advanceTimersByTimeAsync(500)
    send?.()
    expect(decoder.decode((await next).value)).toBe('data: busy\n\n')
    await reader.cancel()
  })

  it('sseStream() sends the default heartbeat every 15 s', async () => {
    const reader = sseStream(() => {}).getReader()
    await reader.read()
    const beat = reader.read()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(decoder.decode((await beat).value)).toBe(':\n\n')
    await reader.cancel()
  })

  it('sseStream() leaves no timer behind after any kind of close', async () => {
    const reasons: CloseReason[] = []
    const onClose = (reason: CloseReason) => reasons.push(reason)
    const aborter = new AbortController()
    const byClient = sseStream(() => {}, { signal: aborter.signal, onClose })
    const byCancel = sseStream(() => {}, { onClose })
    const byProducer = sseStream(async () => {}, { onClose })
    const byServer = sseStream((sink) => sink.close(), { onClose })
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    aborter.abort()
    await byCancel.cancel()
    await Promise.all([byClient, byProducer, byServer].map((stream) => new Response(stream).text()))
    expect(reasons.sort()).toEqual(['client', 'client', 'producer', 'server'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('sseStream() sends a lone message without any timer', async () => {
    let send: (() => void) | undefined
    const reader = sseStream(
      (sink) => {
        send = () => void sink.send({ data: 'now' })
      },
      { heartbeat: false },
    ).getReader()
    await reader.read()
    const next = reader.read()
    send?.()
    expect(vi.getTimerCount()).toBe(0)
    // No fake time passes: only microtasks run.
    expect(decoder.decode((await next).value)).toBe('data: now\n\n')
    await reader.cancel()
  })
})
