import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { openEventStream } from '../src/event-stream-client.ts'

let respond: (response: ServerResponse) => void = () => {}
const server = createServer((_request, response) => respond(response))

afterEach(() => {
  server.closeAllConnections()
  server.close()
})

async function listen(): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

test('openEventStream() parses comments, retry lines and events as their bytes arrive', async () => {
  let response!: ServerResponse
  respond = (r) => {
    response = r
    r.writeHead(200, { 'content-type': 'text/event-stream' })
    r.write('retry: 500\n:hi\n\n')
  }
  const stream = await openEventStream(await listen())
  expect(await stream.readChunk()).toBe('retry: 500\n:hi\n\n')
  expect(stream.retries).toEqual([500])
  expect(stream.comments).toEqual(['hi'])
  expect(stream.events).toEqual([])
  response.write('data: a\n\nevent: b\ndata: c\n')
  response.write('\n')
  const events = await stream.waitForEvents(2)
  expect(events.map(({ event, data }) => ({ event, data }))).toEqual([
    { event: undefined, data: 'a' },
    { event: 'b', data: 'c' },
  ])
  await stream.close()
})

test('openEventStream() fails when the stream ends before enough events', async () => {
  respond = (r) => {
    r.writeHead(200, { 'content-type': 'text/event-stream' })
    r.end('data: only\n\n')
  }
  const stream = await openEventStream(await listen())
  await expect(stream.waitForEvents(2)).rejects.toThrow(/ended before 2 events, after 1 events/)
})

test('openEventStream() fails when the stream goes quiet for longer than its timeout', async () => {
  respond = (r) => {
    r.writeHead(200, { 'content-type': 'text/event-stream' })
    r.write(':\n\n')
  }
  const stream = await openEventStream(await listen(), { timeoutMs: 200 })
  await expect(stream.waitForEvents(1)).rejects.toThrow(/went quiet within 200 ms/)
  await stream.close()
})
