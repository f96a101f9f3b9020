import { type Connection, instrumentation } from '@ssekit/core/backend'
import { hasEventLine } from './event-type.ts'
import type { StoredEvent } from './stores/replay-store.ts'
import type { SubscriberSettings } from './subscriber-settings.ts'

/** What a subscriber reports to its fan-out's stats. */
export interface SubscriberHooks {
  dropped(count: number): void
  disconnected(): void
}

/**
 * One client of a channel: its connection, the topics it follows, and its slow-consumer policy.
 * A new subscriber with a `Last-Event-ID` starts in replay: live events wait in a backlog until the
 * replay is written, so the client sees stored events, then live ones, with no gap or repeat.
 * With `compareIds` it also drops any event not newer than the last one it sent, for backends whose
 * live feed can lag behind a replay (it may then deliver what the replay already held).
 */
export class Subscriber {
  readonly topics: ReadonlySet<string>
  readonly #connection: Connection
  readonly #settings: SubscriberSettings
  readonly #hooks: SubscriberHooks
  readonly #compareIds: ((a: string, b: string) => number) | undefined
  // The newest ID sent (or resumed after), when IDs are ordered.
  #floor: string | undefined
  // Live events that arrived during the replay, from `#backlogHead` on; `undefined` once live.
  #backlog: (StoredEvent | undefined)[] | undefined
  #backlogHead = 0
  #backlogBytes = 0

  constructor(
    connection: Connection,
    settings: SubscriberSettings,
    hooks: SubscriberHooks,
    replaying: boolean,
    compareIds?: (a: string, b: string) => number,
  ) {
    this.#connection = connection
    this.topics = settings.topics
    this.#settings = settings
    this.#hooks = hooks
    this.#compareIds = compareIds
    this.#backlog = replaying ? [] : undefined
  }

  /** Aborts when its stream closes, for any reason. */
  get signal(): AbortSignal {
    return this.#connection.signal
  }

  /** Whether its stream has closed. */
  get closed(): boolean {
    return this.#connection.closeReason !== undefined
  }

  /** Bytes waiting for this client: queued on its connection, plus its replay backlog. */
  get buffered(): number {
    return this.#connection.buffered + this.#backlogBytes
  }

  /** Writes bytes ahead of everything else, before any replay or live event. */
  open(bytes: Uint8Array): void {
    this.#connection.writeAtTurnEnd(bytes)
  }

  /** Queues one live event; never waits, so a slow subscriber cannot delay the others. */
  deliver(event: StoredEvent): void {
    if (!this.#isNew(event)) return
    const backlog = this.#backlog
    if (backlog === undefined) {
      if (this.#write(event) && this.#connection.buffered > this.#settings.maxBuffered) {
        this.#overflow()
      }
      return
    }
    backlog.push(event)
    this.#backlogBytes += event.bytes.length
    if (this.buffered > this.#settings.maxBuffered) this.#overflow()
  }

  /**
   * Writes `prefix` (the gap notice), the replayed events, then the backlog, pacing on the
   * connection's buffer, then goes live. Backlog events the replay already holds are skipped:
   * an async store may read events published after this subscriber registered.
   *
   * @param resumedAfter The client's `Last-Event-ID` when the replay found it: nothing up to it
   *   is sent again.
   */
  replay(
    prefix: Uint8Array | undefined,
    events: readonly StoredEvent[],
    resumedAfter: string | undefined,
  ): void {
    if (resumedAfter !== undefined) this.#floor = resumedAfter
    this.#skipReplayed(events)
    this.#pump(prefix, events).catch((error: unknown) => {
      console.error('ssekit: replay failed', error)
      this.#connection.close('error')
    })
  }

  /** Ends its stream after what is queued, with a `retry:` hint first when given. */
  close(retry?: number): void {
    if (retry !== undefined) this.#connection.writeAtTurnEnd(`retry: ${retry}\n\n`)
    this.#connection.close('server')
  }

