import {
  type Channel,
  type ChannelMessage,
  createChannel,
  RingBufferStore,
  type SubscribeOptions,
} from '@ssekit/channel'
import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import { holds } from './claim-holds.ts'
import type { ClaimCondition, ResumableStore, StoredStream } from './store.ts'
import { cancel, later } from './timing.ts'
import type { StreamFormat, StreamState } from './types.ts'

interface Entry {
  record: StoredStream
  channel: Channel
  stop: boolean
  onStop: Set<() => void>
  expiry: ReturnType<typeof setTimeout> | undefined
}

/**
 * A {@link ResumableStore} in this process's memory: each stream is a channel of its own that
 * keeps all its events, and a record beside it. Streams, producers and readers all live in this
 * one process; across processes, use `@ssekit/resumable/redis`.
 *
 * @returns A new, empty store.
 *
 * @example Streams kept in memory (the default of `createResumableStreams`)
 * ```ts
 * import { createResumableStreams, memoryStore } from '@ssekit/resumable'
 * const streams = createResumableStreams({ store: memoryStore() })
 * await streams.start('job-7', ['step 1', 'step 2'])
 * return streams.subscribe(request, 'job-7')
 * ```
 */
export function memoryStore(): ResumableStore {
  return new MemoryStore()
}

class MemoryStore implements ResumableStore {
  readonly #entries = new Map<string, Entry>()

  async create(
    id: string,
    init: { owner: string; leaseUntil: number; format: StreamFormat; createdAt: number },
  ): Promise<StoredStream | undefined> {
    if (this.#entries.has(id)) return undefined
    // Every event of the stream is kept until the stream expires, however long it runs.
    const channel = createChannel({
      store: new RingBufferStore({ capacity: Number.MAX_SAFE_INTEGER }),
    })
    const startId = await channel.publish({ comment: 'start' })
    const record: StoredStream = { ...init, state: 'running', startId }
    this.#entries.set(id, { record, channel, stop: false, onStop: new Set(), expiry: undefined })
    return record
  }

  async get(id: string): Promise<StoredStream | undefined> {
    return this.#entries.get(id)?.record
  }

  append(id: string, message: ChannelMessage): Promise<string> {
    const entry = this.#entries.get(id)
    if (entry === undefined) return Promise.reject(new Error(`Cannot append: no stream "${id}"`))
    return entry.channel.publish(message)
  }

  async renew(id: string, owner: string, leaseUntil: number): Promise<'running' | 'stop' | 'lost'> {
    const entry = this.#entries.get(id)
    if (entry === undefined || entry.record.state !== 'running' || entry.record.owner !== owner) {
      return 'lost'
    }
    entry.record = { ...entry.record, leaseUntil }
    return entry.stop ? 'stop' : 'running'
  }

  async claim(
    id: string,
    state: Exclude<StreamState, 'running'>,
    condition: ClaimCondition,
    now: number,
    error?: string,
  ): Promise<boolean> {
    const entry = this.#entries.get(id)
    if (entry === undefined || !holds(entry.record, condition)) return false
    entry.record = { ...entry.record, state, finishedAt: now, error }
    return true
  }

  async ended(id: string, endId: string, ttl: number): Promise<void> {
    const entry = this.#entries.get(id)
    if (entry === undefined || entry.record.endId !== undefined) return
    entry.record = { ...entry.record, endId }
    entry.expiry = later(ttl, () => {
      if (this.#entries.get(id) !== entry) return
      this.#entries.delete(id)
      void entry.channel.close()
    })
  }

  async requestStop(id: string): Promise<void> {
    const entry = this.#entries.get(id)
    if (entry === undefined || entry.record.state !== 'running') return
    entry.stop = true
    for (const onStop of [...entry.onStop]) onStop()
  }

  watchStop(id: string, onStop: () => void): () => void {
    const entry = this.#entries.get(id)
    if (entry === undefined) return () => {}
    entry.onStop.add(onStop)
    if (entry.stop) queueMicrotask(onStop)
    return () => entry.onStop.delete(onStop)
  }

  subscribe(request: Request, id: string, options: SubscribeOptions): Promise<Response> {
    const entry = this.#entries.get(id)
    if (entry === undefined) return Promise.resolve(new Response(null, { status: 404 }))
    return entry.channel.subscribe(request, options)
  }

  compareIds(a: string, b: string): number {
    return compareTimeOrderedIds(a, b)
  }

  async close(): Promise<void> {
    for (const entry of this.#entries.values()) {
      cancel(entry.expiry)
      await entry.channel.close()
    }
    this.#entries.clear()
  }
}
