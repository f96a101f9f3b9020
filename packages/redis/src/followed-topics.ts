import { compareTimeOrderedIds, type FanOut } from '@ssekit/channel/backend'
import type { ChannelKeys } from './keys.ts'
import type { Link } from './link.ts'
import type { RedisChannelSettings } from './options.ts'
import { storedEvent } from './redis-replay.ts'

/**
 * The topics that one channel's subscribers in this process follow: one counted watch on the
 * process's reader per topic, whose entries go to the channel's fan-out. It knows the newest event
 * delivered (a fresh subscriber's anchor), and which events published here have not come back
 * through the reader yet (what `close()` waits for).
 */
export class FollowedTopics {
  readonly #link: Link
  readonly #keys: ChannelKeys
  readonly #fanOut: FanOut
  readonly #settings: RedisChannelSettings
  readonly #readCount: number
  readonly #topics = new Map<string, { users: number; unwatch: () => void }>()
  // Per topic: the newest ID a publish here resolved with that the reader has not delivered yet.
  readonly #unsent = new Map<string, string>()
  #allSent: (() => void) | undefined
  #latest: string | undefined

  constructor(
    link: Link,
    keys: ChannelKeys,
    fanOut: FanOut,
    settings: RedisChannelSettings,
    readCount: number,
  ) {
    this.#link = link
    this.#keys = keys
    this.#fanOut = fanOut
    this.#settings = settings
    this.#readCount = readCount
  }

  /** Follows `topics`; returns the function that stops following them (once, however often called). */
  follow(topics: ReadonlySet<string>): () => void {
    for (const topic of topics) this.#follow(topic)
    let released = false
    return () => {
      if (released) return
      released = true
      for (const topic of topics) this.#unfollow(topic)
    }
  }

  /** Whether the reader has every topic's start position by `deadline`, or before `signal` aborts. */
  positioned(topics: ReadonlySet<string>, deadline: number, signal: AbortSignal): Promise<boolean> {
    const streams = [...topics].map((topic) => this.#keys.stream(topic))
    return this.#link.reader.positioned(streams, deadline, signal)
  }

  /**
   * The anchor of a fresh subscriber: the newest event delivered here, or, before any was, the
   * newest entry of the streams followed, so that a process's first clients resume from it too.
   */
  latestId(): string | undefined {
    let latest = this.#latest
    for (const topic of this.#topics.keys()) {
      const position = this.#link.reader.position(this.#keys.stream(topic))
      if (position === undefined || position === '0-0') continue
      if (latest === undefined || compareTimeOrderedIds(position, latest) > 0) latest = position
    }
    return latest
  }

  /** Notes an event a publish here stored, until the reader delivers it (if its topic is followed). */
  published(topic: string, id: string): void {
    if (!this.#topics.has(topic)) return
    const position = this.#link.reader.position(this.#keys.stream(topic))
    if (position !== undefined && compareTimeOrderedIds(position, id) >= 0) return
    const unsent = this.#unsent.get(topic)
    if (unsent === undefined || compareTimeOrderedIds(id, unsent) > 0) this.#unsent.set(topic, id)
  }

  /** Resolves once every event published here has been delivered here, or at `deadline`. */
  async delivered(deadline: number): Promise<void> {
    if (this.#unsent.size === 0) return
    let timer: ReturnType<typeof setTimeout> | undefined
    await new Promise<void>((resolve) => {
      this.#allSent = resolve
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))
    })
    clearTimeout(timer)
    this.#allSent = undefined
  }

  /** Stops following every topic. */
  close(): void {
    for (const { unwatch } of this.#topics.values()) unwatch()
    this.#topics.clear()
    this.#unsent.clear()
    this.#allSent?.()
  }

  #follow(topic: string): void {
    const following = this.#topics.get(topic)
    if (following !== undefined) {
      following.users++
      return
    }
    const stream = this.#keys.stream(topic)
    const unwatch = this.#link.reader.watch(
      stream,
      (id, body, traceparent) => this.#deliver(topic, id, body, traceparent),
      (position, size) => this.#guardBatch(stream, position, size),
    )
    this.#topics.set(topic, { users: 1, unwatch })
  }

  #deliver(topic: string, id: string, body: string, traceparent: string | undefined): void {
    if (this.#latest === undefined || compareTimeOrderedIds(id, this.#latest) > 0) this.#latest = id
    this.#fanOut.deliver(storedEvent(topic, id, body, traceparent))
    const unsent = this.#unsent.get(topic)
    if (unsent === undefined || compareTimeOrderedIds(id, unsent) < 0) return
    this.#unsent.delete(topic)
    if (this.#unsent.size === 0) this.#allSent?.()
  }

  #unfollow(topic: string): void {
    const following = this.#topics.get(topic)
    if (following === undefined || --following.users > 0) return
    this.#topics.delete(topic)
    following.unwatch()
    this.#unsent.delete(topic)
    if (this.#unsent.size === 0) this.#allSent?.()
  }

  // A reader that fell further behind than the stream keeps would jump past the trimmed entries
  // without a word. It can only have when its batch is as long as what is kept (or it read from
  // an ID older than `maxAge`), so only then is the trim record read, before the batch goes out.
  #guardBatch(stream: string, position: string, size: number): Promise<void> | undefined {
    const { maxLen, maxAge } = this.#settings
    const byCount = maxLen !== false && size >= Math.min(maxLen, this.#readCount)
    const byAge = maxAge !== undefined && Date.now() - Number(position.split('-')[0]) >= maxAge
    return byCount || byAge ? this.#checkTrimmed(stream, position) : undefined
  }

  async #checkTrimmed(stream: string, position: string): Promise<void> {
    let trimmed: unknown
    try {
      trimmed = await this.#link.commands.send('HGET', [this.#keys.meta, `trimmed:${stream}`])
    } catch {
      return // Redis is away: the read that follows fails too, and resumes from the same place.
    }
    if (typeof trimmed !== 'string' || !(compareTimeOrderedIds(trimmed, position) > 0)) return
    // Entries this reader never read are gone: its subscribers would miss them unawares. Send
    // them away to resume; their replay sees the trim and sends the gap event.
    this.#fanOut.disconnectAll({ retry: this.#settings.outageRetry })
  }
}
