import { type RedisServer, startRedis } from '@ssekit/testkit'
import { Redis } from 'ioredis'
import { createResumableStreamContext as peerContext } from 'resumable-stream/ioredis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createResumableStreamContext as ourContext } from '../../src/ioredis/index.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

/** A producer a test writes to, chunk by chunk. */
function writable() {
  const { readable, writable } = new TransformStream<string, string>()
  const writer = writable.getWriter()
  return { makeStream: () => readable, writer }
}

/** Reads `count` chunks (or to the end), each read bounded, and joins them. */
async function text(
  stream: ReadableStream<string> | null | undefined,
  count = Infinity,
): Promise<string> {
  if (stream == null) throw new Error(`Expected a stream, got ${stream}`)
  const reader = readers.get(stream) ?? stream.getReader()
  readers.set(stream, reader)
  let out = ''
  for (let i = 0; i < count; i++) {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`No chunk within 5 s, after ${JSON.stringify(out)}`)),
        5000,
      )
    })
    const { done, value } = await Promise.race([reader.read(), late]).finally(() =>
      clearTimeout(timer),
    )
    if (done) break
    out += value
  }
  return out
}
const readers = new WeakMap<ReadableStream<string>, ReadableStreamDefaultReader<string>>()

type Make = typeof peerContext
const clients: Redis[] = []
afterAll(() => {
  for (const client of clients) client.disconnect()
})

// The same code against the peer and against the drop-in: only the import differs.
for (const [name, createResumableStreamContext] of [
  ['resumable-stream 2.2 (the peer)', peerContext],
  ['@ssekit/resumable/ioredis', ourContext as unknown as Make],
] as const) {
  describe(`createResumableStreamContext() of ${name}`, () => {
    const context = () => {
      const publisher = new Redis(redis.url)
      const subscriber = new Redis(redis.url)
      clients.push(publisher, subscriber)
      return createResumableStreamContext({
        waitUntil: null,
        publisher,
        subscriber,
        keyPrefix: `t-${crypto.randomUUID()}`,
      })
    }

    test('resumableStream() of a new ID returns the producer chunks', async () => {
      const ctx = context()
      const { makeStream, writer } = writable()
      const stream = await ctx.resumableStream('s', makeStream)
      await writer.write('a\n')
      await writer.write('b\n')
      await writer.close()
      expect(await text(stream)).toBe('a\nb\n')
    })

    test('a second resumableStream() of a running ID follows it without calling makeStream', async () => {
      const ctx = context()
      const { makeStream, writer } = writable()
      const first = await ctx.resumableStream('s', makeStream)
      await writer.write('1\n')
      const second = await ctx.resumableStream('s', () => {
        throw new Error('makeStream must not be called again')
      })
      expect(await text(first, 1)).toBe('1\n')
      expect(await text(second, 1)).toBe('1\n')
      await writer.write('2\n')
      await writer.close()
      expect(await text(first)).toBe('2\n')
      expect(await text(second)).toBe('2\n')
    })

    test('skipCharacters skips that many characters of what was streamed', async () => {
      const ctx = context()
      const { makeStream, writer } = writable()
      const first = await ctx.resumableStream('s', makeStream)
      await writer.write('1\n')
      await writer.write('2\n')
      await text(first, 2)
      const two = await ctx.resumableStream('s', makeStream, 2)
      const four = await ctx.resumeExistingStream('s', 4)
      const zero = await ctx.resumeExistingStream('s', 0)
      await writer.close()
      expect(await text(two)).toBe('2\n')
      expect(await text(four)).toBe('')
      expect(await text(zero)).toBe('1\n2\n')
    })

    test('a finished stream: resumableStream and resumeExistingStream return null, hasExistingStream DONE', async () => {
      const ctx = context()
      const { makeStream, writer } = writable()
      expect(await ctx.hasExistingStream('s')).toBe(null)
      const stream = await ctx.resumableStream('s', makeStream)
      expect(await ctx.hasExistingStream('s')).toBe(true)
      await writer.write('x')
      await writer.close()
      expect(await text(stream)).toBe('x')
      await expect.poll(() => ctx.hasExistingStream('s')).toBe('DONE')
      expect(await ctx.resumableStream('s', makeStream)).toBe(null)
      expect(await ctx.resumeExistingStream('s')).toBe(null)
    })

    test('createNewResumableStream() and resumeExistingStream(): undefined for an unknown ID', async () => {
      const ctx = context()
      const { makeStream, writer } = writable()
      expect(await ctx.resumeExistingStream('s')).toBe(undefined)
      const created = await ctx.createNewResumableStream('s', makeStream)
      const resumed = await ctx.resumeExistingStream('s')
      await writer.write('1\n')
      await writer.write('2\n')
      await writer.close()
      expect(await text(created)).toBe('1\n2\n')
      expect(await text(resumed)).toBe('1\n2\n')
    })
  })
}

describe('@ssekit/resumable/ioredis beyond the peer', () => {
  test('another instance resumes a stream its first reader left, and waitUntil gets the producer end', async () => {
    const a = new Redis(redis.url, { lazyConnect: true })
    const b = new Redis(redis.url, { lazyConnect: true })
    const keyPrefix = `t-${crypto.randomUUID()}`
    const waited: Promise<unknown>[] = []
    const producer = ourContext({
      waitUntil: (promise) => waited.push(promise),
      publisher: a,
      keyPrefix,
    })
    const reader = ourContext({ waitUntil: null, publisher: b, keyPrefix })
    const { makeStream, writer } = writable()
    const first = await producer.resumableStream('s', makeStream)
    await writer.write('kept ')
    expect(await text(first, 1)).toBe('kept ')
    await readers.get(first as ReadableStream<string>)?.cancel()
    const late = await reader.resumeExistingStream('s')
    await writer.write('going')
    await writer.close()
    expect(waited).toHaveLength(1)
    await waited[0]
    expect(await text(late)).toBe('kept going')
  })

  test('bad arguments are clear errors', async () => {
    const client = new Redis(redis.url, { lazyConnect: true })
    const ctx = ourContext({ waitUntil: null, publisher: client })
    await expect(ctx.resumeExistingStream('s', -1)).rejects.toThrow(RangeError)
    await expect(ctx.hasExistingStream('a b')).rejects.toThrow(/letters, digits/)
    expect(() => ourContext({ waitUntil: null, publisher: {} as Redis })).toThrow(TypeError)
  })
})
