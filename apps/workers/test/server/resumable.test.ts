import { generationText } from '@ssekit/app'
import type { RunningServer } from '@ssekit/testkit'
import { expectGenerationSurvivesReload } from '@ssekit/testkit/browser'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { DefaultChatTransport, readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { startWranglerDev } from './wrangler-dev.ts'

// Resumable streams whose producers run in Durable Objects, under wrangler dev.
let server: RunningServer
beforeAll(async () => {
  server = await startWranglerDev()
}, 90_000)
afterAll(() => server?.stop())
afterEach(({ task }) => {
  if (task.result?.state === 'fail') console.error(`wrangler dev printed:\n${server?.output()}`)
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const WORDS = Array.from({ length: 40 }, (_, i) => `word${i} `).join('')

test("the AI SDK's DefaultChatTransport, dropped mid-generation, resumes the Durable Object's answer whole", async () => {
  const chatId = `chat-${crypto.randomUUID()}`
  const transport = new DefaultChatTransport({ api: `${server.url}/api/chat` })
  const user: UIMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hello' }] }
  const abort = new AbortController()
  const first = await transport.sendMessages({
    chatId,
    messages: [user],
    trigger: 'submit-message',
    messageId: undefined,
    abortSignal: abort.signal,
  })
  const reader = first.getReader()
  let seen = ''
  while (seen.split(' ').length < 6) {
    const { value } = await reader.read()
    if (value?.type === 'text-delta') seen += value.delta
  }
  abort.abort()
  await reader.cancel().catch(() => {})
  const resumed = await transport.reconnectToStream({ chatId })
  expect(resumed).not.toBeNull()
  let last: UIMessage | undefined
  const messages = readUIMessageStream({ stream: resumed as ReadableStream<UIMessageChunk> })
  for await (const message of messages as AsyncIterable<UIMessage>) last = message
  const text = (last?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('')
  expect(text).toBe(WORDS)
  expect(text.startsWith(seen)).toBe(true)
  expect(await transport.reconnectToStream({ chatId: 'no-such-chat' })).toBeNull()
})

test(
  'Chromium: a generation reloaded mid-answer goes on where it was, nothing doubled; Stop stops it',
  () =>
    expectGenerationSurvivesReload(server.url, {
      chunks: 30,
      intervalMs: 100,
      expectedText: generationText(30),
    }),
  60_000,
)

// The one long test (about 40 s): Workers cut a request's waitUntil work 30 s after its
// response, so only a producer that lives in the Durable Object is still there at 35 s.
test('a producer of 60 chunks over 40 s, left by its only client after 2 s, is read whole by a client that attaches at 35 s', async () => {
  const started = Date.now()
  const response = await fetch(`${server.url}/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chunks: 60, intervalMs: 678 }),
  })
  expect(response.status).toBe(201)
  const { id } = (await response.json()) as { id: string }
  const first = readEventStream(await fetch(`${server.url}/generations/${id}`), {
    timeoutMs: 10_000,
  })
  await first.waitForEvents(2)
  await sleep(2000 - (Date.now() - started))
  await first.cancel()
  await sleep(35_000 - (Date.now() - started))
  const late = readEventStream(await fetch(`${server.url}/generations/${id}`), {
    timeoutMs: 10_000,
  })
  await late.readToEnd()
  const chunks = late.events.filter((event) => event.event === undefined)
  expect(chunks).toHaveLength(60)
  expect(chunks.map((event) => JSON.parse(event.data)).join('')).toBe(generationText(60))
  expect(late.events.at(-1)).toMatchObject({ event: 'end', data: '{"state":"done"}' })
  expect(Date.now() - started).toBeGreaterThan(38_000)
}, 90_000)
