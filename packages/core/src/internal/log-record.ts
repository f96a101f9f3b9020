/**
 * One notable thing that happened, as a structured record: a drain starting or done, a backend
 * lost or back. Expected conditions carry no stack trace; `error` holds only a message.
 *
 * @example The record of a drain that started
 * ```ts
 * import type { LogRecord } from '@ssekit/core'
 * const record: LogRecord = {
 *   level: 'info',
 *   event: 'ssekit.drain.started',
 *   msg: 'Draining 12 streams',
 *   streams: 12,
 * }
 * return new Response(JSON.stringify(record))
 * ```
 */
export interface LogRecord {
  /** `'info'` for the expected (a drain), `'warn'` for a degraded backend, `'error'` for failure. */
  readonly level: 'info' | 'warn' | 'error'
  /** A stable name to filter on, e.g. `ssekit.drain.done`, `ssekit.redis.outage`. */
  readonly event: string
  /** One sentence for a person. */
  readonly msg: string
  /** Numbers and names that go with it: `streams`, `ms`, `backend`, `error` (a message). */
  readonly [field: string]: string | number | boolean | undefined
}

/**
 * Where ssekit's records go. It must not throw; a logger that does is ignored for that record.
 *
 * @example Send the records to a logger of your own
 * ```ts
 * import { type Logger, setLogger } from '@ssekit/core'
 * const lines: string[] = []
 * const logger: Logger = (record) => void lines.push(`${record.level} ${record.event}`)
 * setLogger(logger)
 * return new Response(lines.join('\n'))
 * ```
 */
export type Logger = (record: LogRecord) => void
