import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, test } from 'vitest'
import { createApp } from '../src/create-app.ts'
import { generationText } from '../src/mock-generation.ts'

type App = ReturnType<typeof createApp>

const start = async (app: App, body: unknown) => {
  const response = await app.request('/generations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('/generations', () => {
  test('a generation streams whole to a reader, then ends done; a resume after the end gets 204', async () => {
    const app = createApp()
    const id = await start(app, { chunks: 5, intervalMs: 1 })
    const stream = readEventStream(await app.request(`/generations/${id}`), { timeoutMs: 5000 })
    await stream.readToEnd()
    const chunks = stream.events.filter((event) => event.event === undefined)
    expect(chunks.map((event) => JSON.parse(event.data)).join('')).toBe(generationText(5))
    const end = stream.events.at(-1)
    expect(end).toMatchObject({ event: 'end', data: '{"state":"done"}' })
    const again = await app.request(`/generations/${id}?lastEventId=${end?.id}`)
    expect(again.status).toBe(204)
  })

  test('stop ends a running generation stopped', async () => {
    const app = createApp()
    const id = await start(app, { chunks: 100, intervalMs: 50 })
    const stop = await app.request(`/generations/${id}/stop`, { method: 'POST' })
    expect(await stop.json()).toMatchObject({ state: 'stopped' })
  })

  test('bad input: 400 naming the field, 404 for an unknown generation, 400 for a bad ID', async () => {
    const app = createApp()
    const bad = await app.request('/generations', { method: 'POST', body: '{"chunks":0}' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/`chunks` must be an integer from 1 to 500/)
    expect((await app.request('/generations', { method: 'POST', body: '{' })).status).toBe(400)
    expect((await app.request('/generations/nope')).status).toBe(404)
    expect((await app.request('/generations/nope/stop', { method: 'POST' })).status).toBe(404)
    expect((await app.request(`/generations/${'x'.repeat(200)}`)).status).toBe(400)
  })

  test('GET /generate serves the page', async () => {
    const response = await createApp().request('/generate')
    expect(await response.text()).toContain('Stop generating')
  })
})
