import type { RedisConnection, RedisReply } from './adapter.ts'
import { RedisReplyError } from './errors.ts'

/**
 * A Lua script run with EVALSHA. It is loaded on first use and again after Redis forgot it (a
 * restart empties the script cache): NOSCRIPT means it did not run, so running it again is safe.
 */
export class Script {
  readonly #source: string
  #sha: string | undefined

  constructor(source: string) {
    this.#source = source
  }

  async run(
    connection: RedisConnection,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<RedisReply> {
    const call = (sha: string) =>
      connection.send('EVALSHA', [sha, String(keys.length), ...keys, ...args])
    this.#sha ??= await this.#load(connection)
    try {
      return await call(this.#sha)
    } catch (error) {
      if (!(error instanceof RedisReplyError && error.message.startsWith('NOSCRIPT'))) throw error
      this.#sha = await this.#load(connection)
      return call(this.#sha)
    }
  }

  async #load(connection: RedisConnection): Promise<string> {
    return String(await connection.send('SCRIPT', ['LOAD', this.#source]))
  }
}
