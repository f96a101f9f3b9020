// Type tests: `pnpm typecheck` (tsc) checks these lines and nothing runs them. Each
// `@ts-expect-error` must stay an error: tsc fails on one that no longer is.
import type { EventMap, SSEMessage, SSESink } from '../../src/index.ts'

type Events = { price: { symbol: string; usd: number }; note: string; message: string }

export function sendChecksDataAgainstItsEvent(sink: SSESink<Events>): void {
  void sink.send({ event: 'price', data: { symbol: 'ACME', usd: 1 } })
  void sink.send({ event: 'note', data: 'hello' })
  void sink.send({ data: 'the unnamed event is `message`' })
  void sink.send({ comment: 'fields alone are fine' })
  // @ts-expect-error: `price` carries an object, not a string
  void sink.send({ event: 'price', data: 'cheap' })
  // @ts-expect-error: `usd` must be a number
  void sink.send({ event: 'price', data: { symbol: 'X', usd: '1' } })
  // @ts-expect-error: an event the map does not declare
  void sink.send({ event: 'unknown', data: 'x' })
}

type Named = { tick: number }

export function unnamedEventsNeedAMessageEntry(sink: SSESink<Named>): void {
  void sink.send({ event: 'tick', data: 1 })
  // @ts-expect-error: the map has no `message`, so an unnamed event cannot carry data
  void sink.send({ data: 'x' })
}

// The documented way to declare a map: an interface that extends EventMap. Its inherited index
// signature must not let every event name through with any data.
interface Prices extends EventMap {
  price: { symbol: string; usd: number }
}

export function anInterfaceMapIsCheckedToo(sink: SSESink<Prices>): void {
  void sink.send({ event: 'price', data: { symbol: 'ACME', usd: 1 } })
  // @ts-expect-error: `usd` must be a number
  void sink.send({ event: 'price', data: { symbol: 'ACME', usd: '1' } })
  // @ts-expect-error: an event the map does not declare
  void sink.send({ event: 'volume', data: 1 })
  // @ts-expect-error: no `message` entry, so an unnamed event cannot carry data
  void sink.send({ data: 'x' })
}

// Without a map, any event and data are fine.
export const anyMessage: SSEMessage = { event: 'anything', data: { any: ['thing'] } }
