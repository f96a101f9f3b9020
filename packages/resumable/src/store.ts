import type { ChannelMessage, SubscribeOptions } from '@ssekit/channel'
import type { StreamFormat, StreamState } from './types.ts'

/**
 * One stream's record as a {@link ResumableStore} keeps it, beside its events.
 *
 * @example A running stream's record
 * ```ts
 * import type { StoredStream } from '@ssekit/resumable'
 * const record: StoredStream = {
 *   state: 'running', format: 'json', owner: 'a1', leaseUntil: Date.now() + 10_000,
 *   startId: '1764067200000-0', createdAt: Date.now(),
 * }
 * return Response.json(record)
 * ```
 */
export interface StoredStream {
  /** Where it is. */
  readonly state: StreamState
  /** Its wire format. */
  readonly format: StreamFormat
  /** A token of the producer run that owns it: only that run renews and ends it. */
  readonly owner: string
  /** Until when the owner's lease holds, in ms since the epoch: renewed while it runs. */
  readonly leaseUntil: number
  /** The ID of its hidden first event: a reader without `Last-Event-ID` replays from there. */
  readonly startId: string
  /** The ID of its `end` event, once that is stored. */
  readonly endId?: string | undefined
  /** When it started. */
  readonly createdAt: number
  /** When it was claimed for one of the three ends. */
  readonly finishedAt?: number | undefined
  /** Why it failed. */
  readonly error?: string | undefined
}

/**
 * Who may end a running stream: its owner; anyone once its lease ran out before `expiredBy`
 * (the owner died); or anyone re-ending a stream claimed at `unendedSince` whose end event never
 * came (the claimer died in between).
 *
 * @example The producer ends its own stream
 * ```ts
 * import type { ClaimCondition } from '@ssekit/resumable'
 * const condition: ClaimCondition = { owner: 'a1' }
 * return Response.json(condition)
 * ```
 */
export type ClaimCondition =
  | { readonly owner: string }
  | { readonly expiredBy: number }
  | { readonly unendedSince: number }

/**
 * What a backend gives resumable streams: a record per stream, with atomic changes, and a
 * channel per stream for its events. The in-memory store ships in this package, one over Redis
 * in `@ssekit/resumable/redis`, one over a Durable Object in `@ssekit/resumable/cloudflare`.
 *
 * @example Count the streams a store creates
 * ```ts
 * import { createResumableStreams, memoryStore, type ResumableStore } from '@ssekit/resumable'
 * const inner = memoryStore()
 * let created = 0
 * const store: ResumableStore = {
 *   ...inner,
 *   create: (id, init) => (created++, inner.create(id, init)),
 * }
 * const streams = createResumableStreams({ store })
 * await streams.start('answer-1', ['hi'])
 * return new Response(String(created))
 * ```
 */
export interface ResumableStore {
  /**
   * Makes the stream: stores its hidden first event, then its record, unless the ID is taken.
   * @returns The record, or `undefined` when a stream with this ID exists.
   */
  create(
    id: string,
    init: { owner: string; leaseUntil: number; format: StreamFormat; createdAt: number },
  ): Promise<StoredStream | undefined>
  /** The stream's record, or `undefined` if there is none (never made, or expired). */
  get(id: string): Promise<StoredStream | undefined>
  /** Stores and delivers one event of the stream; resolves its ID. */
  append(id: string, message: ChannelMessage): Promise<string>
  /**
   * Extends the owner's lease. `'stop'`: a stop was requested. `'lost'`: the stream is not this
   * owner's, or no longer running.
   */
  renew(id: string, owner: string, leaseUntil: number): Promise<'running' | 'stop' | 'lost'>
  /** Sets `state` (and `error`) if `condition` holds, atomically. Resolves whether it did. */
  claim(
    id: string,
    state: Exclude<StreamState, 'running'>,
    condition: ClaimCondition,
    now: number,
    error?: string,
  ): Promise<boolean>
  /** Records the end event's ID, and lets the stream expire `ttl` ms from now. */
  ended(id: string, endId: string, ttl: number): Promise<void>
  /** Asks the stream's owner, wherever it runs, to stop. */
  requestStop(id: string): Promise<void>
  /** Calls `onStop` when a stop is requested for a stream this instance produces. */
  watchStop(id: string, onStop: () => void): () => void
  /** Opens a reader's event stream on the stream's channel, as `Channel.subscribe` does. */
  subscribe(request: Request, id: string, options: SubscribeOptions): Promise<Response>
  /** Orders two of the store's event IDs: negative, zero, positive; `NaN` for a foreign one. */
  compareIds(a: string, b: string): number
  /** Lets go of what the store holds in this process. */
  close(): Promise<void>
}
