/**
 * Counts the live timers of given delays through the globals every runtime has. The client's
 * timers are its idle timer (delay `idleTimeout`) and its backoff wait (the delay `onRetry`
 * reports): choose values no runtime uses itself, and the count is the client's alone.
 */
export interface TimerTracker {
  /** Timers of a tracked delay that were set and have neither fired nor been cleared. */
  live(): number
  /** Timers of a tracked delay set since tracking began. */
  readonly created: number
  restore(): void
}

export function trackTimers(delays: readonly number[]): TimerTracker {
  const { setTimeout: realSet, clearTimeout: realClear } = globalThis
  const live = new Set<unknown>()
  let created = 0
  globalThis.setTimeout = ((
    handler: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    if (!delays.includes(ms ?? 0)) return realSet(handler, ms, ...args)
    created++
    const id = realSet(
      (...inner: unknown[]) => {
        live.delete(id)
        handler(...inner)
      },
      ms,
      ...args,
    )
    live.add(id)
    return id
  }) as typeof setTimeout
  globalThis.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => {
    live.delete(id)
    realClear(id)
  }) as typeof clearTimeout
  return {
    live: () => live.size,
    get created() {
      return created
    },
    restore() {
      globalThis.setTimeout = realSet
      globalThis.clearTimeout = realClear
    },
  }
}

/** Polls until `done()` holds; fails naming `what` after `timeoutMs`. */
export async function until(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => realSetTimeoutForPolls(resolve, 5))
  }
}

const realSetTimeoutForPolls = globalThis.setTimeout.bind(globalThis)

/** Reads a whole iteration into an array. */
export async function collect<T>(iterable: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterable) {
    items.push(item)
    if (items.length >= limit) break
  }
  return items
}
