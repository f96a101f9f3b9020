import { EXPIRED_EVENT } from '@ssekit/core'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, test } from 'vitest'
import { createApp } from '../src/create-app.ts'

/** An app whose tokens are names with a lifetime: `live` for a minute, `short` for 150 ms. */
function appWithTokens() {
  const now = Date.now()
  const tokens = new Map([
    ['live', now + 60_000],
    ['short', now + 150],
  ])
  return createApp({ verifyToken: (token) => tokens.get(token) })
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const stats = async (app: ReturnType<typeof createApp>) =>
  (await (await app.request('/stats')).json()) as { open: number }

describe('createApp({ verifyToken })', () => {
  test.each(['/events', '/relay?interval=50'])(
    'GET %s answers 401 without a bearer token, or with one verifyToken refuses',
    async (path) => {
      const app = appWithTokens()
      for (const headers of [{}, bearer('unknown'), { authorization: 'Basic live' }]) {
        const response = await app.request(path, { headers })
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer')
        expect(await response.text()).toContain('`authorization: Bearer')
      }
      expect(await stats(app)).toEqual({ open: 0, ticks: 0 })
      const open = await app.request(path, { headers: bearer('live') })
      expect(open.status).toBe(200)
      await open.body?.cancel()
    },
  )

  test('GET /events ends the stream when its token expires, with the expired event', async () => {
    const app = appWithTokens()
    const response = await app.request('/events', { headers: bearer('short') })
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events.map((e) => e.event)).toEqual(['drop-token', EXPIRED_EVENT])
    expect(stream.retries).toContain(0)
    expect((await stats(app)).open).toBe(0)
  })

  test('GET /relay ends the relayed stream when its token expires, and stops the ticker', async () => {
    const app = appWithTokens()
    const response = await app.request('/relay?interval=50', { headers: bearer('short') })
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events.at(-1)?.event).toBe(EXPIRED_EVENT)
    expect(stream.events.slice(0, -1).every((e) => e.event === 'tick')).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const after = await stats(app)
    expect(after.open).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(await stats(app)).toEqual(after)
  })
})
