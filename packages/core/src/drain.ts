import { hooks, type StreamTracker, type TrackedStream } from './internal/hooks.ts'
import { logEvent } from './log.ts'

/**
 * Options for {@link createDrain}.
 *
 * @example Spread reconnects over 20 s; give up waiting after a minute
 * ```ts
 * import { createDrain, type DrainOptions } from '@ssekit/core'
 * const options: DrainOptions = { window: 20_000, deadline: 60_000 }
 * const drain = createDrain(options)
 * drain.close()
 * return new Response('ok')
 * ```
 */
export interface DrainOptions {
  /**
   * Each stream ends with a `retry:` drawn uniformly from 0 to this many milliseconds, so its
   * clients reconnect spread over the window instead of all at once.
   * @defaultValue 10000
   */
  window?: number | undefined
  /**
   * Milliseconds after {@link Drain.start} at which it resolves even if streams are still open.
   * @defaultValue 30000
   */
  deadline?: number | undefined
}

/**
 * What a finished drain reports.
 *
 * @example Log it
 * ```ts
 * import type { DrainReport } from '@ssekit/core'
 * const report: DrainReport = { streams: 12, remaining: 0, ms: 3 }
 * return new Response(`${report.streams} streams ended`)
 * ```
 */
export interface DrainReport {
  /** Streams open when the drain started, each ended with a `retry:` hint. */
  readonly streams: number
  /** Streams still open at the deadline; 0 when every one ended. */
  readonly remaining: number
  /** Milliseconds the drain took. */
  readonly ms: number
}

/**
 * A graceful drain for a deploy: made at startup, started on `SIGTERM` (or by an API call).
 *
 * @example Start it from an admin route
 * ```ts
 * import { createDrain } from '@ssekit/core'
 * const drain = createDrain()
 * const report = await drain.start()
 * drain.close()
 * return new Response(`${report.streams} streams sent away`)
 * ```
 */
export interface Drain {
  /** Whether {@link Drain.start} was called. */
  readonly draining: boolean
  /** Event streams open now that the drain knows of: those opened since it was made. */
  readonly open: number
  /**
   * Ends every open stream with a `retry:` hint drawn from the window, and from now on answers
   * new event streams `503 Service Unavailable` with a `Retry-After` (a stream made without a
   * response, by `sseStream()`, ends at once with a hint instead). Publishing goes on. Logs
   * `ssekit.drain.started` and `ssekit.drain.done`.
   *
   * @returns Resolves once the last stream has ended, or at the deadline; the same promise on
   *   every call.
   */
  start(): Promise<DrainReport>
  /** Stops tracking streams and clears the deadline's timer; a later drain may be made. */
  close(): void
}

