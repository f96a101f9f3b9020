import {
  type RedisAdapter,
  type RedisConnection,
  type RedisReply,
  RedisUnavailableError,
} from '@ssekit/redis'

// How long a command waits for the first connection to Redis.
const FIRST_CONNECT_MS = 5000

/**
 * The store's own commands connection, for its records. A command waits for the first
 * connection; after that, one sent while Redis is away rejects at once, as the channel's do.
 */
export class Commands {
  readonly #connection: RedisConnection
  #connected = false

  constructor(redis: RedisAdapter) {
    this.#connection = redis.connect('commands')
  }

  /** Runs a Lua script. */
  async eval(
    script: string,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<RedisReply> {
    return this.send('EVAL', [script, String(keys.length), ...keys, ...args])
  }

  async send(command: string, args: readonly string[]): Promise<RedisReply> {
    if (!this.#connected) await this.#firstConnection()
    return this.#connection.send(command, args)
  }

  close(): Promise<void> {
    return this.#connection.close()
  }

  async #firstConnection(): Promise<void> {
    const connection = this.#connection
    if (!connection.ready) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          off()
          reject(new RedisUnavailableError('Cannot reach Redis: no connection within 5 s'))
        }, FIRST_CONNECT_MS)
        const off = connection.onStateChange((ready) => {
          if (!ready) return
          clearTimeout(timer)
          off()
          resolve()
        })
      })
    }
    this.#connected = true
  }
}
