import type { SubscribeOptions } from '@ssekit/channel'
import type { ResumableStore } from './store.ts'
import type { StreamFormat, StreamInfo } from './types.ts'

/**
 * Options for {@link createResumableStreams}.
 *
 * @example Finished streams kept for an hour, a producer declared dead after 5 s of silence
 * ```ts
 * import { createResumableStreams, type ResumableStreamsOptions } from '@ssekit/resumable'
 * const options: ResumableStreamsOptions = { ttl: 3_600_000, lease: 5_000 }
 * const streams = createResumableStreams(options)
 * return streams.subscribe(request, 'answer-1')
 * ```
 */
export interface ResumableStreamsOptions {
  /**
   * Where streams live: {@link memoryStore} for one process, `redisStore()` of
   * `@ssekit/resumable/redis` across processes.
   * @defaultValue a new `memoryStore()`
   */
  store?: ResumableStore | undefined
  /**
   * Milliseconds a finished stream is kept, for readers that come back late; then it is gone
   * (`404`, `undefined`).
   * @defaultValue 86400000 (24 h)
   */
  ttl?: number | undefined
  /**
   * Milliseconds a producer's lease lasts. Its instance renews it every third of that; if it
   * dies, the stream is marked `failed` and its readers get the end event at most about
   * `lease × 1.4` later.
   * @defaultValue 10000
   */
  lease?: number | undefined
  /** The `retry:` hint, in ms, sent to readers. @defaultValue the channel's (none) */
  retry?: number | undefined
  /** Milliseconds between heartbeats on readers' streams. @defaultValue 15000 */
  heartbeat?: number | undefined
}

/**
 * Options for {@link ResumableStreams.start}.
 *
 * @example A stream for the AI SDK's `useChat`
 * ```ts
 * import { createResumableStreams, type StartOptions } from '@ssekit/resumable'
 * const options: StartOptions = { format: 'ui-message-stream' }
 * await createResumableStreams().start('chat-1', [{ type: 'start' }], options)
 * return new Response('started', { status: 202 })
 * ```
 */
export interface StartOptions {
  /** How the chunks and the end look on the wire. @defaultValue `'json'` */
  format?: StreamFormat | undefined
  /** Ends the producer when it aborts, like a stop request. @defaultValue none */
  signal?: AbortSignal | undefined
  /**
   * Called once, on this instance, when the producer's run is over and the stream has ended
   * (or was ended elsewhere): to persist the answer, or to keep a serverless function alive
   * until then. @defaultValue none
   */
  onEnd?: ((info: StreamInfo | undefined) => void) | undefined
}

/**
 * Options for {@link ResumableStreams.subscribe}: those of a channel's subscribe, but `topics`,
 * `initialEvent` and `closeAfter`: a reader's stream ends after its stream's end event by itself.
 *
 * @example Log why a reader left
 * ```ts
 * import { createResumableStreams, type ResumableSubscribeOptions } from '@ssekit/resumable'
 * const options: ResumableSubscribeOptions = { onClose: (reason) => console.log(reason) }
 * return createResumableStreams().subscribe(request, 'answer-1', options)
 * ```
 */
export type ResumableSubscribeOptions = Omit<
  SubscribeOptions,
  'topics' | 'initialEvent' | 'closeAfter'
>

/**
 * Options for {@link ResumableStreams.read}.
 *
 * @example Read what came after an event a client already has
 * ```ts
 * import { createResumableStreams, type ReadOptions } from '@ssekit/resumable'
 * const options: ReadOptions = { lastEventId: '1764067200000-3' }
 * const chunks = await createResumableStreams().read('answer-1', options)
 * return new Response(chunks === undefined ? 'gone' : 'reading')
 * ```
 */
export interface ReadOptions {
  /** Read the chunks after this event's ID. @defaultValue from the first chunk */
  lastEventId?: string | undefined
  /** Stops reading when it aborts. @defaultValue none */
  signal?: AbortSignal | undefined
}

/** The options with their defaults, checked. */
export interface Settings {
  ttl: number
  lease: number
}

/** Checks the numbers of {@link ResumableStreamsOptions}. */
export function checkSettings(options: ResumableStreamsOptions): Settings {
  const { ttl = 86_400_000, lease = 10_000 } = options
  positive('ttl', ttl)
  positive('lease', lease)
  return { ttl, lease }
}

function positive(option: string, value: unknown): void {
  if (typeof value !== 'number') {
    throw new TypeError(`Cannot create the streams: option \`${option}\` must be a number`)
  }
  if (!(Number.isSafeInteger(value) && value > 0)) {
    throw new RangeError(
      `Cannot create the streams: option \`${option}\` must be a positive safe integer, got ${String(value)}`,
    )
  }
}
