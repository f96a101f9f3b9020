import type { Drain } from '@ssekit/core'

/** What {@link gracefulShutdown} stops, in order, after the drain. */
export interface ShutdownSteps {
  /** The process's drain, made at startup (`createDrain()`). */
  drain: Drain
  /** Stops the server: new connections are refused, answers in flight finish. */
  stopServer(): Promise<void>
  /** Closes what the app holds (its Redis feed, say). */
  close?(): Promise<void>
  /** Milliseconds the whole shutdown may take before the process exits anyway. */
  deadline: number
}

/**
 * A deploy's shutdown: the drain ends every event stream with a `retry:` hint spread over its
 * window (clients come back spread out, to the instances still up) and answers new ones 503;
 * then the server stops (answers in flight, publishes among them, finish) and the feed closes.
 * Resolves once all that is done, or at the deadline; the caller then exits.
 *
 * @param steps The drain, how to stop the server, what to close, and the deadline.
 * @returns Resolves `true` when everything finished in time, `false` at the deadline.
 *
 * @example Node
 * ```ts
 * import { createDrain } from '@ssekit/core'
 * const drain = createDrain()
 * process.once('SIGTERM', async () => {
 *   const stopServer = () => new Promise<void>((resolve) => server.close(() => resolve()))
 *   await gracefulShutdown({ drain, stopServer, deadline: 30_000 })
 *   process.exit(0)
 * })
 * ```
 */
export async function gracefulShutdown(steps: ShutdownSteps): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), steps.deadline)
  })
  const done = (async () => {
    await steps.drain.start()
    await steps.stopServer()
    await steps.close?.()
    return true as const
  })()
  try {
    return await Promise.race([done, late])
  } finally {
    clearTimeout(timer)
  }
}

/** The drain's settings, from `DRAIN_WINDOW_MS` (default 10 000) and `DRAIN_DEADLINE_MS` (30 000). */
export interface DrainSettings {
  window: number
  deadline: number
}

/**
 * Reads the drain's settings from the environment.
 *
 * @throws {RangeError} A value is not a whole number of milliseconds.
 *
 * @example
 * ```ts
 * const { window, deadline } = drainSettingsFromEnv(process.env)
 * ```
 */
export function drainSettingsFromEnv(env: Record<string, string | undefined>): DrainSettings {
  return {
    window: milliseconds(env, 'DRAIN_WINDOW_MS', 10_000),
    deadline: milliseconds(env, 'DRAIN_DEADLINE_MS', 30_000),
  }
}

function milliseconds(env: Record<string, string | undefined>, name: string, fallback: number) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (/^\d{1,10}$/.test(raw) && Number(raw) <= 2 ** 31 - 1) return Number(raw)
  throw new RangeError(
    `Cannot start: \`${name}\` must be a whole number of milliseconds, got ${JSON.stringify(raw)}`,
  )
}
