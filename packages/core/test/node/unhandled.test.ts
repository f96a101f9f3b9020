import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sseStream } from '../../src/index.ts'

const rejections: unknown[] = []
const record = (reason: unknown) => rejections.push(reason)
beforeEach(() => {
  rejections.length = 0
  process.on('unhandledRejection', record)
})
afterEach(() => {
  process.off('unhandledRejection', record)
})

describe('sseStream() rejections', () => {
  it('sseStream() leaves no rejection unhandled when writes race a disconnect', async () => {
    const errors = console.error
    console.error = () => {}
    try {
      for (let i = 0; i < 200; i++) {
        const controller = new AbortController()
        const stream = sseStream(
          (sink) => {
            // Unawaited sends from a timer: the pattern that leaked rejections in better-sse.
            const timer = setInterval(() => void sink.send({ data: 'tick' }), 0)
            setTimeout(() => clearInterval(timer), 30)
            if (i % 2) return Promise.reject(new Error('producer failed'))
          },
          { signal: controller.signal },
        )
        const reader = stream.getReader()
        void reader.read().then(() => (i % 3 ? controller.abort() : reader.cancel()))
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      console.error = errors
    }
    expect(rejections).toEqual([])
  })
})
