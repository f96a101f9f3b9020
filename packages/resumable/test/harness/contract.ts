import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterEach, describe, expect, test } from 'vitest'
import { type ResumableStreams, StreamExistsError } from '../../src/index.ts'
import { chunksOf, collect, endOf, eventually, manualProducer, readAll } from './producers.ts'

/** Two instances of one backend: the producer's, and a reader's elsewhere (or the same). */
export interface Instances {
  producer: ResumableStreams
  reader: ResumableStreams
  close(): Promise<void>
}

/** The behaviour every backend of resumable streams keeps. `make` gets the TTL to use. */
export function resumableContract(name: string, make: (ttl: number) => Promise<Instances>): void {
  describe(`resumable streams on ${name}`, () => {
    let open: Instances | undefined
    const setup = async (ttl = 60_000) => {
      open = await make(ttl)
      return open
    }
    afterEach(async () => {
      await open?.close()
      open = undefined
    })
    const url = 'https://example.com/streams/s'
    let n = 0
    const fresh = () => `stream-${Date.now()}-${n++}`

    test('subscribe() without Last-Event-ID replays every chunk, then the end event, then closes', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      const chunks = ['Hello', ', ', 'wor\r\nld', { type: 'data', n: 1 }]
      await producer.start(id, chunks)
      await eventually(async () => (await reader.get(id))?.state === 'done')
      const events = await readAll(await reader.subscribe(new Request(url), id))
      expect(chunksOf(events)).toEqual(chunks)
      expect(endOf(events)).toEqual({ state: 'done' })
      expect(events.at(-1)?.event).toBe('end')
    })

    test('the producer outlives its readers: a reader that leaves does not stop it', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      const source = manualProducer<string>()
      await producer.start(id, source.producer)
      const first = readEventStream(await producer.subscribe(new Request(url), id), {
        timeoutMs: 10_000,
      })
      source.push('a')
      await first.waitForEvents(1)
      await first.cancel()
      source.push('b')
      source.push('c')
      source.end()
      const late = await readAll(await reader.subscribe(new Request(url), id))
      expect(chunksOf(late)).toEqual(['a', 'b', 'c'])
      expect(source.signal?.aborted).toBe(false)
    })

    test('a reader resuming from Last-Event-ID gets exactly what it missed, then live chunks', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      const source = manualProducer<string>()
      await producer.start(id, source.producer)
      const first = readEventStream(await producer.subscribe(new Request(url), id), {
        timeoutMs: 10_000,
      })
      source.push('one')
      source.push('two')
      await first.waitForEvents(2)
      await first.cancel()
      const lastId = first.events[0]?.id as string
      source.push('three')
      const headers = { 'last-event-id': lastId }
      const resumed = readEventStream(await reader.subscribe(new Request(url, { headers }), id), {
        timeoutMs: 10_000,
      })
      await resumed.waitForEvents(2)
      source.push('four')
      source.end()
      await resumed.readToEnd()
      expect(chunksOf(resumed.events)).toEqual(['two', 'three', 'four'])
      expect(resumed.events[0]?.id).toBe(first.events[1]?.id)
    })

    test('a reconnect after the end event gets 204, and ?lastEventId= works as the header does', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      await producer.start(id, ['x'])
      await eventually(async () => (await reader.get(id))?.state === 'done')
      const events = await readAll(await reader.subscribe(new Request(url), id))
      const endId = events.at(-1)?.id as string
      const again = await reader.subscribe(
        new Request(url, { headers: { 'last-event-id': endId } }),
        id,
      )
      expect(again.status).toBe(204)
      const query = await reader.subscribe(new Request(`${url}?lastEventId=${endId}`), id)
      expect(query.status).toBe(204)
      const before = await reader.subscribe(new Request(`${url}?lastEventId=${events[0]?.id}`), id)
      expect(chunksOf(await readAll(before))).toEqual([])
    })

    test('an unknown stream is 404 over HTTP and undefined in the API', async () => {
      const { reader } = await setup()
      const response = await reader.subscribe(new Request(url), 'no-such-stream')
      expect(response.status).toBe(404)
      expect(await reader.get('no-such-stream')).toBeUndefined()
      expect(await reader.read('no-such-stream')).toBeUndefined()
      expect(await reader.stop('no-such-stream')).toBeUndefined()
    })

    test('stream IDs are validated: type, length and characters', async () => {
      const { producer } = await setup()
      await expect(producer.start('', ['x'])).rejects.toThrow(RangeError)
      await expect(producer.start('a'.repeat(129), ['x'])).rejects.toThrow(/1 to 128 characters/)
      await expect(producer.start('a/b', ['x'])).rejects.toThrow(/letters, digits/)
      await expect(producer.subscribe(new Request(url), 'a b')).rejects.toThrow(RangeError)
      await expect(producer.get(42 as unknown as string)).rejects.toThrow(TypeError)
    })

    test('start() with an ID in use rejects with StreamExistsError', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      await producer.start(id, ['x'])
      await expect(reader.start(id, ['y'])).rejects.toThrow(StreamExistsError)
    })

    test('stop() from another instance aborts the producer signal and ends the stream stopped', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      const source = manualProducer<string>()
      await producer.start(id, source.producer)
      const live = readEventStream(await reader.subscribe(new Request(url), id), {
        timeoutMs: 10_000,
      })
      source.push('partial')
      await live.waitForEvents(1)
      const info = await reader.stop(id)
      expect(info?.state).toBe('stopped')
      expect(source.signal?.aborted).toBe(true)
      await live.readToEnd()
      expect(chunksOf(live.events)).toEqual(['partial'])
      expect(endOf(live.events)).toEqual({ state: 'stopped' })
    })

    test('a producer that throws ends the stream failed, and readers get the error', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      const source = manualProducer<string>()
      await producer.start(id, source.producer)
      const live = readEventStream(await reader.subscribe(new Request(url), id), {
        timeoutMs: 10_000,
      })
      source.push('half')
      await live.waitForEvents(1)
      source.fail(new Error('model overloaded'))
      await live.readToEnd()
      expect(endOf(live.events)).toEqual({ state: 'failed', error: 'model overloaded' })
      const info = await reader.get(id)
      expect(info).toMatchObject({ state: 'failed', error: 'model overloaded' })
      const read = (await reader.read(id)) as ReadableStream<unknown>
      const values: unknown[] = []
      const drain = () => collect(read, values)
      await expect(drain()).rejects.toThrow(/model overloaded/)
      expect(values).toEqual(['half'])
    })

    test('read() gives the chunks as values, exactly, from any point', async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      const chunks = ['a\nb', 'c\rd', '', { nested: [1, 'two'] }, 3, null]
      await producer.start(id, chunks)
      const read = await reader.read(id)
      expect(await collect(read as ReadableStream<unknown>)).toEqual(chunks)
    })

    test('a finished stream expires after its TTL: 404, undefined, and its ID is free again', async () => {
      const { producer, reader } = await setup(300)
      const id = fresh()
      await producer.start(id, ['x'])
      await eventually(async () => (await reader.get(id))?.state === 'done')
      await eventually(async () => (await reader.get(id)) === undefined, 5000)
      expect((await reader.subscribe(new Request(url), id)).status).toBe(404)
      await producer.start(id, ['y'])
      const events = await readAll(await reader.subscribe(new Request(url), id))
      expect(chunksOf(events)).toEqual(['y'])
    })

    test("the 'ui-message-stream' format ends with [DONE] and carries the AI SDK header", async () => {
      const { producer, reader } = await setup()
      const id = fresh()
      const chunks = [{ type: 'start' }, { type: 'text-delta', id: '1', delta: 'hi' }]
      await producer.start(id, chunks, { format: 'ui-message-stream' })
      const response = await reader.subscribe(new Request(url), id)
      expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1')
      const events = await readAll(response)
      expect(events.map((event) => event.data)).toEqual([
        ...chunks.map((c) => JSON.stringify(c)),
        '[DONE]',
      ])
    })
  })
}
