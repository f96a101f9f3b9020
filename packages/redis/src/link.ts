import { instrumentation, logEvent } from '@ssekit/core/backend'
import type { RedisAdapter, RedisConnection } from './adapter.ts'
import { type ReaderTiming, StreamReader } from './stream-reader.ts'
import { TimedConnection } from './timed-connection.ts'

/** How the link's connections time out, and how its reader reads. */
export interface LinkTiming extends ReaderTiming {
  /** Milliseconds Redis has to answer a command; `XREAD BLOCK` gets `blockMs` more. */
  commandTimeout: number
}

/**
 * What the channels of one process share per {@link RedisAdapter}: a commands connection, a
 * blocking connection and the one {@link StreamReader} on it. Counted: the last channel to
 * release it closes the reader and both connections (which the link opened, so it owns them).
 * Every command has a deadline ({@link TimedConnection}): a frozen Redis is an outage too.
 */
export class Link {
  readonly commands: RedisConnection
  readonly reader: StreamReader
  /** Milliseconds Redis has to answer a command. */
  readonly commandTimeout: number
  readonly #blocking: RedisConnection
  readonly #adapter: RedisAdapter
  readonly #outageListeners = new Set<(up: boolean) => void>()
  readonly #offs: (() => void)[]
  #users = 0
  #up = false
  #everUp = false
  // When the link last went down, for the recovery's log line.
  #downSince: number | undefined

  constructor(adapter: RedisAdapter, timing: LinkTiming) {
    const { commandTimeout, blockMs } = timing
    this.#adapter = adapter
    this.commandTimeout = commandTimeout
    this.commands = new TimedConnection(adapter.connect('commands'), () => commandTimeout)
    this.#blocking = new TimedConnection(adapter.connect('blocking'), (command) =>
      command === 'XREAD' ? blockMs + commandTimeout : commandTimeout,
    )
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
export function acquireLink(adapter: RedisAdapter, timing: LinkTiming): Link {
  let link = links.get(adapter)
  if (link === undefined) {
    link = new Link(adapter, timing)
    links.set(adapter, link)
  }
  return link.acquire()
}
