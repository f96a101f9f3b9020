import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { SSE_HEADERS, sseResponse } from '../../../src/index.ts'

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

  it('sseResponse() opens with a retry line when asked, before any event', async () => {
    const response = sseResponse(() => {}, { retry: 2500 })
    const stream = readEventStream(response)
    expect(await stream.readChunk()).toBe('retry: 2500\n\n')
    expect(stream.retries).toEqual([2500])
    expect(stream.comments).toEqual([])
    await stream.cancel()
  })

  it('sseResponse() rejects an invalid retry option, naming it as an option', () => {
    expect(() => sseResponse(() => {}, { retry: -5 })).toThrow(
      new RangeError(
        'Cannot open the stream: option `retry` must be a non-negative safe integer, got -5',
      ),
    )
    expect(() => sseResponse(() => {}, { retry: '5' as unknown as number })).toThrow(
      new TypeError('Cannot open the stream: option `retry` must be a number'),
    )
  })

  it('sseResponse() rejects an invalid heartbeat or highWaterMark before it opens a stream', () => {
    expect(() => sseResponse(() => {}, { heartbeat: 0 })).toThrow(
      /^Cannot open the stream: option `heartbeat` must be a positive number or false, got 0$/,
    )
    expect(() => sseResponse(() => {}, { highWaterMark: -1 })).toThrow(
      /^Cannot open the stream: option `highWaterMark` must be a positive number, got -1$/,
    )
  })
})
