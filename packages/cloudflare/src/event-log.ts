import { parseSequenceId } from './sequence-id.ts'

/**
 * How much history a channel's Durable Object keeps for replay. It trims on every append, never
 * with an alarm, so an idle object can hibernate.
 *
 * @example Keep the last 500 events, for at most an hour
 * ```ts
 * import { type HistoryLimits, SSEChannelObject } from '@ssekit/cloudflare'
 * class ChatRoom extends SSEChannelObject {
 *   protected override readonly history: HistoryLimits = { maxEvents: 500, maxAge: 3_600_000 }
 * }
 * return new Response(ChatRoom.name)
 * ```
 */
export interface HistoryLimits {
  /** The newest events kept, whatever their age. */
  readonly maxEvents: number
  /** Milliseconds an event stays available for replay. */
  readonly maxAge: number
}

/**
 * One stored event as it crosses RPC and the WebSocket: its ID, topic and wire text, and the
 * W3C `traceparent` of its publish when that was traced.
 */
export interface LoggedEvent {
  readonly id: string
  readonly topic: string
  /** The encoded event, `id:` line included. */
  readonly frame: string
  readonly trace?: string | undefined
}

/** What {@link EventLog.readAfter} found, as a `ReplayBatch` with text frames. */
export interface LoggedBatch {
  readonly events: LoggedEvent[]
  readonly complete: boolean
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ssekit_events (
  seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, frame TEXT NOT NULL, time INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS ssekit_events_time ON ssekit_events (time);
CREATE TABLE IF NOT EXISTS ssekit_counter (
  id INTEGER PRIMARY KEY CHECK (id = 0), last INTEGER NOT NULL, time INTEGER NOT NULL);
INSERT OR IGNORE INTO ssekit_counter (id, last, time) VALUES (0, 0, 0);
`
// Added after the first release: a table made before then gets the column on first wake.
const TRACE_COLUMN = 'ALTER TABLE ssekit_events ADD COLUMN trace TEXT'

/**
 * A channel's history in the Durable Object's SQLite: events numbered by a counter that lives in
 * its own row, so IDs keep going up after every event was trimmed, after eviction and after a
 * restart. A client holding an ID from before is never taken for one that is up to date.
 */
export class EventLog {
  readonly #storage: DurableObjectStorage
  #last: number
  // Times only go forward, even if the clock steps back: expiry then follows the IDs' order.
  #lastTime: number

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage
    storage.sql.exec(SCHEMA)
    try {
      storage.sql.exec('SELECT trace FROM ssekit_events LIMIT 0')
    } catch {
      storage.sql.exec(TRACE_COLUMN)
    }
    const row = storage.sql
      .exec<{ last: number; time: number }>('SELECT last, time FROM ssekit_counter WHERE id = 0')
      .one()
    this.#last = row.last
    this.#lastTime = row.time
  }

  /** The newest ID issued, or `undefined` before the first event. */
  get latestId(): string | undefined {
    return this.#last === 0 ? undefined : String(this.#last)
  }

  /**
   * Stores one event under the next ID and trims, in one transaction.
   * @param topic The event's topic.
   * @param frame The encoded event without an `id:` line; the ID is put in front.
   * @param trace The publish's `traceparent`, kept with the event for every delivery and replay.
   */
  append(
    topic: string,
    frame: string,
    limits: HistoryLimits,
    now: number,
    trace?: string,
  ): LoggedEvent {
    const seq = this.#last + 1
    const time = Math.max(this.#lastTime, now)
    const event = { id: String(seq), topic, frame: `id: ${seq}\n${frame}`, trace }
    this.#storage.transactionSync(() => {
      const { sql } = this.#storage
      sql.exec('UPDATE ssekit_counter SET last = ?, time = ? WHERE id = 0', seq, time)
      sql.exec(
        'INSERT INTO ssekit_events (seq, topic, frame, time, trace) VALUES (?, ?, ?, ?, ?)',
        seq,
        topic,
        event.frame,
        time,
        trace ?? null,
      )
      sql.exec(
        'DELETE FROM ssekit_events WHERE seq <= ? OR time <= ?',
        seq - limits.maxEvents,
        time - limits.maxAge,
      )
    })
    // Only once the transaction went through: a failed write must not burn or skip an ID.
    this.#last = seq
    this.#lastTime = time
    return event
  }

  /**
   * The kept events after `lastEventId` on `topics`, oldest first. Complete when nothing after
   * that ID was trimmed; otherwise (an expired ID, or one this log never issued) everything kept.
   */
  readAfter(
    lastEventId: string,
    topics: readonly string[],
    limits: HistoryLimits,
    now: number,
  ): LoggedBatch {
    const { sql } = this.#storage
    // Expired rows are left for the next append to delete: a read never writes.
    const floor = Math.max(this.#last - limits.maxEvents, 0)
    const cutoff = now - limits.maxAge
    const oldest = sql
      .exec<{ seq: number | null }>(
        'SELECT MIN(seq) AS seq FROM ssekit_events WHERE seq > ? AND time > ?',
        floor,
        cutoff,
      )
      .one().seq
    const after = parseSequenceId(lastEventId)
    const known = after !== undefined && after <= this.#last
    const complete =
      known && (after === this.#last || (oldest !== null && oldest <= (after as number) + 1))
    const events = sql
      .exec<{ seq: number; topic: string; frame: string; trace: string | null }>(
        `SELECT seq, topic, frame, trace FROM ssekit_events
         WHERE seq > ? AND time > ? AND topic IN (SELECT value FROM json_each(?)) ORDER BY seq`,
        complete ? Math.max(after as number, floor) : floor,
        cutoff,
        JSON.stringify(topics),
      )
      .toArray()
      .map((row) => ({
        id: String(row.seq),
        topic: row.topic,
        frame: row.frame,
        trace: row.trace ?? undefined,
      }))
    return { events, complete }
  }
}
