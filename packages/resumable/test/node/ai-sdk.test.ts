import { type ServerType, serve } from '@hono/node-server'
import { ioredisAdapter } from '@ssekit/redis'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import {
  convertToModelMessages,
  DefaultChatTransport,
  readUIMessageStream,
  streamText,
  UI_MESSAGE_STREAM_HEADERS,
  type UIMessage,
  type UIMessageChunk,
} from 'ai'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createResumableStreams, type ResumableStreams } from '../../src/index.ts'
import { createResumableStreamContext } from '../../src/ioredis/index.ts'
import { redisStore } from '../../src/redis/index.ts'
import { answerWords, mockModel } from '../harness/mock-model.ts'

const WORDS = answerWords(40)
let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

// Which stream is active for each chat: an app keeps this in its database.
const active = new Map<string, string>()

type Handler = (request: Request) => Promise<Response>

/** The chat routes of the AI SDK's resume guide, over the drop-in, as an app writes them. */
function dropInRoutes(keyPrefix: string): Handler {
  const streamContext = createResumableStreamContext({
    waitUntil: null,
    publisher: new Redis(redis.url, { lazyConnect: true }),
    keyPrefix,
  })
  return async (request) => {
    const url = new URL(request.url)
    if (request.method === 'POST') {
      const { id, messages } = (await request.json()) as { id: string; messages: UIMessage[] }
      const streamId = crypto.randomUUID()
      active.set(id, streamId)
      const result = streamText({
        model: mockModel(WORDS, 15),
        messages: await convertToModelMessages(messages),
      })
      return result.toUIMessageStreamResponse({
        async consumeSseStream({ stream }) {
          await streamContext.createNewResumableStream(streamId, () => stream)
        },
      })
    }
    const chatId = url.pathname.split('/')[3] as string
    const streamId = active.get(chatId)
    if (streamId === undefined) return new Response(null, { status: 204 })
    const stream = await streamContext.resumeExistingStream(streamId)
    if (!stream) return new Response(null, { status: 204 })
    return new Response(stream.pipeThrough(new TextEncoderStream()), {
      headers: UI_MESSAGE_STREAM_HEADERS,
    })
  }
}

/** The same routes on the native API: the UI message chunks are the stream's chunks. */
function nativeRoutes(streams: ResumableStreams): Handler {
  return async (request) => {
    const url = new URL(request.url)
    if (request.method === 'POST') {
      const { id, messages } = (await request.json()) as { id: string; messages: UIMessage[] }
      const streamId = crypto.randomUUID()
      active.set(id, streamId)
      const result = streamText({
        model: mockModel(WORDS, 15),
        messages: await convertToModelMessages(messages),
      })
      await streams.start(streamId, result.toUIMessageStream(), { format: 'ui-message-stream' })
      return streams.subscribe(request, streamId)
    }
    const streamId = active.get(url.pathname.split('/')[3] as string)
    if (streamId === undefined) return new Response(null, { status: 204 })
    return streams.subscribe(request, streamId)
  }
}

async function listen(handler: Handler): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, server }),
    )
  })
}

/** The final text of the assistant message a UI message stream builds. */
async function finalText(stream: ReadableStream<UIMessageChunk>): Promise<string> {
  let last: UIMessage | undefined
  for await (const message of readUIMessageStream({ stream }) as AsyncIterable<UIMessage>)
    last = message
  return (last?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('')
}

const user: UIMessage = {
  id: 'u1',
  role: 'user',
  parts: [{ type: 'text', text: 'Tell me a story' }],
}

for (const [name, makeHandlers] of [
  [
    'the drop-in (toUIMessageStreamResponse + consumeSseStream)',
    () => {
      const prefix = `ai-${crypto.randomUUID()}`
      return [dropInRoutes(prefix), dropInRoutes(prefix)]
    },
  ],
  [
    'the native API (toUIMessageStream, ui-message-stream format)',
    () => {
      const make = () =>
        createResumableStreams({
          store: redisStore({ redis: ioredisAdapter(new Redis(redis.url, { lazyConnect: true })) }),
        })
      return [nativeRoutes(make()), nativeRoutes(make())]
    },
  ],
] as const) {
  describe(`the AI SDK's DefaultChatTransport over ${name}, on Redis`, () => {
    test('a client dropped mid-generation reconnects on another instance and ends with the whole text, nothing doubled', async () => {
      const [handlerA, handlerB] = makeHandlers()
      const a = await listen(handlerA as Handler)
      const b = await listen(handlerB as Handler)
      try {
        const chatId = `chat-${crypto.randomUUID()}`
        const abort = new AbortController()
        const first = await new DefaultChatTransport({ api: `${a.url}/api/chat` }).sendMessages({
          chatId,
          messages: [user],
          trigger: 'submit-message',
          messageId: undefined,
          abortSignal: abort.signal,
        })
        const reader = first.getReader()
        let deltas = ''
        while (deltas.split(' ').length < 6) {
          const { value } = await reader.read()
          if (value?.type === 'text-delta') deltas += value.delta
        }
        // The tab reloads: the request is aborted mid-generation.
        abort.abort()
        await reader.cancel().catch(() => {})
        expect(deltas.length).toBeLessThan(WORDS.join('').length)
        const resumed = await new DefaultChatTransport({
          api: `${b.url}/api/chat`,
        }).reconnectToStream({ chatId })
        expect(resumed).not.toBeNull()
        const text = await finalText(resumed as ReadableStream<UIMessageChunk>)
        expect(text).toBe(WORDS.join(''))
        expect(text.startsWith(deltas)).toBe(true)
        // Once it is done, a reconnect finds nothing more to resume.
        const after = await new DefaultChatTransport({
          api: `${b.url}/api/chat`,
        }).reconnectToStream({ chatId: 'other' })
        expect(after).toBeNull()
      } finally {
        a.server.close()
        b.server.close()
      }
    })
  })
}
