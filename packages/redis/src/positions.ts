import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import type { RedisConnection, RedisReply } from './adapter.ts'
import { RedisUnavailableError } from './errors.ts'

/** Receives each new entry of a watched stream, in ID order across every watched stream. */
export type EntryListener = (id: string, body: string, traceparent: string | undefined) => void

/**
 * Runs before a batch of a stream is handed over, with the position the reader read from and the
 * batch's size: a channel checks there whether its trimming removed entries this reader had not
 * read yet. It returns nothing when there is nothing to check, so the common path waits for no one.
 */
export type BatchGuard = (position: string, size: number) => Promise<void> | undefined

interface Watched {
  // The last ID handed over; `undefined` until the stream's end has been read.
  position: string | undefined
  readonly listeners: Set<EntryListener>
  readonly guards: Set<BatchGuard>
  readonly waiters: Set<() => void>
  // Whether a failure to start it was logged already (once is enough for a key of another type).
  warned: boolean
}

/**
 * The streams the reader follows, each with its position and listeners. A newly watched stream
 * starts at its last entry, read between two of the reader's reads (see `StreamReader`) on
 * the commands connection: a replay sent after that read (on the same connection) reads at least
 * up to it, so replay and live tail overlap, never leave a gap.
 */
export class Positions {
  readonly #streams = new Map<string, Watched>()
  readonly #commands: RedisConnection
  readonly #onWatch: () => void

  constructor(commands: RedisConnection, onWatch: () => void) {
    this.#commands = commands
    this.#onWatch = onWatch
  }

  watch(stream: string, listener: EntryListener, guard?: BatchGuard): () => void {
    let watched = this.#streams.get(stream)
    if (watched === undefined) {
      watched = {
        position: undefined,
        listeners: new Set(),
        guards: new Set(),
        waiters: new Set(),
        warned: false,
      }
      this.#streams.set(stream, watched)
      this.#onWatch()
    }
    watched.listeners.add(listener)
    if (guard !== undefined) watched.guards.add(guard)
    const current = watched
    return () => {
      current.listeners.delete(listener)
      if (guard !== undefined) current.guards.delete(guard)
      if (current.listeners.size > 0 || this.#streams.get(stream) !== current) return
      this.#streams.delete(stream)
      for (const wake of current.waiters) wake()
    }
  }

  /** Whether a watched stream still waits for {@link Positions.start}. */
  get unstarted(): boolean {
    for (const watched of this.#streams.values()) if (watched.position === undefined) return true
    return false
  }

  /**
   * Reads where each newly watched stream starts (its last entry) and wakes the replays waiting
   * for it. A stream Redis could not answer for stays unstarted, for the next call; the others
   * start regardless, so one bad key (say, not a stream) stops no other stream.
   *
   * @returns Whether every watched stream has started.
   */
  async start(): Promise<boolean> {
    const fresh = [...this.#streams].filter(([, watched]) => watched.position === undefined)
    const tops = await Promise.allSettled(
      fresh.map(([stream]) => this.#commands.send('XREVRANGE', [stream, '+', '-', 'COUNT', '1'])),
    )
    let all = true
    fresh.forEach(([stream, watched], index) => {
      const top = tops[index] as PromiseSettledResult<RedisReply>
      if (this.#streams.get(stream) !== watched) return
      if (top.status === 'rejected') {
        all = false
        if (!(top.reason instanceof RedisUnavailableError) && !watched.warned) {
          watched.warned = true
          console.error(`ssekit: cannot read where the Redis stream ${stream} ends`, top.reason)
        }
        return
      }
      const newest = Array.isArray(top.value)
        ? (top.value[0] as RedisReply[] | undefined)
        : undefined
      watched.position = typeof newest?.[0] === 'string' ? newest[0] : '0-0'
      for (const wake of watched.waiters) wake()
    })
    return all
  }

  /** The positioned streams with listeners, and their positions. */
  active(): Map<string, string> {
    const active = new Map<string, string>()
    for (const [stream, watched] of this.#streams) {
      if (watched.position !== undefined) active.set(stream, watched.position)
    }
    return active
  }

  /**
   * Waits until each of `streams` has its start position, so that what a replay reads from now
   * on reaches at least where the live tail starts.
   *
   * @returns Whether they all have it; `false` once `deadline` (a `Date.now()` time) passed,
   *   `signal` aborted, or a stream stopped being watched.
   */
  async positioned(
    streams: readonly string[],
    deadline: number,
    signal: AbortSignal,
  ): Promise<boolean> {
    for (const stream of streams) {
      const watched = this.#streams.get(stream)
      if (watched === undefined || watched.position !== undefined) continue
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer)
          watched.waiters.delete(finish)
          signal.removeEventListener('abort', finish)
          resolve()
        }
        const timer = setTimeout(finish, Math.max(0, deadline - Date.now()))
        watched.waiters.add(finish)
        if (signal.aborted) finish()
        else signal.addEventListener('abort', finish)
      })
      if (watched.position === undefined) return false
    }
    return streams.every((stream) => this.#streams.get(stream)?.position !== undefined)
  }

  /**
   * Runs the guards of every stream in an XREAD reply, with the position each was read from;
   * a promise of them all, or `undefined` when none had anything to check.
   */
  guard(reply: RedisReply): Promise<void> | undefined {
    if (!Array.isArray(reply)) return undefined
    const checks: Promise<void>[] = []
    for (const [stream, raw] of reply as [string, RedisReply][]) {
      const watched = this.#streams.get(stream)
      if (watched?.position === undefined || watched.guards.size === 0) continue
      const size = Array.isArray(raw) ? raw.length : 0
      for (const guard of watched.guards) {
        const check = guard(watched.position, size)
        if (check !== undefined) checks.push(check)
      }
    }
    return checks.length === 0 ? undefined : Promise.all(checks).then(() => {})
  }

  /** The last ID read from a stream (its newest entry once positioned); undefined before that. */
  position(stream: string): string | undefined {
    return this.#streams.get(stream)?.position
  }

  /**
   * Hands one entry to the stream's listeners, if it is newer than the stream's position. An
   * entry of a stream not positioned yet came from a read that named it for an earlier watch:
   * its start, read after that read, reaches at least as far, and no subscriber of it is live
   * before then, so nothing is lost by passing it over.
   */
  deliver(stream: string, id: string, body: string, traceparent?: string): void {
    const watched = this.#streams.get(stream)
    if (watched?.position === undefined || compareTimeOrderedIds(id, watched.position) <= 0) return
    watched.position = id
    for (const listener of watched.listeners) {
      try {
        listener(id, body, traceparent)
      } catch (error) {
        console.error('ssekit: a Redis channel failed to deliver an event', error)
      }
    }
  }

  close(): void {
    for (const watched of this.#streams.values()) for (const wake of watched.waiters) wake()
    this.#streams.clear()
  }
}
