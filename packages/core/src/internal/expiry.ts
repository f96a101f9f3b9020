import { encode } from '../encode.ts'
import type { ConnectionOptions } from '../types.ts'

/** The name of the event that ends an expired stream; `EXPIRED_EVENT` in the public API explains it. */
export const EXPIRED_EVENT_NAME = 'ssekit-expired'

/** Which option ended the stream: the `reason` in the expired event's data. */
type ExpiryReason = 'expiresAt' | 'checkCredentials'

// `setTimeout` stores its delay as a signed 32-bit integer and fires at once for a longer one.
const MAX_TIMER_DELAY = 2_147_483_647
const encoder = new TextEncoder()
// `retry: 0`: a browser's EventSource comes back at once, to be asked for fresh credentials.
const LAST_WORDS: Readonly<Record<ExpiryReason, Uint8Array>> = {
  expiresAt: encoder.encode(
    encode({ retry: 0, event: EXPIRED_EVENT_NAME, data: { reason: 'expiresAt' } }),
  ),
  checkCredentials: encoder.encode(
    encode({ retry: 0, event: EXPIRED_EVENT_NAME, data: { reason: 'checkCredentials' } }),
  ),
}

/**
 * Checks `expiresAt` and `checkCredentials`. Returns the expiry time in epoch milliseconds (or
 * `undefined`), and whether either is set at all.
 *
 * @throws {TypeError} `expiresAt` is not a number or a `Date`; `checkCredentials` is not a
 *   function, or is set on a stream without heartbeats (it runs on each one).
 * @throws {RangeError} `expiresAt` is not a finite time.
 */
export function checkExpiryOptions(
  options: ConnectionOptions,
  heartbeat: number | false,
): { at: number | undefined; on: boolean } {
  const { expiresAt, checkCredentials } = options
  let at: number | undefined
  if (expiresAt !== undefined) {
    if (typeof expiresAt !== 'number' && !(expiresAt instanceof Date)) {
      throw new TypeError('Cannot open the stream: option `expiresAt` must be a number or a Date')
    }
    at = Number(expiresAt)
    if (!Number.isFinite(at)) {
      throw new RangeError(
        `Cannot open the stream: option \`expiresAt\` must be a finite time, got ${String(expiresAt)}`,
      )
    }
  }
  if (checkCredentials !== undefined) {
    if (typeof checkCredentials !== 'function') {
      throw new TypeError('Cannot open the stream: option `checkCredentials` must be a function')
    }
    if (heartbeat === false) {
      throw new TypeError(
        'Cannot open the stream: option `checkCredentials` runs on each heartbeat, so `heartbeat` cannot be false',
      )
    }
  }
  return { at, on: at !== undefined || checkCredentials !== undefined }
}

/**
 * A stream's credentials: a timer until `expiresAt`, and `checkCredentials` run on each heartbeat.
 * Either ends the stream through `expire`, with the bytes to send last. Only streams given one
 * of the two options have one.
 */
export class Expiry {
  readonly #check: ConnectionOptions['checkCredentials']
  readonly #expire: (lastWords: Uint8Array) => void
  #timer: ReturnType<typeof setTimeout> | undefined
  #checking = false
  #disposed = false

  constructor(
    at: number | undefined,
    check: ConnectionOptions['checkCredentials'],
    expire: (lastWords: Uint8Array) => void,
  ) {
    this.#check = check
    this.#expire = expire
    if (at !== undefined) this.#arm(at)
  }

  /** A heartbeat: asks `checkCredentials`, unless the last answer is still pending. */
  beat(): void {
    const check = this.#check
    if (check === undefined || this.#checking || this.#disposed) return
    let answer: boolean | PromiseLike<boolean>
    try {
      answer = check()
    } catch (error) {
      this.#failed(error)
      return
    }
    if (typeof (answer as PromiseLike<boolean>)?.then !== 'function') {
      this.#judge(answer)
      return
    }
    this.#checking = true
    Promise.resolve(answer).then(
      (valid) => {
        this.#checking = false
        this.#judge(valid)
      },
      (error: unknown) => {
        this.#checking = false
        this.#failed(error)
      },
    )
  }

  /** Clears the timer; a check still pending is ignored when it answers. */
  dispose(): void {
    this.#disposed = true
    clearTimeout(this.#timer)
  }

  // A delay beyond the longest timer is waited in steps.
  #arm(at: number): void {
    const wait = Math.min(Math.max(0, at - Date.now()), MAX_TIMER_DELAY)
    this.#timer = setTimeout(() => {
      if (Date.now() >= at) this.#end('expiresAt')
      else this.#arm(at)
    }, wait)
  }

  // Only `true` keeps the stream: a check that cannot say yes fails closed.
  #judge(valid: unknown): void {
    if (valid !== true) this.#end('checkCredentials')
  }

  #failed(error: unknown): void {
    console.error('ssekit: checkCredentials threw; the stream ends as expired', error)
    this.#end('checkCredentials')
  }

  #end(reason: ExpiryReason): void {
    if (this.#disposed) return
    this.dispose()
    this.#expire(LAST_WORDS[reason])
  }
}
