import { RedisReplyError, RedisUnavailableError } from './errors.ts'

// Error replies that mean "not now" rather than "never": the script did not run.
const TRANSIENT = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN)\b/

/** The error a failed publish rejects with: what it means for the event, in the publisher's words. */
export function publishError(error: unknown): unknown {
  if (error instanceof RedisUnavailableError) {
    const message = error.sent
      ? 'Cannot publish: Redis did not answer (the connection was lost, or it timed out); the event may have been stored'
      : 'Cannot publish: Redis is unreachable'
    return new RedisUnavailableError(message, { sent: error.sent, cause: error })
  }
  if (error instanceof RedisReplyError && TRANSIENT.test(error.message)) {
    return new RedisUnavailableError(
      `Cannot publish: Redis is not accepting writes (${error.message})`,
      { cause: error },
    )
  }
  if (error instanceof RedisReplyError) {
    return new Error(`Cannot publish: Redis refused the event: ${error.message}`, { cause: error })
  }
  return error
}
