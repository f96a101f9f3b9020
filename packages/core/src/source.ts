import type { Connection } from './connection.ts'
import { type EncodeOptions, encode } from './encode.ts'
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

/** @internal Runs a source against a connection; never leaves a rejected promise unhandled. */
export function runSource<M extends EventMap>(
  source: SSESource<M>,
  sink: SSESink<M>,
  connection: Connection,
  onError: ErrorHandler<M> | undefined,
  encodeOptions: EncodeOptions,
): void {
  const fail = (error: unknown) => handleError(error, connection, onError, encodeOptions)
  if (typeof source === 'function') {
    let result: unknown
    try {
      result = source(sink)
    } catch (error) {
      fail(error)
      return
    }
    if (isThenable(result)) result.then(() => connection.close('producer'), fail)
    return
  }
  iterate(source, sink, connection).then(() => connection.close('producer'), fail)
}

async function iterate<M extends EventMap>(
  source: AsyncIterable<SSEMessage<M>>,
  sink: SSESink<M>,
  connection: Connection,
): Promise<void> {
  const iterator = source[Symbol.asyncIterator]()
  const { signal } = connection
  // An async generator parked on an `await` finishes at its next step; return() asks it to.
  const stop = () => settle(() => iterator.return?.())
  signal.addEventListener('abort', stop, { once: true })
  try {
    while (!signal.aborted) {
      const step = await iterator.next()
      if (step.done || signal.aborted) return
      if (!(await sink.send(step.value))) return
    }
  } finally {
    signal.removeEventListener('abort', stop)
  }
}

function handleError<M extends EventMap>(
  error: unknown,
  connection: Connection,
  onError: ErrorHandler<M> | undefined,
  encodeOptions: EncodeOptions,
): void {
  // The producer saw its own abort signal after the client left: that is no error.
  if (connection.closeReason !== undefined && error === connection.signal.reason) return
  let last: SSEMessage<M> | undefined | void
  if (onError) {
    try {
      last = onError(error)
    } catch (handlerError) {
      console.error('ssekit: onError threw', handlerError)
    }
  } else {
    console.error('ssekit: the event source threw', error)
  }
  if (last) {
    try {
      connection.write(encode(last, encodeOptions))
    } catch (encodeError) {
      console.error('ssekit: the message from onError could not be encoded', encodeError)
    }
  }
  connection.close('error')
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function'
}

function settle(action: () => unknown): void {
  try {
    Promise.resolve(action()).catch(() => {})
  } catch {
    // A throwing return() cannot leave anything behind.
  }
}
