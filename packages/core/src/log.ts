import { hooks } from './internal/hooks.ts'
import type { Logger, LogRecord } from './internal/log-record.ts'

export type { Logger, LogRecord }

/**
 * Replaces the logger of this process (every copy of `@ssekit/core` in it shares one), or puts
 * back the default with `undefined`. The default writes one JSON line per record to the console
 * (`console.info`, `console.warn` or `console.error` by level), with a `time` in ISO 8601.
 *
 * @param logger The new logger, or `undefined` for the default.
 * @returns The logger set before (`undefined` for the default), so it can be put back.
 *
 * @example Quiet ssekit in tests, then restore it
 * ```ts
 * import { setLogger } from '@ssekit/core'
 * const previous = setLogger(() => {})
 * setLogger(previous)
 * return new Response('ok')
 * ```
 */
export function setLogger(logger: Logger | undefined): Logger | undefined {
  if (logger !== undefined && typeof logger !== 'function') {
    throw new TypeError('Cannot set the logger: it must be a function or undefined')
  }
  const previous = hooks.logger
  hooks.logger = logger
  return previous
}

/**
 * Writes one record through the process's logger: how backends report outages and recoveries.
 *
 * @param record The record; `error` should be a message, never a stack.
 *
 * @example A backend that lost its connection
 * ```ts
 * import { logEvent } from '@ssekit/core/backend'
 * logEvent({ level: 'warn', event: 'ssekit.redis.outage', msg: 'Redis is unreachable' })
 * return new Response('ok')
 * ```
 */
export function logEvent(record: LogRecord): void {
  const logger = hooks.logger ?? writeJsonLine
  try {
    logger(record)
  } catch {
    // A logger that throws must not break a stream or a drain.
  }
}

function writeJsonLine(record: LogRecord): void {
  const line = JSON.stringify({ time: new Date().toISOString(), ...record })
  if (record.level === 'error') console.error(line)
  else if (record.level === 'warn') console.warn(line)
  else console.info(line)
}

/**
 * The message of an error for a log record: its `message` (never its stack), or its text.
 *
 * @param error What was thrown or rejected.
 * @returns One line.
 *
 * @example A lost connection, logged without its stack
 * ```ts
 * import { errorMessage, logEvent } from '@ssekit/core/backend'
 * const error = new Error('connect ECONNREFUSED 127.0.0.1:6379')
 * logEvent({ level: 'warn', event: 'ssekit.redis.outage', msg: 'Redis is unreachable', error: errorMessage(error) })
 * return new Response('ok')
 * ```
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
