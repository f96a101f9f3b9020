import type { Producer, ProducerSource } from './types.ts'

const ABORTED: unique symbol = Symbol('aborted')

/**
 * Reads every chunk of a producer, in order, and awaits `onChunk` for each before reading the
 * next, so a slow store holds the producer back rather than piling its chunks up in memory.
 * Returns when the producer ends, or at once when `signal` aborts (the source is then cancelled,
 * or its iterator returned); throws what the producer throws.
 */
export async function forEachChunk(
  producer: Producer,
  signal: AbortSignal,
  onChunk: (chunk: unknown) => Promise<void>,
): Promise<void> {
  const source = typeof producer === 'function' ? await producer(signal) : producer
  const next = nextOf(source)
  // One listener for the whole run, waking whichever read is pending.
  let wake: ((value: typeof ABORTED) => void) | undefined
  const onAbort = () => wake?.(ABORTED)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      if (signal.aborted) break
      const pending = next.read()
      const result = await new Promise<IteratorResult<unknown> | typeof ABORTED>(
        (resolve, reject) => {
          wake = resolve
          pending.then(resolve, reject)
        },
      )
      wake = undefined
      if (result === ABORTED) {
        // A read left pending may still reject: that is the producer's business now.
        pending.catch(() => {})
        break
      }
      if (result.done === true) return
      await onChunk(result.value)
    }
    next.cancel(signal.reason)
  } catch (error) {
    next.cancel(error)
    throw error
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

interface Reading {
  read(): Promise<IteratorResult<unknown>>
  cancel(reason: unknown): void
}

function nextOf(source: ProducerSource): Reading {
  if (source instanceof ReadableStream) {
    const reader = source.getReader()
    return {
      read: () => reader.read() as Promise<IteratorResult<unknown>>,
      cancel: (reason) => void reader.cancel(reason).catch(() => {}),
    }
  }
  const iterable = source as Partial<AsyncIterable<unknown> & Iterable<unknown>>
  const iterator = iterable[Symbol.asyncIterator]?.() ?? iterable[Symbol.iterator]?.()
  if (iterator === undefined) {
    throw new TypeError(
      'Cannot start: the producer must be a ReadableStream, an (async) iterable, or a function returning one',
    )
  }
  return {
    read: async () => iterator.next(),
    cancel: () => {
      try {
        Promise.resolve(iterator.return?.()).catch(() => {})
      } catch {
        // A generator running its own code cannot return now; it ends when it next yields.
      }
    },
  }
}
