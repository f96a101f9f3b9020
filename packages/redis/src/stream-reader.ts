import { instrumentation } from '@ssekit/core/backend'
import type { RedisConnection, RedisReply } from './adapter.ts'
import { inStreamOrder } from './batch-order.ts'
import { RedisUnavailableError } from './errors.ts'
import { type BatchGuard, type EntryListener, Positions } from './positions.ts'

// How soon a failed read, or a stream that could not start, is tried again.
const RETRY_MS = 100

/** How the reader blocks. */
export interface ReaderTiming {
  /** `XREAD BLOCK` milliseconds: at most 10 s, never 0. */
  blockMs: number
  /** Entries per stream and read. */
  count: number
}

/**
 * The one live path of a process, per Redis connection: a loop of `XREAD BLOCK` over every stream
 * some subscriber here follows, on a connection of its own, handing each entry to the channels in
 * the streams' order. Local publishes come back through it too, so every instance sees one order.
 *
 * A newly watched stream starts (its last entry is read) between two reads, once everything the
 * previous read returned is handed over. Read concurrently, its start could be older than entries
 * of other streams handed over already, and a client of both would then drop its next events as
 * out of date.
 *
 * Each stream's position is the last ID handed over, so after a reconnect the reader resumes
 * exactly there: nothing is skipped and nothing handed over twice. A read that outlives its block
 * time by far fails (the link's connections time out) and is tried again once Redis answers.
 */
export class StreamReader {
  readonly #blocking: RedisConnection
  readonly #commands: RedisConnection
  readonly #positions: Positions
  readonly #timing: ReaderTiming
  #closed = false
  #generation = 0
  #wake: (() => void) | undefined
  // The generation of the XREAD in flight, and the reader connection's client ID.
  #inFlight: number | undefined
  #clientId: string | undefined
  readonly #loop: Promise<void>
  readonly #offStates: (() => void)[]

  constructor(blocking: RedisConnection, commands: RedisConnection, timing: ReaderTiming) {
    this.#blocking = blocking
    this.#commands = commands
    this.#timing = timing
    this.#positions = new Positions(commands, () => void this.#refresh())
    this.#offStates = [
      blocking.onStateChange(() => {
        this.#clientId = undefined
        this.#wakeUp()
      }),
      // New streams start on the commands connection: once it is back, try again at once, and
      // unblock a read that left them out.
      commands.onStateChange((ready) => {
        this.#wakeUp()
        if (ready) void this.#refresh()
      }),
    ]
    this.#loop = this.#run()
  }

  /**
   * Follows `stream` from its current end; returns the function that stops following it.
   * `guard` runs before each batch of the stream is handed over.
   */
  watch(stream: string, listener: EntryListener, guard?: BatchGuard): () => void {
    return this.#positions.watch(stream, listener, guard)
  }

  /** The last ID read from a watched stream; undefined until its end has been read. */
  position(stream: string): string | undefined {
    return this.#positions.position(stream)
  }

  /** Resolves `true` once every stream has its start position, so a replay read now misses nothing. */
  positioned(streams: readonly string[], deadline: number, signal: AbortSignal): Promise<boolean> {
    return this.#positions.positioned(streams, deadline, signal)
  }

  /**
   * Stops the loop; resolves once it has stopped, which for a read in flight is when its
   * connection is closed (by the link, which owns it).
   */
  close(): Promise<void> {
    this.#closed = true
    for (const off of this.#offStates) off()
    this.#positions.close()
    this.#wakeUp()
    return this.#loop
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      try {
        // A stream that could not start is tried again soon, between short reads.
        const retryStart = this.#positions.unstarted && !(await this.#positions.start())
        if (this.#closed) return
        const active = this.#positions.active()
        if (active.size === 0 || !this.#blocking.ready) {
          await this.#sleep(retryStart ? RETRY_MS : undefined)
          continue
        }
        this.#clientId ??= String(await this.#blocking.send('CLIENT', ['ID']))
        // A stream watched meanwhile starts before the read, so the read includes it.
        if (this.#positions.unstarted && !retryStart) continue
        const reply = await this.#read(active, retryStart ? RETRY_MS : this.#timing.blockMs)
        await this.#dispatch(reply)
      } catch (error) {
        if (!(error instanceof RedisUnavailableError)) {
          instrumentation()?.backendError('redis', 'read')
          console.error('ssekit: the Redis stream reader failed to read', error)
        }
        // Lost or refused: wait a moment (or for the connection to come back) and read again.
        if (!this.#closed) await this.#sleep(RETRY_MS)
      }
    }
  }

  // One XREAD over the active streams. A reply far later than `blockMs` fails it (see Link).
  async #read(active: ReadonlyMap<string, string>, blockMs: number): Promise<RedisReply> {
    this.#inFlight = ++this.#generation
    const args = ['COUNT', String(this.#timing.count), 'BLOCK', String(blockMs), 'STREAMS']
    args.push(...active.keys(), ...active.values())
    try {
      return await this.#blocking.send('XREAD', args)
    } finally {
      this.#inFlight = undefined
    }
  }

  async #dispatch(reply: RedisReply): Promise<void> {
    // A batch that jumped past trimmed entries must be caught before it is handed over: after,
    // the positions have moved past the hole and no one could tell.
    const checks = this.#positions.guard(reply)
    if (checks !== undefined) await checks
    for (const entry of inStreamOrder(reply, this.#timing.count)) {
      this.#positions.deliver(entry.stream, entry.id, entry.body, entry.traceparent)
    }
  }

  // A stream was watched while an XREAD blocks: unblock that read, so that the stream starts and
  // the next read includes it. That read may name the stream already, from where a watch that
  // ended read it last: the new watch starts afresh all the same (its subscriber waits for that).
  // CLIENT UNBLOCK can reach Redis before the XREAD does; then it says 0 and we retry.
  async #refresh(): Promise<void> {
    this.#wakeUp()
    for (let attempt = 0; attempt < 50 && !this.#closed; attempt++) {
      const inFlight = this.#inFlight
      const clientId = this.#clientId
      if (inFlight === undefined || clientId === undefined) return
      if (!this.#positions.unstarted) return
      const unblocked = await this.#commands.send('CLIENT', ['UNBLOCK', clientId]).catch(() => 0)
      if (unblocked === 1 || this.#inFlight !== inFlight) return
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  #sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed) return resolve()
      const timer = ms === undefined ? undefined : setTimeout(() => this.#wakeUp(), ms)
      this.#wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  #wakeUp(): void {
    const wake = this.#wake
    this.#wake = undefined
    wake?.()
  }
}
