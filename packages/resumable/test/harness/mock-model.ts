import { simulateReadableStream } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'

/** The words a mock generation streams, one text delta each. */
export function answerWords(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `word${i} `)
}

/** A language model from `ai/test` that streams `words` as text deltas, `delayMs` apart. */
export function mockModel(words: readonly string[], delayMs: number): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunkDelayInMs: delayMs,
        chunks: [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't1' },
          ...words.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
          { type: 'text-end', id: 't1' },
          {
            type: 'finish',
            finishReason: { unified: 'stop', raw: undefined },
            usage: {
              inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
              outputTokens: { total: words.length, text: words.length, reasoning: undefined },
            },
          },
        ],
      }),
    }),
  })
}
