import { MAX_TIMER_DELAY } from './backoff.ts'
import type { EventsInit } from './options.ts'

/** @internal `EventsInit` with every default filled in and checked. */
export interface Settings {
  readonly json: boolean
  readonly retryDelay: number
  readonly minRetryDelay: number
  readonly maxRetryDelay: number
  readonly maxServerDelay: number
  readonly idleTimeout: number | false
  readonly maxEventSize: number
  readonly fetch: (request: Request) => Response | PromiseLike<Response>
  readonly random: () => number
  /** False for a relayed `Response`: there is nothing to reconnect to. */
  readonly reconnect: boolean
  /** Hand out `id:`-only blocks too, as ID markers (event-queue.ts): for a shared stream's leader. */
  readonly markIds: boolean
}

/** @internal Fills in the defaults; throws at the call site for a value out of range. */
export function settingsOf(init: EventsInit): Settings {
  // Every delay becomes a timer, so none may exceed the longest one `setTimeout` takes.
  const delay = (name: string, value: unknown, min = 0) => check(name, value, min, MAX_TIMER_DELAY)
  const minRetryDelay = delay('minRetryDelay', init.minRetryDelay ?? 500)
  const maxRetryDelay = delay('maxRetryDelay', init.maxRetryDelay ?? 30_000)
  const maxServerDelay = delay('maxServerDelay', init.maxServerDelay ?? 300_000)
  atLeastFloor('maxRetryDelay', maxRetryDelay, minRetryDelay)
  atLeastFloor('maxServerDelay', maxServerDelay, minRetryDelay)
  return {
    json: init.json ?? false,
    retryDelay: delay('retryDelay', init.retryDelay ?? 3000),
    minRetryDelay,
    maxRetryDelay,
    maxServerDelay,
    idleTimeout:
      init.idleTimeout === false ? false : delay('idleTimeout', init.idleTimeout ?? 45_000, 1),
    maxEventSize: check('maxEventSize', init.maxEventSize ?? 8 * 1024 * 1024, 1),
    fetch: init.fetch ?? ((request) => fetch(request)),
    random: init.random ?? Math.random,
    reconnect: true,
    markIds: false,
  }
}

function check(name: string, value: unknown, min: number, max?: number): number {
  if (typeof value !== 'number') {
    throw new TypeError(`Cannot open the event stream: \`${name}\` must be a number`)
  }
  if (!Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
    const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`
    throw new RangeError(
      `Cannot open the event stream: \`${name}\` must be an integer ${range}, got ${String(value)}`,
    )
  }
  return value
}

function atLeastFloor(name: string, value: number, floor: number): void {
  if (value < floor) {
    throw new RangeError(
      `Cannot open the event stream: \`${name}\` (${value}) must be at least \`minRetryDelay\` (${floor})`,
    )
  }
}
