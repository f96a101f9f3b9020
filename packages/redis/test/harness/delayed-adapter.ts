import type { RedisAdapter, RedisConnection, RedisReply } from '../../src/index.ts'

/**
 * Wraps an adapter so each reply reaches the channel after a delay drawn from `random()`: at
 * once, after a few microtasks, or after one or two timer turns. Commands still reach Redis in
 * the order they were sent; only when their replies are seen moves. So the reader's live
 * deliveries, replay reads and publish acknowledgements interleave in every order a seeded
 * schedule picks, the races the channel must absorb at the replay/live boundary.
 */
export class DelayedAdapter implements RedisAdapter {
  random: () => number = Math.random
  readonly #inner: RedisAdapter

  constructor(inner: RedisAdapter) {
    this.#inner = inner
  }

  connect(purpose: 'commands' | 'blocking'): RedisConnection {
    const inner = this.#inner.connect(purpose)
    const later = <T>(value: T): Promise<T> => {
      const pick = Math.floor(this.random() * 4)
      if (pick === 0) return Promise.resolve(value)
      if (pick === 1) return Promise.resolve().then(() => Promise.resolve(value))
      return new Promise((resolve) => setTimeout(() => resolve(value), pick - 2))
    }
    return {
      get ready() {
        return inner.ready
      },
      send: (command: string, args: readonly string[]): Promise<RedisReply> =>
        inner
          .send(command, args)
          .then(later, (error: unknown) => later(error).then((e) => Promise.reject(e))),
      onStateChange: (listener) => inner.onStateChange(listener),
      reconnect: () => inner.reconnect(),
      close: () => inner.close(),
    }
  }
}

/** A small seeded generator (mulberry32), so a failing schedule replays from its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
