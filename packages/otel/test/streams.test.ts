import { type SSESink, sseResponse } from '@ssekit/core'
import { DIRECT_WRITE, type DirectWriter, instrumentation } from '@ssekit/core/backend'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { SSEKIT_METRICS as M, SSEKIT_ATTRIBUTES } from '../src/index.ts'
import { Sdk } from './harness/sdk.ts'

let sdk: Sdk
beforeEach(() => {
  sdk = new Sdk()
})
afterEach(() => sdk.close())

const idle = () => {}

test('ssekit.streams.open, .opened and .closed follow streams as they open and close', async () => {
  const streams = [1, 2, 3].map(() => readEventStream(sseResponse(idle)))
  for (const stream of streams) await stream.readChunk()
  expect(await sdk.value(M.streamsOpen)).toBe(3)
  expect(await sdk.value(M.streamsOpened)).toBe(3)
  for (const stream of streams) await stream.cancel()
  expect(await sdk.value(M.streamsOpen)).toBe(0)
  expect(await sdk.value(M.streamsOpened)).toBe(3)
  const reason = SSEKIT_ATTRIBUTES.closeReason
  expect(await sdk.value(M.streamsClosed, { [reason]: 'client' })).toBe(3)
  expect(await sdk.value(M.streamsClosed, { [reason]: 'server' })).toBe(0)
})

test('ssekit.events.sent and ssekit.bytes.sent count exactly what clients receive', async () => {
  const five = async (sink: SSESink) => {
    for (let n = 0; n < 5; n++) await sink.send({ event: 'note', data: `é ${n} 🎉` })
  }
  const streams = [1, 2].map(() => readEventStream(sseResponse(five)))
  for (const stream of streams) await stream.readToEnd()
  expect(streams.map((stream) => stream.events.length)).toEqual([5, 5])
  expect(await sdk.value(M.eventsSent)).toBe(10)
  const received = streams.reduce((total, stream) => total + stream.bytes, 0)
  expect(await sdk.value(M.bytesSent)).toBe(received)
})

test('ssekit.bytes.sent counts UTF-8 bytes when a socket writer takes text', async () => {
  let written = 0
  const encoder = new TextEncoder()
  const writer: DirectWriter = {
    write: (chunk) => {
      written += typeof chunk === 'string' ? encoder.encode(chunk).length : chunk.length
      return true
    },
    onDrain: () => {},
  }
  let sink: SSESink | undefined
  const response = sseResponse((s) => {
    sink = s
  })
  const body = response.body as ReadableStream<Uint8Array> & {
    [DIRECT_WRITE]: (writer: DirectWriter) => ReadableStream<Uint8Array> | undefined
  }
  const relay = body[DIRECT_WRITE](writer)?.getReader()
  void relay?.read()
  // Several sends in one turn: one text chunk, with a lone surrogate and a pair in it.
  for (const data of ['plain', 'é', '🎉', '\ud800 lone']) void sink?.send({ data })
  await new Promise((resolve) => setTimeout(resolve, 20))
  sink?.close()
  await relay?.cancel()
  expect(written).toBeGreaterThan(0)
  expect(await sdk.value(M.bytesSent)).toBe(written)
  expect(await sdk.value(M.eventsSent)).toBe(4)
})

test('ssekit.heartbeats.sent counts the keep-alives of quiet streams', async () => {
  const stream = readEventStream(sseResponse(idle, { heartbeat: 10 }))
  void stream.follow()
  await new Promise((resolve) => setTimeout(resolve, 120))
  await stream.cancel()
  // The opening comment is not a heartbeat.
  const beats = stream.comments.length - 1
  expect(beats).toBeGreaterThan(0)
  expect(await sdk.value(M.heartbeatsSent)).toBe(beats)
})

test('close() unregisters: streams report to nothing and pay nothing', async () => {
  expect(instrumentation()).toBeDefined()
  sdk.telemetry.close()
  expect(instrumentation()).toBeUndefined()
  const stream = readEventStream(sseResponse(idle))
  await stream.readChunk()
  await stream.cancel()
  expect(await sdk.metrics()).toEqual(
    expect.not.arrayContaining([
      expect.objectContaining({ descriptor: expect.objectContaining({ name: M.streamsOpened }) }),
    ]),
  )
})
