import { StreamExistsError } from './errors.ts'
import type { Ending } from './finish.ts'
import { LeaseWatch } from './lease-watch.ts'
import { memoryStore } from './memory-store.ts'
import { infoOf, observe, stopAndWait } from './observe.ts'
import { openReader } from './open-reader.ts'
import {
  checkSettings,
  type ReadOptions,
  type ResumableStreamsOptions,
  type ResumableSubscribeOptions,
  type StartOptions,
} from './options.ts'
import { type AbortCause, produce } from './produce.ts'
import { readChunks } from './read-chunks.ts'
import type { ResumableStore, StoredStream } from './store.ts'
import { checkStreamId } from './stream-id.ts'
import type { Producer, StreamInfo } from './types.ts'

/**
 * Resumable streams on one backend: start a producer under an ID, and let any number of readers,
 * on any instance, attach to it and resume from `Last-Event-ID`.
 *
 * @example A chat answer that survives a reload
 * ```ts
 * import { createResumableStreams, type ResumableStreams } from '@ssekit/resumable'
 * const streams: ResumableStreams = createResumableStreams()
 * const id = new URL(request.url).searchParams.get('id') ?? 'answer-1'
 * if (request.method === 'POST') await streams.start(id, ['Hello', ', ', 'world'])
 * return streams.subscribe(request, id)
 * ```
 */
export interface ResumableStreams {
  /**
   * Starts a producer under `id` and returns at once: it runs to its end here, storing each
   * chunk, whether or not anyone reads, until it finishes, throws, or is stopped.
   *
   * @param id The stream's ID (see `checkStreamId`).
   * @param producer A `ReadableStream`, an (async) iterable, or a function given an `AbortSignal`.
   * @param options The wire format, and a signal that stops it.
   * @returns The new stream's info, once its record is stored.
   * @throws {TypeError | RangeError} (as a rejection) The ID is invalid.
   * @throws {StreamExistsError} (as a rejection) A stream with this ID exists.
   */
  start(id: string, producer: Producer, options?: StartOptions): Promise<StreamInfo>
  /**
   * Opens a reader's event stream: what it missed after its `Last-Event-ID` (or, without one,
   * everything from the first chunk), then live chunks, then the `end` event, after which the
   * stream closes. `404` for an unknown stream; `204` for a reconnect after the end event.
   *
   * @param request The reader's request: its `Last-Event-ID` (or `?lastEventId=`) and signal.
   * @param id The stream's ID.
   * @param options Heartbeat, retry, headers, `onClose`.
   * @throws {TypeError | RangeError} (as a rejection) The ID or an option is invalid.
   */
  subscribe(request: Request, id: string, options?: ResumableSubscribeOptions): Promise<Response>
  /**
   * The stream's chunks as values, from the first (or after `lastEventId`), live until the end.
   * A failed stream errors the returned stream with its cause.
   *
   * @returns The chunks, or `undefined` for an unknown stream.
   */
  read(id: string, options?: ReadOptions): Promise<ReadableStream<unknown> | undefined>
  /** The stream's info, or `undefined` for an unknown (or expired) stream. */
  get(id: string): Promise<StreamInfo | undefined>
  /**
   * Stops a running stream from any instance: its producer's `AbortSignal` aborts, and it ends
   * `stopped`. Resolves once it has ended (at most about one lease, if its producer died).
   *
   * @returns Its info after, or `undefined` for an unknown stream.
   */
  stop(id: string): Promise<StreamInfo | undefined>
  /**
   * Shuts this instance's side down: its running producers end `failed` ("The server shut
   * down"), and its lease watches stop. A store given in the options stays open: close it too.
   */
  close(): Promise<void>
}

/**
 * Creates resumable streams over a store: in memory by default, over Redis with
 * `redisStore()` from `@ssekit/resumable/redis`.
 *
 * @param options The store, expiry, lease and reader defaults.
 * @returns The streams.
 * @throws {TypeError | RangeError} An option is invalid.
 *
 * @example Start a job and follow it from any tab
 * ```ts
 * import { createResumableStreams } from '@ssekit/resumable'
 * const streams = createResumableStreams()
 * async function* job(signal: AbortSignal) {
 *   for (let step = 1; step <= 3 && !signal.aborted; step++) yield { step }
 * }
 * await streams.start('job-1', job)
 * return streams.subscribe(request, 'job-1')
 * ```
 */
