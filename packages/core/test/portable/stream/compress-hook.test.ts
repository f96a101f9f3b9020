import { describe, expect, it } from 'vitest'
import type { SSECompressor } from '../../../src/compression.ts'
import { type SSESink, sseResponse } from '../../../src/index.ts'

// A real compressor of the simplest coding: it records what the stream asks of it and marks each
// chunk, so the test sees the calls in the bytes the client reads.
class Recorder implements SSECompressor {
  readonly writes: string[] = []
  ended = 0
  destroyed = 0
  write(chunk: Uint8Array): Uint8Array {
    const text = new TextDecoder().decode(chunk)
    this.writes.push(text)
    return new TextEncoder().encode(`[${text}]`)
  }
  end(): Uint8Array {
    this.ended++
    return new TextEncoder().encode('<end>')
  }
  destroy(): void {
    this.destroyed++
  }
}

function open(recorder: Recorder, signal?: AbortSignal) {
  let sink: SSESink | undefined
  const response = sseResponse(
    (s) => {
      sink = s
    },
    { heartbeat: false, signal, compress: { encoding: 'x-test', open: () => recorder } },
  )
  return { response, sink: () => sink as SSESink }
}

describe('the compress option', () => {
  it('compresses once per flush turn and sets Content-Encoding and Vary', async () => {
    const recorder = new Recorder()
    const { response, sink } = open(recorder)
    expect(response.headers.get('content-encoding')).toBe('x-test')
    expect(response.headers.get('vary')).toBe('accept-encoding')
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader.read()).value)).toBe('[:\n\n]')
    // Three events in one turn go out as one chunk: one write, flushed, all three in it.
    void sink().send({ data: 'a' })
    void sink().send({ data: 'b' })
    void sink().send({ data: 'c' })
    expect(decoder.decode((await reader.read()).value)).toBe('[data: a\n\ndata: b\n\ndata: c\n\n]')
    sink().close()
    expect(decoder.decode((await reader.read()).value)).toBe('<end>')
    expect((await reader.read()).done).toBe(true)
    expect(recorder.writes).toEqual([':\n\n', 'data: a\n\ndata: b\n\ndata: c\n\n'])
    expect([recorder.ended, recorder.destroyed]).toEqual([1, 0])
  })

  it('frees the compressor without a trailer when the reader leaves', async () => {
    const recorder = new Recorder()
    const { response } = open(recorder)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await reader.cancel()
    expect([recorder.ended, recorder.destroyed]).toEqual([0, 1])
  })

  it('still ends with the trailer when its signal aborts, as a server ending it early does', async () => {
    const recorder = new Recorder()
    const abort = new AbortController()
    const { response } = open(recorder, abort.signal)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    abort.abort()
    // A decompressor reading on sees a whole stream, not a truncated one.
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('<end>')
    expect((await reader.read()).done).toBe(true)
    expect([recorder.ended, recorder.destroyed]).toEqual([1, 0])
  })

  it('sends identity as it is, and still says Vary', async () => {
    const response = sseResponse((sink) => sink.close(), {
      compress: { encoding: 'identity', open: () => new Recorder() },
    })
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(response.headers.get('vary')).toBe('accept-encoding')
    expect(await response.text()).toBe(':\n\n')
  })
})
