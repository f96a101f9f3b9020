import type { ReplayBatch, StoredEvent } from '@ssekit/channel'
import { compareTimeOrderedIds, type ReplaySource } from '@ssekit/channel/backend'
import { abortableSleep } from '@ssekit/core/backend'
import type { RedisReply } from './adapter.ts'
import { entriesOf } from './entries.ts'
import { RedisUnavailableError } from './errors.ts'
import type { ChannelKeys } from './keys.ts'
import type { Link } from './link.ts'
import { replayScript } from './scripts.ts'
import { isResumableStreamId } from './stream-id.ts'
import { untilReady } from './until-ready.ts'

const PAGE = 1000
const encoder = new TextEncoder()

/** One event as every instance rebuilds it from its stream entry: `id:` first, then the rest. */
export function storedEvent(
  topic: string,
  id: string,
  body: string,
  traceparent?: string,
): StoredEvent {
  return { id, topic, bytes: encoder.encode(`id: ${id}\n${body}`), traceparent }
}

/**
 * A Redis channel's replays: an exclusive XRANGE after the client's ID on each of its topics'
 * streams, merged by ID. The ID is known, and the replay complete, only if it lies within the
 * channel's history (from the clock's `origin` to its `last`) and no stream lost an entry after
 * it (the channel's own trim record, and `max-deleted-entry-id` for XDEL). Otherwise the client gets the gap event and
 * everything still stored: a malformed ID, one Redis cannot take as a stream ID, a trimmed one,
 * one from before Redis lost its data. The channel has positioned the reader on every stream
 * before it asks, so what this reads reaches at least where the live tail starts.
 */
export class RedisReplay implements ReplaySource {
  readonly #link: Link
  readonly #keys: ChannelKeys
  readonly #maxWait: number
  readonly #latest: () => string | undefined

  constructor(link: Link, keys: ChannelKeys, maxWait: number, latest: () => string | undefined) {
    this.#link = link
    this.#keys = keys
    this.#maxWait = maxWait
    this.#latest = latest
  }

  latestId(): string | undefined {
    return this.#latest()
  }

  async readAfter(
    lastEventId: string,
    topics: ReadonlySet<string>,
    signal: AbortSignal,
  ): Promise<ReplayBatch> {
    const known = isResumableStreamId(lastEventId)
    const list = [...topics]
    const streams = list.map((topic) => this.#keys.stream(topic))
    const deadline = Date.now() + this.#maxWait
    const starts = streams.map(() => (known ? `(${lastEventId}` : '-'))
    const events: StoredEvent[] = []
    let complete = known
    let pending = streams.map((_, index) => index)
    for (let page = 0; pending.length > 0; page++) {
      const reply = await this.#page(
        [this.#keys.meta, ...pending.map((i) => streams[i] as string)],
        [String(PAGE), ...pending.map((i) => starts[i] as string)],
        deadline,
        signal,
      )
      const [last, origin, ...perStream] = reply as RedisReply[]
      if (page === 0 && complete && !withinHistory(lastEventId, last, origin)) {
        // Not an ID of this history (newer than its last, say): everything stored is what is left.
        complete = false
        starts.fill('-')
        continue
      }
      const next: number[] = []
      perStream.forEach((result, at) => {
        const index = pending[at] as number
        const [exists, trimmed, deleted, raw] = result as RedisReply[]
        if (exists !== 1) return
        const start = starts[index] as string
        if (
          start !== '-' &&
          (removedAfter(start.slice(1), trimmed) || removedAfter(start.slice(1), deleted))
        ) {
          complete = false
        }
        const entries = entriesOf(raw ?? null)
        for (const entry of entries)
          events.push(storedEvent(list[index] as string, entry.id, entry.body, entry.traceparent))
        const lastEntry = entries.at(-1)
        if (entries.length >= PAGE && lastEntry !== undefined) {
          starts[index] = `(${lastEntry.id}`
          next.push(index)
        }
      })
      pending = next
    }
    if (streams.length > 1) events.sort((a, b) => compareTimeOrderedIds(a.id, b.id))
    return { events, complete }
  }

  // One page, retried across a dropped connection until the deadline.
  async #page(
    keys: string[],
    args: string[],
    deadline: number,
    signal: AbortSignal,
  ): Promise<RedisReply> {
    for (;;) {
      await untilReady(this.#link.commands, deadline, 'replay', signal)
      try {
        return await replayScript.run(this.#link.commands, keys, args)
      } catch (error) {
        if (!(error instanceof RedisUnavailableError) || Date.now() >= deadline) throw error
        await abortableSleep(50, signal)
      }
    }
  }
}

function withinHistory(id: string, last: RedisReply | undefined, origin: RedisReply | undefined) {
  return (
    typeof last === 'string' &&
    typeof origin === 'string' &&
    compareTimeOrderedIds(id, origin) >= 0 &&
    compareTimeOrderedIds(id, last) <= 0
  )
}

// Whether the stream lost an entry newer than `after`: `removed` is the newest one it lost.
function removedAfter(after: string, removed: RedisReply | undefined): boolean {
  return typeof removed === 'string' && compareTimeOrderedIds(after, removed) < 0
}