export function createResumableStreams(options: ResumableStreamsOptions = {}): ResumableStreams {
  return new Streams(options)
}

class Streams implements ResumableStreams {
  readonly #store: ResumableStore
  readonly #ownsStore: boolean
  readonly #ending: Ending
  readonly #lease: number
  readonly #watch: LeaseWatch
  readonly #defaults: ResumableSubscribeOptions
  readonly #running = new Map<string, { abort(cause: AbortCause): void; done: Promise<unknown> }>()

  constructor(options: ResumableStreamsOptions) {
    const { ttl, lease } = checkSettings(options)
    this.#ownsStore = options.store === undefined
    this.#store = options.store ?? memoryStore()
    this.#lease = lease
    this.#ending = { store: this.#store, ttl, patience: lease }
    this.#watch = new LeaseWatch(this.#ending, lease)
    this.#defaults = { retry: options.retry, heartbeat: options.heartbeat }
  }

  async start(id: string, producer: Producer, options: StartOptions = {}): Promise<StreamInfo> {
    checkStreamId(id, 'start')
    const format = options.format ?? 'json'
    if (format !== 'json' && format !== 'ui-message-stream') {
      throw new TypeError("Cannot start: option `format` must be 'json' or 'ui-message-stream'")
    }
    const owner = crypto.randomUUID()
    const now = Date.now()
    const init = { owner, leaseUntil: now + this.#lease, format, createdAt: now }
    const record = await this.#store.create(id, init)
    if (record === undefined) throw new StreamExistsError(id)
    const controller = new AbortController()
    let cause: AbortCause = 'shutdown'
    const abort = (why: AbortCause) => {
      cause = why
      controller.abort()
    }
    const onAbort = () => abort('stop')
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const run = { ...this.#ending, id, owner, format, lease: this.#lease, controller }
    const done = produce(run, producer, () => cause)
      .catch((error: unknown) => console.error('ssekit: a resumable stream could not end', error))
      .finally(() => {
        options.signal?.removeEventListener('abort', onAbort)
        this.#running.delete(id)
      })
      .then(() => (options.onEnd === undefined ? undefined : this.#ended(id, options.onEnd)))
    this.#running.set(id, { abort, done })
    return infoOf(id, record)
  }

  async subscribe(
    request: Request,
    id: string,
    options: ResumableSubscribeOptions = {},
  ): Promise<Response> {
    checkStreamId(id, 'subscribe')
    const record = await observe(this.#store, this.#watch, id)
    return openReader(this.#store, this.#watch, request, id, record, {
      ...this.#defaults,
      ...options,
    })
  }

  async read(id: string, options: ReadOptions = {}): Promise<ReadableStream<unknown> | undefined> {
    checkStreamId(id, 'read')
    const headers = new Headers()
    if (options.lastEventId !== undefined) headers.set('last-event-id', options.lastEventId)
    const request = new Request('https://resumable.invalid/', { headers })
    const response = await this.subscribe(request, id, { signal: options.signal })
    if (response.status === 404) return undefined
    const record = await this.#store.get(id)
    if (response.body === null || record === undefined)
      return new ReadableStream({ start: (c) => c.close() })
    return readChunks(response.body, record.format)
  }

  async get(id: string): Promise<StreamInfo | undefined> {
    checkStreamId(id, 'get')
    const record = await observe(this.#store, this.#watch, id)
    return record === undefined ? undefined : infoOf(id, record)
  }

  async stop(id: string): Promise<StreamInfo | undefined> {
    checkStreamId(id, 'stop')
    const local = this.#running.get(id)
    if (local !== undefined) {
      local.abort('stop')
      await local.done
      return this.get(id)
    }
    const record: StoredStream | undefined = await stopAndWait(this.#ending, this.#lease, id)
    return record === undefined ? undefined : infoOf(id, record)
  }

  async #ended(id: string, onEnd: (info: StreamInfo | undefined) => void): Promise<void> {
    const record = await this.#store.get(id).catch(() => undefined)
    try {
      onEnd(record === undefined ? undefined : infoOf(id, record))
    } catch (error) {
      console.error('ssekit: an onEnd callback threw', error)
    }
  }

  async close(): Promise<void> {
    const running = [...this.#running.values()]
    for (const run of running) run.abort('shutdown')
    await Promise.all(running.map((run) => run.done))
    this.#watch.close()
    if (this.#ownsStore) await this.#store.close()
  }
}
