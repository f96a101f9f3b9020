import type { EncodeOptions, SubscribeOptions, SubscriberDefaults } from '@ssekit/core'
import { DEFAULT_TOPIC } from '@ssekit/core/backend'

/**
 * Options for {@link durableChannel}: the subscriber defaults of the in-memory channel, the
 * serializer, and what clients are told when the channel's object goes away.
 *
 * @example Snappy reconnects after a deploy
 * ```ts
 * import { type DurableChannelOptions, durableChannel, type SSEChannelObject } from '@ssekit/cloudflare'
 * const env = {} as { CHANNELS: DurableObjectNamespace<SSEChannelObject> }
 * const options: DurableChannelOptions = { retryAfterReset: 500, heartbeat: 20_000 }
 * return durableChannel(env.CHANNELS, 'prices', options).subscribe(request)
 * ```
 */
export interface DurableChannelOptions extends SubscriberDefaults, EncodeOptions {
  /**
   * Milliseconds a client should wait before it reconnects when the object resets (a deploy, an
   * eviction that closes its sockets) or cannot be reached: its stream ends with this `retry:`,
   * and it resumes from its last ID. A mid-stream error status would stop an `EventSource`.
   * @defaultValue 1000
   */
  retryAfterReset?: number | undefined
}

/** The `retryAfterReset` used when none is given. */
export const DEFAULT_RETRY_AFTER_RESET = 1000

/** Checks `retryAfterReset` where the channel is made, so a typo fails at once. */
export function checkRetryAfterReset(retry: unknown): number {
  if (retry === undefined) return DEFAULT_RETRY_AFTER_RESET
  if (typeof retry !== 'number') {
    throw new TypeError('Cannot create the channel: option `retryAfterReset` must be a number')
  }
  if (!Number.isSafeInteger(retry) || retry < 0) {
    throw new RangeError(
      `Cannot create the channel: option \`retryAfterReset\` must be a non-negative safe integer, got ${String(retry)}`,
    )
  }
  return retry
}

/** The topics to follow, checked as the in-memory channel checks them. */
export function topicList(topics: SubscribeOptions['topics']): string[] {
  const list =
    topics === undefined ? [DEFAULT_TOPIC] : typeof topics === 'string' ? [topics] : [...topics]
  if (list.length === 0) throw new RangeError('Cannot subscribe: option `topics` names no topic')
  for (const topic of list) {
    if (typeof topic !== 'string') {
      throw new TypeError('Cannot subscribe: option `topics` must be a string or strings')
    }
  }
  return list
}
