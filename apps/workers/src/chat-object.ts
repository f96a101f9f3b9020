import { ResumableStreamObject } from '@ssekit/resumable/cloudflare'
import {
  convertToModelMessages,
  simulateReadableStream,
  streamText,
  type UIMessage,
  type UIMessageChunk,
} from 'ai'
import { MockLanguageModelV4 } from 'ai/test'

/** The words the mock model answers with, one text delta each, 25 ms apart. */
export const CHAT_WORDS: readonly string[] = Array.from({ length: 40 }, (_, i) => `word${i} `)

/**
 * The Durable Object of one chat answer: the AI SDK's `streamText` runs here, on a mock model
 * from `ai/test`, and its UI message chunks are the stream's chunks, so `useChat` and
 * `DefaultChatTransport` resume it after a drop, from any isolate.
 */
export class ChatObject extends ResumableStreamObject<{ messages: UIMessage[] }> {
  override async produce(
    input: { messages: UIMessage[] },
    signal: AbortSignal,
  ): Promise<ReadableStream<UIMessageChunk>> {
    const result = streamText({
      model: mockModel(),
      messages: await convertToModelMessages(input.messages),
      abortSignal: signal,
    })
    return result.toUIMessageStream()
  }
}

function mockModel(): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunkDelayInMs: 25,
        chunks: [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't1' },
          ...CHAT_WORDS.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
          { type: 'text-end', id: 't1' },
          {
            type: 'finish',
            finishReason: { unified: 'stop', raw: undefined },
            usage: {
              inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
              outputTokens: { total: 40, text: 40, reasoning: undefined },
            },
          },
        ],
      }),
    }),
  })
}
