import { type Ending, endStream } from './finish.ts'
import { cancel, later } from './timing.ts'

/** The message of a stream whose producer stopped renewing its lease. */
export function lapsedLease(lease: number): string {
  return `The producer stopped: its instance renewed no lease for ${lease} ms`
}

interface Watched {
  readers: number
  timer: ReturnType<typeof setTimeout> | undefined
}

/**
 * Watches, on a reader's instance, the lease of each running stream it has readers of. When the
 * lease runs out (its producer's instance died, or lost the backend), it ends the stream
 * `failed`, so the readers get the end event within `lease + grace` instead of waiting forever.
 * It also re-ends a stream whose claimant died before storing the end event. Nothing is watched
 * once the last reader here leaves.
 */
export class LeaseWatch {
  readonly #ending: Ending
  readonly #lease: number
  readonly #grace: number
  readonly #watched = new Map<string, Watched>()

  constructor(ending: Ending, lease: number) {
    this.#ending = ending
    this.#lease = lease
    this.#grace = Math.ceil(lease / 3)
  }

  /** Watches the stream while the returned function is not called. */
  add(id: string): () => void {
    let watched = this.#watched.get(id)
    if (watched === undefined) {
      watched = { readers: 0, timer: undefined }
      this.#watched.set(id, watched)
      this.#schedule(id, watched, 0)
    }
    watched.readers++
    let released = false
    return () => {
      if (released) return
      released = true
      if (--(watched as Watched).readers > 0) return
      cancel((watched as Watched).timer)
      this.#watched.delete(id)
    }
  }

  /**
   * Ends the stream if its lease ran out, or its end event never came; tells when to look again.
   * @returns Milliseconds until the next look, or `undefined` when the stream has ended.
   */
  async check(id: string, now: number = Date.now()): Promise<number | undefined> {
    const record = await this.#ending.store.get(id)
    if (record === undefined || record.endId !== undefined) return undefined
    const grace = this.#grace
    if (record.state === 'running') {
      const due = record.leaseUntil + grace - now
      if (due > 0) return due
      const error = lapsedLease(this.#lease)
      await endStream(this.#ending, id, record.format, 'failed', { expiredBy: now - grace }, error)
      return grace
    }
    const finishedAt = record.finishedAt ?? now
    const due = finishedAt + this.#lease - now
    if (due > 0) return due
    const condition = { unendedSince: finishedAt }
    await endStream(this.#ending, id, record.format, record.state, condition, record.error)
    return grace
  }

  /** Stops every watch. */
  close(): void {
    for (const watched of this.#watched.values()) cancel(watched.timer)
    this.#watched.clear()
  }

  #schedule(id: string, watched: Watched, delay: number): void {
    watched.timer = later(delay, () => {
      this.check(id).then(
        (next) => {
          if (next !== undefined && this.#watched.get(id) === watched) {
            this.#schedule(id, watched, next)
          }
        },
        (error: unknown) => {
          console.error('ssekit: could not check a resumable stream', error)
          if (this.#watched.get(id) === watched) this.#schedule(id, watched, this.#grace)
        },
      )
    })
  }
}
