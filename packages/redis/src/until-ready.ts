import type { RedisConnection } from './adapter.ts'
import { RedisUnavailableError } from './errors.ts'

/**
 * Resolves when `connection` is ready; rejects with {@link RedisUnavailableError} if it is not by
 * `deadline` (a `Date.now()` time), naming `action` (e.g. `replay`), or as soon as `signal` aborts.
 * Leaves no timer or listener behind.
 */
export function untilReady(
  connection: RedisConnection,
  deadline: number,
  action: string,
  signal?: AbortSignal,
): Promise<void> {
  if (connection.ready) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer)
      off()
      signal?.removeEventListener('abort', onAbort)
      if (error === undefined) resolve()
      else reject(error)
    }
    const unreachable = () => new RedisUnavailableError(`Cannot ${action}: Redis is unreachable`)
    const onAbort = () => finish(unreachable())
    const off = connection.onStateChange((ready) => {
      if (ready) finish()
    })
    const timer = setTimeout(() => finish(unreachable()), Math.max(0, deadline - Date.now()))
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort)
  })
}