  /** Lets go of the backlog once the stream closed. */
  dispose(): void {
    this.#backlog = undefined
    this.#backlogHead = 0
    this.#backlogBytes = 0
  }

  async #pump(prefix: Uint8Array | undefined, events: readonly StoredEvent[]): Promise<void> {
    if (prefix !== undefined) this.#connection.writeAtTurnEnd(prefix)
    for (const event of events) {
      if (!this.#isNew(event)) continue
      const sent = this.#paced(event)
      // Only a full buffer costs a promise turn; a short replay is written in this same turn.
      if (sent === false || (sent !== true && !(await sent))) return
    }
    // Live events may keep arriving while we wait; the switch to live happens in the same turn
    // as the check that the backlog is empty.
    for (let event = this.#takeOldest(); event !== undefined; event = this.#takeOldest()) {
      if (!this.#isNew(event)) continue
      const sent = this.#paced(event)
      if (sent === false || (sent !== true && !(await sent))) return
    }
    this.dispose()
  }

  #isNew(event: StoredEvent): boolean {
    const compare = this.#compareIds
    return compare === undefined || this.#floor === undefined || compare(event.id, this.#floor) > 0
  }

  /** Writes one event; false once the stream is closed, by this event's `closeAfter` too. */
  #write(event: StoredEvent): boolean {
    if (this.#compareIds !== undefined) this.#floor = event.id
    if (!this.#connection.writeAtTurnEnd(event.bytes)) return false
    instrumentation()?.eventsSent(1)
    const last = this.#settings.closeAfter
    if (last === undefined || !hasEventLine(event.bytes, last)) return true
    this.close()
    return false
  }

  #paced(event: StoredEvent): boolean | Promise<boolean> {
    if (!this.#write(event)) return false
    return this.#connection.buffered < this.#settings.pace || this.#connection.drained()
  }

  #takeOldest(): StoredEvent | undefined {
    const backlog = this.#backlog
    if (backlog === undefined || this.#backlogHead >= backlog.length) return undefined
    const event = backlog[this.#backlogHead] as StoredEvent
    backlog[this.#backlogHead++] = undefined
    this.#backlogBytes -= event.bytes.length
    // Cut the spent prefix once it outgrows the rest, so a long replay keeps the array short.
    if (this.#backlogHead >= 1024 && this.#backlogHead * 2 >= backlog.length) {
      this.#backlog = backlog.slice(this.#backlogHead)
      this.#backlogHead = 0
    }
    return event
  }

  #skipReplayed(events: readonly StoredEvent[]): void {
    const backlog = this.#backlog
    if (backlog === undefined || this.#backlogHead >= backlog.length || events.length === 0) return
    const replayed = new Set(events.map((event) => event.id))
    const kept: StoredEvent[] = []
    let bytes = 0
    for (let i = this.#backlogHead; i < backlog.length; i++) {
      const event = backlog[i] as StoredEvent
      if (replayed.has(event.id)) continue
      kept.push(event)
      bytes += event.bytes.length
    }
    this.#backlog = kept
    this.#backlogHead = 0
    this.#backlogBytes = bytes
  }

  #overflow(): void {
    if (this.#settings.policy === 'disconnect') {
      this.#hooks.disconnected()
      // Drop what waits before ending, so a stalled client frees its memory now; it resumes from
      // the last whole event it received.
      this.dispose()
      this.#connection.dropOldest(0)
      this.#connection.close('server')
      return
    }
    let dropped = 0
    // During a replay the backlog holds the newest events: shed its oldest, keep the replay whole.
    while (this.buffered > this.#settings.maxBuffered && this.#takeOldest() !== undefined) {
      dropped++
    }
    const limit = Math.max(0, this.#settings.maxBuffered - this.#backlogBytes)
    dropped += this.#connection.dropOldest(limit)
    if (dropped > 0) this.#hooks.dropped(dropped)
  }
}
