import { ChannelUnavailableError } from '@ssekit/channel'
import { objectFailed } from './object-health.ts'

/** What workerd sets on the errors of a call to a Durable Object that this reads. */
interface ObjectCallError {
  /** The object was reset (a deploy, `ctx.abort()`, a broken output gate) during the call. */
  durableObjectReset?: boolean
  /** The object refused the call: it has more work than it can take. */
  overloaded?: boolean
}

/**
 * The error a publish rejects with when its call to the channel's object failed. Whatever failed
 * (a reset, an object out of reach, an error in its code), it is the backend's condition and not
 * the caller's: a `ChannelUnavailableError`, which handlers answer with `503` and `Retry-After`.
 * The object's own message stays in `cause` and the log, never in the message a client may see.
 *
 * @param error What the call to `append()` rejected with.
 * @param retryAfterReset The channel's `retryAfterReset`, in milliseconds.
 */
export function publishError(error: unknown, retryAfterReset: number): ChannelUnavailableError {
  const { durableObjectReset, overloaded } = (error ?? {}) as ObjectCallError
  // An expected condition of the platform (a deploy resets objects): one line, no stack.
  objectFailed('publish', "The channel's Durable Object could not store an event", error)
  const retryAfter = retryAfterReset / 1000
  if (overloaded === true) {
    // Refused before it ran: nothing was stored.
    return new ChannelUnavailableError(
      "Cannot publish: the channel's Durable Object is overloaded; the event was not stored",
      { retryAfter, sent: false, cause: error },
    )
  }
  // Anything else may have come after the write: workerd was seen to reset an object that had
  // stored the event before its answer left. Its subscribers may then receive it after all. An
  // error of the object's own code and a lost connection both come `remote`, so this does not
  // tell the reader which it was: the log and `cause` do.
  const message =
    durableObjectReset === true
      ? "Cannot publish: the channel's Durable Object was reset"
      : "Cannot publish: the call to the channel's Durable Object failed"
  return new ChannelUnavailableError(`${message}; the event may have been stored`, {
    retryAfter,
    sent: true,
    cause: error,
  })
}
