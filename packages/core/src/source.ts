import type { SSESink } from './sink.ts'
import type { EventMap, SSEMessage } from './types.ts'

/**
 * Where a stream's events come from: an async iterable of messages, or a callback that writes to a
 * sink. A callback that returns a promise ends the stream when the promise settles; one that
 * returns nothing (it set up listeners) keeps the stream open until `sink.close()` or the client
 * leaves.
 *
 * @example Both kinds of source
 * ```ts
 * import { type SSESource, sseResponse } from '@ssekit/core'
 * async function* countdown() {
 *   for (let n = 3; n > 0; n--) yield { data: String(n) }
 * }
 * const iterable: SSESource = countdown()
 * const callback: SSESource = async (sink) => {
 *   await sink.send({ event: 'hello', data: 'world' })
 * }
 * return sseResponse(Math.random() < 0.5 ? iterable : callback)
 * ```
 */
export type SSESource<M extends EventMap = EventMap> =
  | AsyncIterable<SSEMessage<M>>
  | ((sink: SSESink<M>) => undefined | void | PromiseLike<void>)

/**
 * Turns a producer's error into a last message for the client, or nothing. Without a handler the
 * error is logged and the client only sees the stream end: error text is never sent by default.
 *
 * @example Tell the client to retry later, without leaking the error
 * ```ts
 * import { type ErrorHandler, sseResponse } from '@ssekit/core'
 * const onError: ErrorHandler = () => ({ event: 'error', data: { retryable: true } })
 * return sseResponse(async () => {
 *   throw new Error('upstream down')
 * }, { onError })
 * ```
 */
export type ErrorHandler<M extends EventMap = EventMap> = (
  error: unknown,
) => SSEMessage<M> | undefined | void
