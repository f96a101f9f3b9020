import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '@ssekit/app'
import { events, type RetryInfo, SSEResponseError } from '@ssekit/client'
import { jwtVerify, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// The demo app over real HTTP, asking for a bearer JWT that a real library signs and checks.
const secret = new TextEncoder().encode('a secret of at least 256 bits, for these tests alone')
let signed = 0

/** A token that expires `seconds` after the current second (so within `seconds` - 1 to `seconds`). */
async function token(seconds: number): Promise<string> {
  signed++
  return new SignJWT({ sub: 'reader' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(secret)
}

const app = createApp({
  verifyToken: async (jwt) => {
    try {
      const { payload } = await jwtVerify(jwt, secret)
      return payload.exp === undefined ? undefined : payload.exp * 1000
    } catch {
      return undefined
    }
  },
})
let server: ReturnType<typeof serve>
let base = ''
beforeAll(async () => {
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server?.close())

async function post(text: string): Promise<string> {
  const response = await fetch(`${base}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'publisher', text }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a token that expires mid-stream', () => {
  test('GET /events: the client refreshes its JWT as the stream expires and resumes with nothing lost or doubled', async () => {
    signed = 0
    const retries: RetryInfo[] = []
    type Feed = { chat: { text: string }; 'drop-token': { token: string } }
    const stream = events<Feed>(`${base}/events`, {
      json: true,
      headers: async () => ({ authorization: `Bearer ${await token(2)}` }),
      onRetry: (info) => void retries.push(info),
    })
    const chats: string[] = []
    let opened = 0
    const reading = (async () => {
      for await (const e of stream) {
        if (e.event === 'drop-token') opened++
        else chats.push(`${e.id} ${e.data.text}`)
        if (e.event === 'chat' && e.data.text === 'last') break
      }
    })()
    while (opened === 0) await sleep(10)
    // Published throughout three to four seconds, across at least one expiry.
    const posted: string[] = []
    const until = Date.now() + 3500
    for (let n = 1; Date.now() < until; n++) {
      posted.push(`${await post(`message ${n}`)} message ${n}`)
      await sleep(25)
    }
    posted.push(`${await post('last')} last`)
    await reading
    expect(chats).toEqual(posted)
    const expiries = retries.filter((retry) => retry.expired)
    expect(expiries.length).toBeGreaterThanOrEqual(1)
    for (const retry of expiries) expect(retry.delay).toBe(0)
    expect(opened).toBe(expiries.length + 1)
    expect(signed).toBe(opened)
  })

  test('GET /events: a refresh the server refuses ends the loop with SSEResponseError 401', async () => {
    let attempts = 0
    const stream = events(`${base}/events`, {
      // The first token lives; the "refreshed" one expired a minute ago.
      headers: async () => ({ authorization: `Bearer ${await token(++attempts === 1 ? 2 : -60)}` }),
    })
    const seen: string[] = []
    const error = await (async () => {
      for await (const e of stream) seen.push(e.event)
    })().catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(SSEResponseError)
    expect((error as SSEResponseError).status).toBe(401)
    expect(seen).toEqual(['drop-token'])
    expect(attempts).toBe(2)
  })

  test('GET /relay: the relayed ticker ends with the token and resumes from Last-Event-ID with a fresh one', async () => {
    const ids: number[] = []
    let expiries = 0
    for await (const e of events(`${base}/relay?interval=100`, {
      headers: async () => ({ authorization: `Bearer ${await token(2)}` }),
      onRetry: (info) => {
        if (info.expired) expiries++
      },
    })) {
      ids.push(Number(e.id))
      if (expiries >= 1 && ids.length >= 25) break
    }
    // Every tick once: the relay counts on from the Last-Event-ID of the refreshed request.
    expect(ids).toEqual(ids.map((_, n) => n + 1))
    expect(expiries).toBeGreaterThanOrEqual(1)
  })
})
