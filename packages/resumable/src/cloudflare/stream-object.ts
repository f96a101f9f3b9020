import { type HistoryLimits, SSEChannelObject } from '@ssekit/cloudflare'
import { encode } from '@ssekit/core'
import { holds } from '../claim-holds.ts'
import { LeaseWatch } from '../lease-watch.ts'
import { type AbortCause, produce } from '../produce.ts'
import type { ClaimCondition, ResumableStore, StoredStream } from '../store.ts'
import type { ProducerSource, StreamFormat, StreamState } from '../types.ts'
import { RecordTable } from './record-table.ts'
import { compareSequenceIds } from './sequence-ids.ts'

type Init = { owner: string; leaseUntil: number; format: StreamFormat; createdAt: number }

/**
 * The Durable Object of one resumable stream: its events (as the channel of `SSEChannelObject`,
 * in SQLite), its record, and, for streams started with `createDurableStreams().start()`, its
 * producer, which runs here, not in the request that started it: Workers cut a request's
 * `waitUntil` work 30 s after the response, an object keeps running while its work is pending.
 * An alarm ends the stream `failed` if its lease lapses (the object was evicted or crashed
 * mid-run), and deletes it `ttl` after it ended.
 *
 * Subclass it, override {@link ResumableStreamObject.produce}, export the class from the Worker
 * and bind it with `new_sqlite_classes`.
 *
 * @example An object that streams a model's answer
 * ```ts
 * import { ResumableStreamObject } from '@ssekit/resumable/cloudflare'
 * class Answers extends ResumableStreamObject<{ prompt: string }> {
 *   override async *produce(input: { prompt: string }, signal: AbortSignal) {
 *     for (const word of input.prompt.split(' ')) if (!signal.aborted) yield `${word} `
 *   }
 * }
 * return new Response(Answers.name)
 * ```
 * @see https://developers.cloudflare.com/durable-objects/concepts/durable-object-lifecycle/
 */
export class ResumableStreamObject<Input = unknown> extends SSEChannelObject {
  /** Milliseconds a finished stream is kept. @defaultValue 86400000 (24 h) */
  protected readonly ttl: number = 86_400_000
  /** Milliseconds a producer's lease lasts. @defaultValue 10000 */
  protected readonly lease: number = 10_000
  // Every event stays until the stream expires: no trimming by count or age before that.
  protected override readonly history: HistoryLimits = {
    maxEvents: Number.MAX_SAFE_INTEGER,
    maxAge: 2 ** 42,
  }
  readonly #records: RecordTable
  #stopHere: (() => void) | undefined

