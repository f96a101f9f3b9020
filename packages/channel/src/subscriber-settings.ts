import { encode } from '@ssekit/core'
import { DEFAULT_HIGH_WATER_MARK } from '@ssekit/core/backend'
import { eventLine } from './event-type.ts'
import {
  DEFAULT_TOPIC,
  type SlowConsumerPolicy,
  type SubscribeOptions,
  type SubscriberDefaults,
} from './options.ts'

const encoder = new TextEncoder()

/** A subscriber's default `maxBuffered`. */
export const DEFAULT_MAX_BUFFERED: number = 256 * 1024

/** A subscriber's options, checked, with the channel's defaults filled in. */
export interface SubscriberSettings {
  topics: ReadonlySet<string>
  policy: SlowConsumerPolicy
  maxBuffered: number
  /** The connection's high-water mark: replays pause when this much waits. */
  pace: number
  /** The `initialEvent`, encoded. */
  initialEvent: Uint8Array | undefined
  /** The `event:` line of `closeAfter`, encoded. */
  closeAfter: Uint8Array | undefined
}

/**
 * Throws `TypeError`/`RangeError` to the caller of `subscribe` (or of `createChannel`, for a bad
 * default: `action` names which) for a bad option.
 */
export function subscriberSettings(
  options: SubscribeOptions,
  defaults: SubscriberDefaults,
  action = 'subscribe',
): SubscriberSettings {
  const maxBuffered = options.maxBuffered ?? defaults.maxBuffered ?? DEFAULT_MAX_BUFFERED
  if (!(maxBuffered > 0)) {
    throw new RangeError(
      `Cannot ${action}: option \`maxBuffered\` must be a positive number of bytes, got ${String(maxBuffered)}`,
    )
  }
  const policy = options.slowConsumer ?? defaults.slowConsumer ?? 'disconnect'
  if (policy !== 'disconnect' && policy !== 'drop-oldest') {
    throw new TypeError(
      `Cannot ${action}: option \`slowConsumer\` must be 'disconnect' or 'drop-oldest', got ${String(policy)}`,
    )
  }
  return {
    topics: subscribedTopics(options.topics),
    policy,
    maxBuffered,
    // Half the budget at most, so a paced replay leaves room for live events meanwhile.
    pace: Math.min(DEFAULT_HIGH_WATER_MARK, Math.max(1, Math.floor(maxBuffered / 2))),
    initialEvent: encodeInitialEvent(options.initialEvent),
    closeAfter:
      options.closeAfter === undefined ? undefined : eventLine(options.closeAfter, 'closeAfter'),
  }
}

function encodeInitialEvent(message: SubscribeOptions['initialEvent']): Uint8Array | undefined {
  if (message === undefined) return undefined
  if (typeof message === 'object' && message !== null && message.id !== undefined) {
    throw new TypeError('Cannot subscribe: option `initialEvent` cannot have an `id`')
  }
  try {
    return encoder.encode(encode(message))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const text = `Cannot subscribe: option \`initialEvent\` is invalid: ${reason}`
    if (error instanceof SyntaxError) throw new SyntaxError(text, { cause: error })
    if (error instanceof RangeError) throw new RangeError(text, { cause: error })
    throw new TypeError(text, { cause: error })
  }
}

/**
 * The topics a subscriber follows, from its `topics` option: the one check every backend makes.
 *
 * @param topics The option as given.
 * @returns The topics, without repeats.
 * @throws {TypeError} It is neither a string nor an array of strings.
 * @throws {RangeError} It names no topic.
 *
 * @example What a backend reads before it follows a subscriber's streams
 * ```ts
 * import { subscribedTopics } from '@ssekit/channel/backend'
 * const topics = subscribedTopics(['room-1', 'room-2', 'room-1'])
 * return new Response([...topics].join(','))
 * ```
 */
export function subscribedTopics(topics: SubscribeOptions['topics']): ReadonlySet<string> {
  const list =
    topics === undefined ? [DEFAULT_TOPIC] : typeof topics === 'string' ? [topics] : topics
  if (!Array.isArray(list)) {
    throw new TypeError('Cannot subscribe: option `topics` must be a string or strings')
  }
  if (list.length === 0) throw new RangeError('Cannot subscribe: option `topics` names no topic')
  for (const topic of list) {
    if (typeof topic !== 'string') {
      throw new TypeError('Cannot subscribe: option `topics` must be a string or strings')
    }
  }
  return new Set(list)
}
