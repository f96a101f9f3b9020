import { describe, expect, test } from 'vitest'
import { createApp } from '../src/create-app.ts'

describe('the client script route', () => {
  test('GET /ssekit-client.js serves @ssekit/client as one ES module, gzipped when asked', async () => {
    const response = await createApp().request('/ssekit-client.js', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-encoding')).toBe('gzip')
    const code = await new Response(
      response.body?.pipeThrough(new DecompressionStream('gzip')),
    ).text()
    // An ES module with `events` among its exports and no import left to resolve.
    const url = `data:text/javascript,${encodeURIComponent(code)}`
    const client = (await import(/* @vite-ignore */ url)) as Record<string, unknown>
    expect(typeof client.events).toBe('function')
    expect(typeof client.SSEResponseError).toBe('function')
  })
})
