import type { StoredStream } from '../store.ts'
import type { StreamFormat, StreamState } from '../types.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ssekit_resumable (
  k INTEGER PRIMARY KEY CHECK (k = 0), stream TEXT NOT NULL, state TEXT NOT NULL,
  format TEXT NOT NULL, owner TEXT NOT NULL, lease INTEGER NOT NULL, start TEXT NOT NULL,
  end_id TEXT, created INTEGER NOT NULL, finished INTEGER, error TEXT,
  stop INTEGER NOT NULL DEFAULT 0, expires INTEGER);
`

interface Row extends Record<string, SqlStorageValue> {
  stream: string
  state: string
  format: string
  owner: string
  lease: number
  start: string
  end_id: string | null
  created: number
  finished: number | null
  error: string | null
  stop: number
  expires: number | null
}

/**
 * The record of the one stream a Durable Object holds, in a one-row SQLite table beside the
 * channel's events. The object runs one call at a time, so a read and a write in one call are
 * atomic: the claims need no more.
 */
export class RecordTable {
  readonly #sql: SqlStorage

  constructor(storage: DurableObjectStorage) {
    this.#sql = storage.sql
    this.#sql.exec(SCHEMA)
  }

  /** The row, with the stream's ID. */
  read():
    | (StoredStream & { id: string; stop: boolean; expiresAt: number | undefined })
    | undefined {
    const row = this.#sql.exec<Row>('SELECT * FROM ssekit_resumable WHERE k = 0').toArray()[0]
    if (row === undefined) return undefined
    return {
      id: row.stream,
      state: row.state as StreamState,
      format: row.format as StreamFormat,
      owner: row.owner,
      leaseUntil: row.lease,
      startId: row.start,
      endId: row.end_id ?? undefined,
      createdAt: row.created,
      finishedAt: row.finished ?? undefined,
      error: row.error ?? undefined,
      stop: row.stop === 1,
      expiresAt: row.expires ?? undefined,
    }
  }

  insert(id: string, record: StoredStream): void {
    this.#sql.exec(
      `INSERT INTO ssekit_resumable (k, stream, state, format, owner, lease, start, created)
       VALUES (0, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      record.state,
      record.format,
      record.owner,
      record.leaseUntil,
      record.startId,
      record.createdAt,
    )
  }

  renew(leaseUntil: number): void {
    this.#sql.exec('UPDATE ssekit_resumable SET lease = ? WHERE k = 0', leaseUntil)
  }

  finish(state: Exclude<StreamState, 'running'>, now: number, error: string | undefined): void {
    this.#sql.exec(
      'UPDATE ssekit_resumable SET state = ?, finished = ?, error = ? WHERE k = 0',
      state,
      now,
      error ?? null,
    )
  }

  /** Records the end event once; resolves whether this call did. */
  ended(endId: string, expiresAt: number): boolean {
    const cursor = this.#sql.exec(
      'UPDATE ssekit_resumable SET end_id = ?, expires = ? WHERE k = 0 AND end_id IS NULL',
      endId,
      expiresAt,
    )
    return cursor.rowsWritten > 0
  }

  requestStop(): void {
    this.#sql.exec("UPDATE ssekit_resumable SET stop = 1 WHERE k = 0 AND state = 'running'")
  }

  /** Forgets the stream: the object is then as new, for the same ID or none. */
  clear(): void {
    this.#sql.exec('DELETE FROM ssekit_resumable')
  }
}
