/**
 * Waits `ms`, or less if `signal` aborts. Resolves `true` after the full wait, `false` on abort;
 * either way no timer or listener is left behind.
 *
 * @example Tick until the client leaves
 * ```ts
 * import { abortableSleep } from '@ssekit/core/backend'
 * const signal = AbortSignal.timeout(5000)
 * while (await abortableSleep(1000, signal)) console.log('tick')
 * ```
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
