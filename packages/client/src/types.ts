/**
 * Maps event names to the type of their parsed `data`, for streams read with `json: true`. The key
 * `message` is the event a stream sends without an `event:` line.
 *
 * @example Declare the events of a price feed
 * ```ts
 * import { type EventMap, events } from '@ssekit/client'
 * interface PriceEvents extends EventMap {
 *   price: { symbol: string; usd: number }
 *   message: string
 * }
 * for await (const e of events<PriceEvents>('https://example.com/prices', { json: true })) {
 *   if (e.event === 'price') console.log(e.data.usd)
 * }
 * ```
 */
export type EventMap = Record<string, unknown>

/**
 * One event as the client received it.
 *
 * @example Read the three fields
 * ```ts
 * import { events, type ServerEvent } from '@ssekit/client'
 * const log = (e: ServerEvent) => console.log(e.event, e.id, e.data)
 * for await (const e of events('https://example.com/sse')) log(e)
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#dispatchMessage
 */
export interface ServerEvent<Name extends string = string, Data = string> {
  /** The `event:` field; `'message'` when the server named none. */
  event: Name
  /** The data lines joined with `\n`; with `json: true`, their parsed value. */
  data: Data
  /**
   * The last event ID in effect when the event arrived: the `id:` of this event or of an earlier
   * one (the spec keeps it until the server changes it), `''` when none was ever set.
   */
  id: string
}

/**
 * The events of a stream read with `json: true`: one {@link ServerEvent} per key of the map, so a
 * check of `event` narrows `data`. The types are a promise the server makes: the JSON is parsed,
 * not validated.
 *
 * @example Narrow by event name
 * ```ts
 * import type { JsonEvent } from '@ssekit/client'
 * type Events = { price: { usd: number }; note: string }
 * const usd = (e: JsonEvent<Events>) => (e.event === 'price' ? e.data.usd : undefined)
 * ```
 */
export type JsonEvent<M extends EventMap = EventMap> = [NamedKeys<M>] extends [never]
  ? ServerEvent<string, unknown>
  : { [K in NamedKeys<M>]: ServerEvent<K, M[K]> }[NamedKeys<M>]

// The keys a map names, without the `string` index signature an `extends EventMap` brings.
type NamedKeys<M> = keyof { [K in keyof M as string extends K ? never : K]: M[K] } & string

/**
 * What {@link events} returns: an async iterator of events that reconnects on its own. `break`
 * (or `return()`) aborts the request in flight and cancels the body at once.
 *
 * @example Resume later from where a loop stopped
 * ```ts
 * import { events } from '@ssekit/client'
 * const stream = events('https://example.com/sse')
 * for await (const e of stream) if (e.data === 'stop') break
 * const again = events('https://example.com/sse', { lastEventId: stream.lastEventId })
 * ```
 */
export interface EventStream<E> extends AsyncIterableIterator<E> {
  /** Resolves the next event; `done` once the stream stopped quietly. */
  next(): Promise<IteratorResult<E, undefined>>
  /** Stops: aborts the request in flight, cancels the body, clears every timer. */
  return(): Promise<IteratorResult<E, undefined>>
  [Symbol.asyncIterator](): EventStream<E>
  /** The ID of the last event handed out (or a later `id:`-only block), for a later `lastEventId`. */
  readonly lastEventId: string
}
