import type { RedisConnection, RedisReply } from './adapter.ts'
import { RedisUnavailableError } from './errors.ts'

/**
 * A connection with a deadline on every reply: `limit(command)` milliseconds. A reply that late
 * means the connection is dead without knowing it (Redis stopped with SIGSTOP, a network path
 * gone silent without a FIN, ioredis #1285), and every later command on it would wait as long.
 * So the command rejects with {@link RedisUnavailableError} (`sent: true`: Redis may still run
 * it), and the connection counts as lost at once: it is reopened, later commands fail fast, and it
 * is ready again only when the reopened one is. A reply that comes after all is ignored.
 */
export class TimedConnection implements RedisConnection {
  readonly #inner: RedisConnection
  readonly #limit: (command: string) => number
  readonly #listeners = new Set<(ready: boolean) => void>()
  readonly #off: () => void
  #stalled = false

  constructor(inner: RedisConnection, limit: (command: string) => number) {
    this.#inner = inner
    this.#limit = limit
    this.#off = inner.onStateChange((ready) => {
      if (ready) this.#stalled = false
      this.#emit(ready)
    })
  }

  get ready(): boolean {
    return !this.#stalled && this.#inner.ready
  }

  send(command: string, args: readonly string[]): Promise<RedisReply> {
    if (this.#stalled) {
      const message = `Cannot send ${command}: Redis is unreachable`
      return Promise.reject(new RedisUnavailableError(message))
    }
    const ms = this.#limit(command)
    const reply = this.#inner.send(command, args)
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reply.catch(() => {})
        this.#stall()
        const message = `Cannot send ${command}: Redis did not answer within ${ms} ms`
        reject(new RedisUnavailableError(message, { sent: true }))
      }, ms)
    })
    return Promise.race([reply, late]).finally(() => clearTimeout(timer))
  }

  onStateChange(listener: (ready: boolean) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  reconnect(): void {
    this.#inner.reconnect()
  }

  close(): Promise<void> {
    this.#off()
    this.#listeners.clear()
    return this.#inner.close()
  }

  #stall(): void {
    if (this.#stalled) return
    this.#stalled = true
    this.#inner.reconnect()
    this.#emit(false)
  }

  #emit(ready: boolean): void {
    for (const listener of [...this.#listeners]) listener(ready)
  }
}
