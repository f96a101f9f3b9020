import { describe, expect, it } from 'vitest'
import { encode, type SSEMessage, type SSESink, sseStream } from '../../src/index.ts'
import { readStream } from '../support/read-stream.ts'

type Events = { price: { symbol: string; usd: number }; note: string; message: string }

describe('SSEMessage<EventMap>', () => {
  it('send() checks data against the type of its event (tsc runs these lines)', async () => {
    const producer = async (sink: SSESink<Events>) => {
      await sink.send({ event: 'price', data: { symbol: 'ACME', usd: 1 } })
      await sink.send({ event: 'note', data: 'hello' })
      await sink.send({ data: 'the unnamed event is `message`' })
      await sink.send({ comment: 'fields alone are fine' })
      // @ts-expect-error: `price` carries an object, not a string
      expect(() => sink.send({ event: 'price', data: 'cheap' })).not.toThrow()
      // @ts-expect-error: `usd` must be a number
      expect(() => sink.send({ event: 'price', data: { symbol: 'X', usd: '1' } })).not.toThrow()
      // @ts-expect-error: an event the map does not declare
      expect(() => sink.send({ event: 'unknown', data: 'x' })).not.toThrow()
    }
    const { events } = await readStream(sseStream<Events>(producer))
    expect(events.map((event) => event.event ?? 'message')).toEqual([
      'price',
      'note',
      'message',
      'price',
      'price',
      'unknown',
    ])
  })

  it('SSEMessage without a map takes any event and data', () => {
    const message: SSEMessage = { event: 'anything', data: { any: ['thing'] } }
    expect(encode(message)).toBe('event: anything\ndata: {"any":["thing"]}\n\n')
  })
})