  /**
   * @param ctx The object's state.
   * @param env The Worker's bindings.
   */
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env)
    this.#records = new RecordTable(ctx.storage)
  }

  /**
   * Makes the producer of a stream started with `createDurableStreams().start()`: override it.
   * It runs in this object; `signal` aborts on a stop request.
   *
   * @param input What `start()` was given (structured-cloned over RPC).
   * @param signal Aborts when the stream is stopped.
   * @returns The chunks: a stream or (async) iterable of strings or JSON values.
   */
  produce(input: Input, signal: AbortSignal): ProducerSource | Promise<ProducerSource> {
    void input
    void signal
    throw new TypeError('Cannot start: override `produce()` in a subclass of ResumableStreamObject')
  }

  /**
   * Creates the stream and runs its producer here, to its end, whether or not anyone reads.
   * @returns The stream's record, or `null` if the ID is taken.
   */
  run(id: string, input: Input, format: StreamFormat, createdAt: number): StoredStream | null {
    const owner = crypto.randomUUID()
    const record = this.createStream(id, {
      owner,
      leaseUntil: createdAt + this.lease,
      format,
      createdAt,
    })
    if (record === null) return null
    const controller = new AbortController()
    let cause: AbortCause = 'shutdown'
    this.#stopHere = () => {
      cause = 'stop'
      controller.abort()
    }
    const store = this.#store(id)
    const run = {
      store,
      ttl: this.ttl,
      patience: this.lease,
      id,
      owner,
      format,
      lease: this.lease,
      controller,
    }
    // Not awaited: the RPC answers now; pending work keeps the object running until the end.
    produce(
      run,
      (signal) => this.produce(input, signal),
      () => cause,
    )
      .catch((error: unknown) => console.error('ssekit: a resumable stream could not end', error))
      .finally(() => {
        this.#stopHere = undefined
      })
    return record
  }

  /** Creates the stream's record and hidden first event. `null` if one exists. */
  createStream(id: string, init: Init): StoredStream | null {
    if (this.#records.read() !== undefined) return null
    const startId = this.append(encode({ comment: 'start' }), 'default')
    const record: StoredStream = { ...init, state: 'running', startId }
    this.#records.insert(id, record)
    void this.ctx.storage.setAlarm(init.leaseUntil + this.lease / 3)
    return record
  }

  /** The stream's record, or `null`. */
  getStream(): StoredStream | null {
    const record = this.#records.read()
    if (record === undefined) return null
    const { id: _id, stop: _stop, expiresAt: _expires, ...stored } = record
    return stored
  }

  /** Extends the owner's lease: `'running'`, `'stop'` (one was requested) or `'lost'`. */
  renewStream(owner: string, leaseUntil: number): 'running' | 'stop' | 'lost' {
    const record = this.#records.read()
    if (record?.state !== 'running' || record.owner !== owner) return 'lost'
    this.#records.renew(leaseUntil)
    return record.stop ? 'stop' : 'running'
  }

  /** Ends the stream `state` if `condition` holds. */
  claimStream(
    state: Exclude<StreamState, 'running'>,
    condition: ClaimCondition,
    now: number,
    error?: string,
  ): boolean {
    const record = this.#records.read()
    if (record === undefined || !holds(record, condition)) return false
    this.#records.finish(state, now, error)
    return true
  }

  /** Records the end event, and sets the alarm that deletes the stream `ttl` ms from now. */
  endedStream(endId: string, ttl: number): void {
    const expiresAt = Date.now() + ttl
    if (this.#records.ended(endId, expiresAt)) void this.ctx.storage.setAlarm(expiresAt)
  }

  /** Asks the producer to stop: at once if it runs here, else at its next lease renewal. */
  requestStop(): void {
    this.#records.requestStop()
    this.#stopHere?.()
  }

  /** Checks the lease of a running stream, and deletes an ended one whose time is up. */
  override async alarm(): Promise<void> {
    const record = this.#records.read()
    if (record === undefined) return
    if (record.expiresAt !== undefined) {
      if (record.expiresAt <= Date.now()) this.#expire()
      else await this.ctx.storage.setAlarm(record.expiresAt)
      return
    }
    const ending = { store: this.#store(record.id), ttl: this.ttl, patience: this.lease }
    const next = await new LeaseWatch(ending, this.lease).check(record.id)
    // Ended meanwhile: its expiry alarm is set.
    if (next !== undefined && this.#records.read()?.expiresAt === undefined) {
      await this.ctx.storage.setAlarm(Date.now() + next)
    }
  }

  // The events and the record go; the ID counter stays, so IDs never repeat.
  #expire(): void {
    this.ctx.storage.sql.exec('DELETE FROM ssekit_events')
    this.#records.clear()
  }

  // This object as a store, for the producer and the lease check that run inside it.
  #store(id: string): ResumableStore {
    const stops = new Set<() => void>()
    return {
      create: async (_, init) => this.createStream(id, init) ?? undefined,
      get: async () => this.getStream() ?? undefined,
      append: async (_, message) => this.append(encode(message), 'default'),
      renew: async (_, owner, leaseUntil) => this.renewStream(owner, leaseUntil),
      claim: async (_, state, condition, now, error) =>
        this.claimStream(state, condition, now, error),
      ended: async (_, endId, ttl) => this.endedStream(endId, ttl),
      requestStop: async () => this.requestStop(),
      watchStop: (_, onStop) => {
        stops.add(onStop)
        return () => stops.delete(onStop)
      },
      subscribe: () => Promise.reject(new Error('Subscribe through the Worker')),
      compareIds: compareSequenceIds,
      close: async () => {},
    }
  }
}
