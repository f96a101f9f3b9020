import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { fetchWorker, stats } from './worker.ts'

// RFC 3339 in UTC with whole seconds, as the ticker promises.
function isUtcSeconds(text: string): boolean {
  const date = new Date(text)
  return !Number.isNaN(date.getTime()) && date.toISOString().replace('.000Z', 'Z') === text
}

describe('GET /sse on workerd', () => {
  it('answers with the event-stream headers, gzip-compressed as asked', async () => {
    const response = await fetchWorker('/sse?interval=50', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    // Compressed by the app, per event (@ssekit/compress), and sent as it is (encodeBody 'manual').
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('vary')).toBe('accept-encoding')
    expect(response.headers.get('transfer-encoding')).toBeNull()
    expect(response.headers.get('connection')).toBeNull()
    await response.body?.cancel()
  })

  it('opens with a comment, then sends UTC ticks a client can parse', async () => {
    const stream = readEventStream(await fetchWorker('/sse?interval=50'))
    expect(await stream.readChunk()).toBe(':\n\n')
    const events = await stream.waitForEvents(3)
    await stream.cancel()
    expect(events).toHaveLength(3)
    for (const event of events) {
      expect(event.event).toBeUndefined()
      expect(isUtcSeconds(event.data)).toBe(true)
    }
  })

  it.each(['abc', '10', '60001', '1.5', ''])(
    'rejects interval=%j with a 400 naming it',
    async (bad) => {
      const response = await fetchWorker(`/sse?interval=${encodeURIComponent(bad)}`)
      expect(response.status).toBe(400)
      expect(await response.text()).toContain('interval')
    },
  )
})

describe('GET /stats on workerd', () => {
  it('counts an open stream, then none once it is gone', async () => {
    expect((await stats()).open).toBe(0)
    const response = await fetchWorker('/sse?interval=50')
    expect((await stats()).open).toBe(1)
    await response.body?.cancel()
    await expect.poll(async () => (await stats()).open).toBe(0)
  })

  it('is JSON that is never cached', async () => {
    const response = await fetchWorker('/stats')
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ open: 0, ticks: expect.any(Number) })
  })
})

describe('compression on workerd', () => {
  // Cloudflare compresses after the Worker; a body the app compressed too would arrive as gzip
  // inside gzip.
  it.each(['/', '/stats'])('leaves %s to Cloudflare to compress', async (path) => {
    const response = await fetchWorker(path, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(await response.text()).toMatch(path === '/' ? /EventSource/ : /"open":0/)
  })
})
