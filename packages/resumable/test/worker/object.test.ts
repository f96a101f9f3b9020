import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, test } from 'vitest'
import { createDurableStreams, createResumableStreamContext } from '../../src/cloudflare/index.ts'
import { StreamExistsError } from '../../src/index.ts'
import { chunksOf, endOf, eventually, readAll } from '../harness/producers.ts'
import type { Script } from './main.ts'

const url = 'https://worker.test/streams/s'
const fresh = () => `s-${crypto.randomUUID()}`

describe('createDurableStreams(): producers in the Durable Object', () => {
  test('start() runs produce() in the object; a reader gets every chunk, then the end event', async () => {
    const streams = createDurableStreams<Script>(env.STREAMS)
    const id = fresh()
    const info = await streams.start(id, { chunks: ['a', { b: 1 }, 'c'], delayMs: 5 })
    expect(info).toMatchObject({ id, state: 'running', format: 'json' })
    const events = await readAll(await streams.subscribe(new Request(url), id))
    expect(chunksOf(events)).toEqual(['a', { b: 1 }, 'c'])
    expect(endOf(events)).toEqual({ state: 'done' })
    await expect(streams.start(id, { chunks: [] })).rejects.toThrow(StreamExistsError)
  })

  test('the producer keeps going after its first reader leaves; a late reader resumes from its ID', async () => {
    const streams = createDurableStreams<Script>(env.STREAMS)
    const id = fresh()
    await streams.start(id, { chunks: ['0', '1', '2', '3', '4', '5'], delayMs: 30 })
    const first = readEventStream(await streams.subscribe(new Request(url), id), {
      timeoutMs: 5000,
    })
    await first.waitForEvents(2)
    await first.cancel()
    const headers = { 'last-event-id': first.events[1]?.id as string }
    const late = await readAll(await streams.subscribe(new Request(url, { headers }), id))
    expect(chunksOf(late)).toEqual(['2', '3', '4', '5'])
    const again = await streams.subscribe(
      new Request(url, { headers: { 'last-event-id': late.at(-1)?.id as string } }),
      id,
    )
    expect(again.status).toBe(204)
  })

  test('stop() aborts the producer in the object at once and ends the stream stopped', async () => {
    const streams = createDurableStreams<Script>(env.STREAMS)
    const id = fresh()
    await streams.start(id, { chunks: ['tick'], delayMs: 20, forever: true })
    const live = readEventStream(await streams.subscribe(new Request(url), id), { timeoutMs: 5000 })
    await live.waitForEvents(2)
    expect(await streams.stop(id)).toMatchObject({ state: 'stopped' })
    await live.readToEnd()
    expect(endOf(live.events)).toEqual({ state: 'stopped' })
  })

  test('a producer that throws ends the stream failed', async () => {
    const streams = createDurableStreams<Script>(env.STREAMS)
    const id = fresh()
    await streams.start(id, { chunks: ['x'], failWith: 'out of tokens' })
    const events = await readAll(await streams.subscribe(new Request(url), id))
    expect(endOf(events)).toEqual({ state: 'failed', error: 'out of tokens' })
  })

  test('an object that crashes mid-run: its lease alarm ends the stream failed, and a resuming reader gets the end event', async () => {
    const streams = createDurableStreams<Script>(env.LEASE)
    const id = fresh()
    await streams.start(id, { chunks: ['tick'], delayMs: 20, forever: true })
    const live = readEventStream(await streams.subscribe(new Request(url), id), { timeoutMs: 5000 })
    await live.waitForEvents(2)
    const stub = env.LEASE.get(env.LEASE.idFromName(id))
    // A crash: the instance, its producer and its timers are gone; SQLite and the alarm stay.
    await runInDurableObject(stub, (_, state) => state.abort('crash')).catch(() => {})
    // The reader's link to the object closed with it: the client comes back with its last ID.
    await live.readToEnd()
    const last = live.events.at(-1)?.id as string
    // The lease (300 ms) lapses; the alarm ends the stream. The runtime fires it by itself, so
    // this runs it only if it is still pending (one the runtime is running counts as none).
    await new Promise((resolve) => setTimeout(resolve, 500))
    // A stub of the reset object is broken: a new one reaches the new instance.
    const restarted = env.LEASE.get(env.LEASE.idFromName(id))
    await runDurableObjectAlarm(restarted)
    // The alarm alone, with no reader looking, ended it (getStream() only reads the record).
    await eventually(async () => (await restarted.getStream())?.state === 'failed')
    expect(await restarted.getStream()).toMatchObject({
      state: 'failed',
      endId: expect.any(String),
    })
    const headers = { 'last-event-id': last }
    const later = await readAll(await streams.subscribe(new Request(url, { headers }), id))
    expect(chunksOf(later)).toEqual([])
    expect(endOf(later)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/renewed no lease/),
    })
    expect(await streams.get(id)).toMatchObject({ state: 'failed' })
  })

  test('a finished stream is deleted by its alarm after the TTL: 404 and undefined', async () => {
    const streams = createDurableStreams<Script>(env.SHORT)
    const id = fresh()
    await streams.start(id, { chunks: ['x'] })
    await eventually(async () => (await streams.get(id))?.state === 'done')
    await new Promise((resolve) => setTimeout(resolve, 400))
    // As above: the runtime may be running this alarm itself.
    await runDurableObjectAlarm(env.SHORT.get(env.SHORT.idFromName(id)))
    await eventually(async () => (await streams.get(id)) === undefined)
    expect((await streams.subscribe(new Request(url), id)).status).toBe(404)
  })
})

describe('createResumableStreamContext() on Workers', () => {
  test('the resumable-stream API over Durable Objects: create, resume with skipCharacters, DONE', async () => {
    const waited: Promise<unknown>[] = []
    const context = createResumableStreamContext({
      waitUntil: (p) => waited.push(p),
      namespace: env.STREAMS,
    })
    const { readable, writable } = new TransformStream<string, string>()
    const writer = writable.getWriter()
    const first = await context.resumableStream('chat-1', () => readable)
    await writer.write('Hello, ')
    const resumed = await context.resumeExistingStream('chat-1', 2)
    await writer.write('world')
    await writer.close()
    expect(await new Response(first?.pipeThrough(new TextEncoderStream())).text()).toBe(
      'Hello, world',
    )
    expect(await new Response(resumed?.pipeThrough(new TextEncoderStream())).text()).toBe(
      'llo, world',
    )
    await Promise.all(waited)
    expect(await context.hasExistingStream('chat-1')).toBe('DONE')
    expect(await context.resumableStream('chat-1', () => readable)).toBe(null)
    expect(await context.resumeExistingStream('chat-unknown')).toBe(undefined)
  })
})