/**
 * Makes this process's drain. It tracks the event streams opened from now on (`sseResponse()`,
 * `sseStream()`, every channel's `subscribe()`): make it before serving. Until then, and in a
 * process without one, streams pay nothing for it.
 *
 * @param options The `retry:` window and the deadline.
 * @returns The drain; start it when the process is told to stop.
 * @throws {RangeError} `window` or `deadline` is out of range.
 * @throws {Error} A drain is already registered in this process.
 *
 * @example Drain on SIGTERM, then exit (Node)
 * ```ts
 * import { createDrain } from '@ssekit/core'
 * type NodeProcess = { once(signal: 'SIGTERM', listener: () => void): void; exit(code: number): never }
 * const { process } = globalThis as unknown as { process: NodeProcess }
 * const drain = createDrain({ window: 10_000 })
 * process.once('SIGTERM', () => void drain.start().then(() => process.exit(0)))
 * return new Response('serving')
 * ```
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
export function createDrain(options: DrainOptions = {}): Drain {
  const { window = 10_000, deadline = 30_000 } = options
  if (!(Number.isSafeInteger(window) && window >= 0)) {
    throw new RangeError(
      `Cannot create the drain: option \`window\` must be a non-negative safe integer, got ${String(window)}`,
    )
  }
  // A delay above 2^31-1 ms would fire at once.
  if (!(Number.isSafeInteger(deadline) && deadline > 0 && deadline <= 2 ** 31 - 1)) {
    throw new RangeError(
      `Cannot create the drain: option \`deadline\` must be a whole number of milliseconds from 1 to 2147483647, got ${String(deadline)}`,
    )
  }
  if (hooks.streams !== undefined) {
    throw new Error('Cannot create the drain: this process has one already; close() it first')
  }
  const drain = new StreamDrain(window, deadline)
  hooks.streams = drain
  return drain
}

class StreamDrain implements Drain, StreamTracker {
  readonly #window: number
  readonly #deadline: number
  readonly #open = new Set<TrackedStream>()
  #started: Promise<DrainReport> | undefined
  // Set before any stream is ended, so their onClose hooks see the drain.
  #draining = false
  #finish: (() => void) | undefined

  constructor(window: number, deadline: number) {
    this.#window = window
    this.#deadline = deadline
  }

  get draining(): boolean {
    return this.#draining
  }

  get open(): number {
    return this.#open.size
  }

  opened(connection: TrackedStream): void {
    if (!this.#draining) this.#open.add(connection)
    else this.#sendAway(connection)
  }

  closed(connection: TrackedStream): void {
    if (this.#open.delete(connection) && this.#open.size === 0) this.#finish?.()
  }

  refusal(): number | undefined {
    if (!this.#draining) return undefined
    // Whole seconds, spread like the hints, so refused clients do not come back together either.
    return Math.max(1, Math.ceil((Math.random() * this.#window) / 1000))
  }

  start(): Promise<DrainReport> {
    if (this.#started === undefined) {
      this.#draining = true
      this.#started = this.#run()
    }
    return this.#started
  }

  close(): void {
    if (hooks.streams === this) hooks.streams = undefined
    this.#open.clear()
    this.#finish?.()
  }

  async #run(): Promise<DrainReport> {
    const began = Date.now()
    const streams = this.#open.size
    logEvent({
      level: 'info',
      event: 'ssekit.drain.started',
      msg: `Draining ${streams} event streams with retry hints over ${this.#window} ms`,
      streams,
      window: this.#window,
    })
    const ended = new Promise<void>((resolve) => {
      this.#finish = resolve
    })
    for (const connection of [...this.#open]) this.#sendAway(connection)
    let timer: ReturnType<typeof setTimeout> | undefined
    if (this.#open.size > 0) {
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#deadline)
      })
      await Promise.race([ended, late])
      clearTimeout(timer)
    }
    this.#finish = undefined
    const report = { streams, remaining: this.#open.size, ms: Date.now() - began }
    logEvent({
      level: report.remaining === 0 ? 'info' : 'warn',
      event: 'ssekit.drain.done',
      msg:
        report.remaining === 0
          ? `Drained ${streams} event streams in ${report.ms} ms`
          : `Drain deadline passed with ${report.remaining} of ${streams} event streams open`,
      ...report,
    })
    return report
  }

  // The hint goes after what is queued, then the stream ends: the client reconnects after it.
  #sendAway(connection: TrackedStream): void {
    const retry = Math.floor(Math.random() * (this.#window + 1))
    connection.writeAtTurnEnd(`retry: ${retry}\n\n`)
    connection.close('server')
  }
}

/**
 * While this process drains, the answer to a new event-stream request: `503` with a
 * `Retry-After`, so a load balancer or client tries elsewhere or later; otherwise `undefined`.
 * `sseResponse()` and every channel's `subscribe()` answer it on their own; a backend that
 * builds its own responses calls it first.
 *
 * @param headers Extra headers for the refusal.
 * @returns The refusal, or `undefined` when not draining.
 *
 * @example A backend's subscribe
 * ```ts
 * import { refuseWhileDraining } from '@ssekit/core/backend'
 * const refused = refuseWhileDraining()
 * if (refused !== undefined) return refused
 * return new Response('a stream would start here')
 * ```
 */
export function refuseWhileDraining(headers?: HeadersInit): Response | undefined {
  const retryAfter = hooks.streams?.refusal()
  if (retryAfter === undefined) return undefined
  const refusal = new Headers(headers)
  refusal.set('retry-after', String(retryAfter))
  refusal.set('cache-control', 'no-store')
  refusal.set('content-type', 'text/plain; charset=utf-8')
  return new Response('The server is draining: reconnect later or elsewhere', {
    status: 503,
    headers: refusal,
  })
}
