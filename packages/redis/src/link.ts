import { instrumentation, logEvent } from '@ssekit/core/backend'
import type { RedisAdapter, RedisConnection } from './adapter.ts'
import { type ReaderTiming, StreamReader } from './stream-reader.ts'

/**
 * What the channels of one process share per {@link RedisAdapter}: a commands connection, a
 * blocking connection and the one {@link StreamReader} on it. Counted: the last channel to
 * release it closes the reader and both connections (which the link opened, so it owns them).
 */
export class Link {
  readonly commands: RedisConnection
  readonly reader: StreamReader
  readonly #blocking: RedisConnection
  readonly #adapter: RedisAdapter
  readonly #outageListeners = new Set<(up: boolean) => void>()
  readonly #offs: (() => void)[]
  #users = 0
  #up = false
  #everUp = false
  // When the link last went down, for the recovery's log line.
  #downSince: number | undefined

  constructor(adapter: RedisAdapter, timing: ReaderTiming) {
    this.#adapter = adapter
    this.commands = adapter.connect('commands')
    this.#blocking = adapter.connect('blocking')
    this.reader = new StreamReader(this.#blocking, this.commands, timing)
    const update = () => this.#update()
    this.#offs = [this.commands.onStateChange(update), this.#blocking.onStateChange(update)]
    this.#up = this.commands.ready && this.#blocking.ready
  }

  /** Whether the commands connection has been ready at least once. */
  get connected(): boolean {
    return this.#everUp || this.commands.ready
  }

  /** Whether both connections are ready. */
  get up(): boolean {
    return this.#up
  }

  /** Calls `listener` whenever the link goes down (`false`) or comes back up (`true`). */
  onChange(listener: (up: boolean) => void): () => void {
    this.#outageListeners.add(listener)
    return () => this.#outageListeners.delete(listener)
  }

  #update(): void {
    if (this.commands.ready) this.#everUp = true
    const up = this.commands.ready && this.#blocking.ready
    if (up === this.#up) return
    this.#up = up
    this.#logChange(up)
    for (const listener of [...this.#outageListeners]) listener(up)
  }

  // An outage and its end, one line each; a link that never came up is not an outage yet.
  #logChange(up: boolean): void {
    if (!up && this.#everUp) {
      this.#downSince = Date.now()
      instrumentation()?.backendError('redis', 'connection')
      logEvent({
        level: 'warn',
        event: 'ssekit.redis.outage',
        msg: 'Redis is unreachable: streams stay open, publishes fail until it is back',
        backend: 'redis',
      })
    } else if (up && this.#downSince !== undefined) {
      const ms = Date.now() - this.#downSince
      this.#downSince = undefined
      logEvent({
        level: 'info',
        event: 'ssekit.redis.recovered',
        msg: `Redis is reachable again after ${ms} ms`,
        backend: 'redis',
        ms,
      })
    }
  }

  /** @internal Counts one more channel. */
  acquire(): this {
    this.#users++
    return this
  }

  /** Counts one channel less; the last one closes the reader, then both connections. */
  async release(): Promise<void> {
    if (--this.#users > 0) return
    if (links.get(this.#adapter) === this) links.delete(this.#adapter)
    for (const off of this.#offs) off()
    this.#outageListeners.clear()
    // The read in flight may block for seconds: dropping its connection ends it at once.
    const stopped = this.reader.close()
    await this.#blocking.close()
    await stopped
    await this.commands.close()
  }
}

const links = new Map<RedisAdapter, Link>()

/** The link of `adapter` in this process, opened on first use with the first caller's timing. */
export function acquireLink(adapter: RedisAdapter, timing: ReaderTiming): Link {
  let link = links.get(adapter)
  if (link === undefined) {
    link = new Link(adapter, timing)
    links.set(adapter, link)
  }
  return link.acquire()
}
