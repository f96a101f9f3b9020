import { ChannelUnavailableError } from '@ssekit/channel'

// setTimeout fires at once past 2^31-1 ms: every delay is clamped below that.
const MAX_DELAY = 2 ** 31 - 1

/** A timer that never fires early, whatever the delay, and never keeps a Node process alive. */
export function later(ms: number, run: () => void): ReturnType<typeof setTimeout> {
  const timer = setTimeout(run, Math.min(Math.max(0, ms), MAX_DELAY))
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}

/** Clears a timer made by {@link later}, if any. */
export function cancel(timer: ReturnType<typeof setTimeout> | undefined): void {
  if (timer !== undefined) clearTimeout(timer)
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, Math.min(Math.max(0, ms), MAX_DELAY))
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * Runs `attempt` until it succeeds, retrying a backend that is out of reach (a
 * `ChannelUnavailableError` whose command was never sent) with backoff, for at most `patience`
 * ms. Anything else, or a command lost in flight (it may have been stored: a retry could store a
 * chunk twice), is thrown at once.
 */
export async function withPatience<T>(
  attempt: () => Promise<T>,
  patience: number,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + patience
  for (let wait = 25; ; wait = Math.min(wait * 2, 1000)) {
    try {
      return await attempt()
    } catch (error) {
      const retriable = error instanceof ChannelUnavailableError && !error.sent
      if (!retriable || Date.now() + wait > deadline || signal?.aborted === true) throw error
      await pause(wait, signal)
    }
  }
}

/** An error's message, for a record or an end event. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}
