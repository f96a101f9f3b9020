import { describe, expect, it } from 'vitest'
import { SSE_HEADERS, sseResponse } from '../../src/index.ts'
import { readStream } from '../support/read-stream.ts'

describe('sseResponse()', () => {
  it('sseResponse() sets the event-stream headers and nothing hop-by-hop', async () => {
    const response = sseResponse(async (sink) => {
      await sink.send({ data: 'x' })
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    expect(response.headers.has('transfer-encoding')).toBe(false)
    expect(response.headers.has('connection')).toBe(false)
    await response.body?.cancel()
  })

  it('sseResponse() lets the caller set status and extra headers', async () => {
    const response = sseResponse(async () => {}, {
      status: 201,
      headers: { 'x-request-id': 'abc', 'cache-control': 'no-store' },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('x-request-id')).toBe('abc')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-type')).toBe(SSE_HEADERS['content-type'])
    await response.body?.cancel()
  })

  it('sseResponse() flushes an opening comment before the first event', async () => {
    const response = sseResponse(() => {})
    const reader = response.body?.getReader()
    const first = await reader?.read()
    expect(new TextDecoder().decode(first?.value)).toBe(':\n\n')
    await reader?.cancel()
  })

  it('sseResponse() opens with a retry line when asked', async () => {
    const response = sseResponse(() => {}, { retry: 2500 })
    const received = await readStream(response.body as ReadableStream<Uint8Array>, 0)
    expect(received.retries).toEqual([])
    const again = sseResponse(async (sink) => void sink.send({ data: 'x' }), { retry: 2500 })
    expect((await readStream(again.body as ReadableStream<Uint8Array>)).retries).toEqual([2500])
  })

  it('sseResponse() rejects an invalid retry option with a RangeError', () => {
    expect(() => sseResponse(() => {}, { retry: -5 })).toThrow(RangeError)
  })
})
