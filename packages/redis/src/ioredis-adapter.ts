import type { Redis, RedisOptions } from 'ioredis'
import type { RedisAdapter, RedisConnection, RedisReply } from './adapter.ts'
import { RedisReplyError, RedisUnavailableError } from './errors.ts'

// How long close() waits for QUIT's reply before dropping the socket.
const QUIT_PATIENCE_MS = 2000
// One adapter per client, so every channel made from the same client shares one reader.
const adapters = new WeakMap<Redis, RedisAdapter>()

/**
 * The {@link RedisAdapter} for an ioredis client. The client is a template: the channel opens its
 * own two connections with `client.duplicate()` and closes them when its last channel closes. The
 * client itself is never used, nor closed: it stays yours (create it with `lazyConnect: true` so it
 * opens no connection of its own). The duplicates never queue commands while disconnected, never
 * resend a command in flight after a reconnect (a resent XADD would store the event twice), and
 * reconnect with backoff from 25 ms up to 1 s.
 *
 * @param client An ioredis client, e.g. `new Redis(process.env.REDIS_URL, { lazyConnect: true })`.
 * @returns The adapter: the same object for the same client.
 *
 * @example Share one feed between processes
 * ```ts
 * import { createRedisChannel, ioredisAdapter } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const redis = ioredisAdapter(new Redis('redis://127.0.0.1:6379', { lazyConnect: true }))
 * const feed = createRedisChannel({ name: 'feed', redis })
 * return feed.subscribe(request)
 * ```
 * @see https://github.com/redis/ioredis#readme
 */
export function ioredisAdapter(client: Redis): RedisAdapter {
  let adapter = adapters.get(client)
  if (adapter === undefined) {
    adapter = { connect: (purpose) => new IoredisConnection(client, purpose) }
    adapters.set(client, adapter)
  }
  return adapter
}

class IoredisConnection implements RedisConnection {
  readonly #client: Redis
  readonly #listeners = new Set<(ready: boolean) => void>()
  readonly #blocking: boolean
  #ready = false

  constructor(template: Redis, purpose: 'commands' | 'blocking') {
    this.#blocking = purpose === 'blocking'
    const overrides: Partial<RedisOptions> = {
      lazyConnect: false,
      // RESP2: replies keep the shapes RedisReply names (RESP3 turns XREAD's reply into a map).
      protocol: 2,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      // 0: a command in flight when the socket closes rejects at once, instead of hanging.
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(25 * 2 ** times, 1000),
      connectionName: purpose === 'blocking' ? 'ssekit:reader' : 'ssekit:commands',
    }
    this.#client = template.duplicate(overrides)
    this.#client.on('ready', this.#onReady)
    this.#client.on('close', this.#onClose)
    // Without a listener ioredis prints every failed reconnect; the channel reports outages itself.
    this.#client.on('error', this.#onError)
  }

  get ready(): boolean {
    return this.#ready && this.#client.status === 'ready'
  }

  async send(command: string, args: readonly string[]): Promise<RedisReply> {
    if (!this.ready) {
      throw new RedisUnavailableError(`Cannot send ${command}: Redis is unreachable`)
    }
    try {
      return (await this.#client.call(command, ...args)) as RedisReply
    } catch (error) {
      if ((error as Error | undefined)?.name === 'ReplyError') {
        throw new RedisReplyError((error as Error).message)
      }
      throw new RedisUnavailableError(`Cannot send ${command}: the connection to Redis was lost`, {
        sent: true,
        cause: error,
      })
    }
  }

  onStateChange(listener: (ready: boolean) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  reconnect(): void {
    // Destroyed, not ended: a socket presumed dead (a frozen Redis, a silent network) never
    // answers the FIN that disconnect() sends, and ioredis would wait 2 s before it reconnects.
    const socket = this.#client.stream as Redis['stream'] | undefined
    if (socket !== undefined && !socket.destroyed) socket.destroy()
    else this.#client.disconnect(true)
  }

  async close(): Promise<void> {
    this.#listeners.clear()
    const client = this.#client
    // Only a live socket ends with 'end'; one waiting to reconnect just stops (ioredis never
    // emits 'end' for it), and so does one never opened.
    const live =
      client.status === 'connecting' || client.status === 'connect' || client.status === 'ready'
    const ended = live
      ? new Promise<void>((resolve) => client.once('end', () => resolve()))
      : undefined
    // A blocking read would hold QUIT back for seconds: that connection is dropped at once.
    if (client.status === 'ready' && !this.#blocking) {
      // QUIT waits for the replies in flight, but not forever: a dead socket never answers.
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, QUIT_PATIENCE_MS)
      })
      await Promise.race([client.quit().catch(() => {}), late])
      clearTimeout(timer)
      // (QUIT may have ended it meanwhile: the status is read again.)
      if ((client.status as string) !== 'end') this.#drop()
    } else {
      this.#drop()
    }
    await ended
    client.off('ready', this.#onReady)
    client.off('close', this.#onClose)
    client.off('error', this.#onError)
  }

  // Ends the connection for good, at once: disconnect() alone ends the socket and waits 2 s for
  // the FIN that a frozen Redis, or a dead network path, never sends.
  #drop(): void {
    const socket = this.#client.stream as Redis['stream'] | undefined
    this.#client.disconnect()
    if (socket !== undefined && !socket.destroyed) socket.destroy()
  }

  #set(ready: boolean): void {
    if (ready === this.#ready) return
    this.#ready = ready
    for (const listener of [...this.#listeners]) listener(ready)
  }

  readonly #onReady = (): void => this.#set(true)
  readonly #onClose = (): void => this.#set(false)
  readonly #onError = (): void => {}
}
