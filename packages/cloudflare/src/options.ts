import type { SubscriberDefaults } from '@ssekit/channel'
import type { EncodeOptions } from '@ssekit/core'
import { checkRetryOption } from '@ssekit/core/backend'

/**
 * Options for {@link createDurableChannel}: the subscriber defaults of the in-memory channel, the
 * serializer, and what clients are told when the channel's object goes away.
 *
 * @example Snappy reconnects after a deploy
 * ```ts
 * import { createDurableChannel, type DurableChannelOptions, type SSEChannelObject } from '@ssekit/cloudflare'
 * const env = {} as { CHANNELS: DurableObjectNamespace<SSEChannelObject> }
 * const options: DurableChannelOptions = { retryAfterReset: 500, heartbeat: 20_000 }
 * return createDurableChannel(env.CHANNELS, 'prices', options).subscribe(request)
 * ```
 */
export interface DurableChannelOptions extends SubscriberDefaults, EncodeOptions {
  /**
   * Milliseconds a client should wait before it reconnects when the object resets (a deploy, an
   * eviction that closes its sockets) or cannot be reached: its stream ends with this `retry:`,
   * and it resumes from its last ID. A mid-stream error status would stop an `EventSource`. A
   * publish that fails then rejects with a `ChannelUnavailableError` whose `retryAfter` is this
   * wait in whole seconds.
   * @defaultValue 1000
   */
  retryAfterReset?: number | undefined
}

/** The `retryAfterReset` used when none is given. */
export const DEFAULT_RETRY_AFTER_RESET = 1000

/** Checks `retryAfterReset` where the channel is made, so a typo fails at once. */
export function checkRetryAfterReset(retry: unknown): number {
  if (retry === undefined) return DEFAULT_RETRY_AFTER_RESET
  return checkRetryOption(retry, 'create the channel', 'retryAfterReset')
}
