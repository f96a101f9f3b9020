import type { Channel } from '@ssekit/channel'
import { createRedisChannel, type RedisAdapter } from '@ssekit/redis'

/**
 * The channels of the streams this process is using, one per stream, counted: a stream's
 * channel is made on first use and closed when its last user lets go. One more channel, never
 * read, holds the adapter's shared connections and reader open meanwhile (the last channel of
 * an adapter closing would close them).
 */
export class ChannelPool {
  readonly #redis: RedisAdapter
  readonly #keyPrefix: string
  readonly #blockMs: number | undefined
  readonly #anchor: Channel
  readonly #open = new Map<string, { channel: Channel; users: number }>()

  constructor(redis: RedisAdapter, keyPrefix: string, blockMs: number | undefined) {
    this.#redis = redis
    this.#keyPrefix = keyPrefix
    this.#blockMs = blockMs
    this.#anchor = this.#make('~anchor')
  }

  /** The channel named `name`, counted once more until the returned release is called. */
  acquire(name: string): { channel: Channel; release: () => void } {
    let open = this.#open.get(name)
    if (open === undefined) {
      open = { channel: this.#make(name), users: 0 }
      this.#open.set(name, open)
    }
    open.users++
    const entry = open
    let released = false
    return {
      channel: entry.channel,
      release: () => {
        if (released) return
        released = true
        if (--entry.users > 0 || this.#open.get(name) !== entry) return
        this.#open.delete(name)
        void entry.channel.close()
      },
    }
  }

  /** Closes every channel, the anchor last. */
  async close(): Promise<void> {
    const open = [...this.#open.values()]
    this.#open.clear()
    await Promise.all(open.map((entry) => entry.channel.close()))
    await this.#anchor.close()
  }

  #make(name: string): Channel {
    // Every event of a stream is kept until the stream expires: no trimming by count.
    return createRedisChannel({
      name,
      redis: this.#redis,
      keyPrefix: this.#keyPrefix,
      maxLen: false,
      blockMs: this.#blockMs,
    })
  }
}
