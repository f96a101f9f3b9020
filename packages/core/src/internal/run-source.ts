import { type EncodeOptions, encode } from '../encode.ts'
import type { SSESink } from '../sink.ts'
import type { ErrorHandler, SSESource } from '../source.ts'
import type { EventMap, SSEMessage } from '../types.ts'
import type { Connection } from './connection.ts'
import { hooks } from './hooks.ts'

/**
 * Runs a producer against a connection: hands a callback its sink, or pulls an async iterable,
 * and closes the connection when the producer ends or throws. Never leaves a rejected promise
 * unhandled.
 */
export function runSource<M extends EventMap>(
  source: SSESource<M>,
  connection: Connection,
  encodeOptions: EncodeOptions,
  onError: ErrorHandler<M> | undefined,
): void {
  const sink = new ConnectionSink<M>(connection, encodeOptions)
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

/**
 * The producer's sink. Its methods are made on first use and then become the sink's own
 * properties, so `const { send } = sink` works and later calls are plain property reads, while a
 * producer that never calls them (an idle stream) costs no closure; its signal, too, exists only
 * once asked for.
 */
class ConnectionSink<M extends EventMap> implements SSESink<M> {
  readonly #connection: Connection
  readonly #options: EncodeOptions

  constructor(connection: Connection, options: EncodeOptions) {
    this.#connection = connection
    this.#options = options
  }

  get send(): SSESink<M>['send'] {
    return this.#own().send
  }

  get comment(): SSESink<M>['comment'] {
    return this.#own().comment
  }

  get close(): SSESink<M>['close'] {
    return this.#own().close
  }

  get ready(): boolean {
    return this.#connection.ready
  }

  get signal(): AbortSignal {
    return this.#connection.signal
  }

  #own(): Pick<SSESink<M>, 'send' | 'comment' | 'close'> {
    const connection = this.#connection
    const options = this.#options
    const methods: Pick<SSESink<M>, 'send' | 'comment' | 'close'> = {
      send: (message) => {
        const written = connection.writeEager(encode(message, options))
        const instrumentation = hooks.instrumentation
        if (instrumentation !== undefined && connection.closeReason === undefined) {
          instrumentation.eventsSent(1)
        }
        return written
      },
      comment: (text) => connection.writeEager(encode({ comment: text })),
      close: () => connection.close('server'),
    }
    // Own data properties shadow the getters from now on.
    Object.defineProperties(this, {
      send: { value: methods.send, enumerable: true },
      comment: { value: methods.comment, enumerable: true },
      close: { value: methods.close, enumerable: true },
    })
    return methods
  }
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
  if (connection.isCloseReason(error)) return
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
      connection.writeAtTurnEnd(encode(last, encodeOptions))
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
