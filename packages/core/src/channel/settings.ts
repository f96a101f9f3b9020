import { DEFAULT_HIGH_WATER_MARK } from '../connection.ts'
import {
  DEFAULT_MAX_BUFFERED,
  DEFAULT_TOPIC,
  type SlowConsumerPolicy,
  type SubscribeOptions,
  type SubscriberDefaults,
} from './options.ts'

/** @internal A subscriber's options, checked, with the channel's defaults filled in. */
export interface SubscriberSettings {
  topics: ReadonlySet<string>
  policy: SlowConsumerPolicy
  maxBuffered: number
  /** The connection's high-water mark: replays pause when this much waits. */
  pace: number
}

/** @internal Throws `TypeError`/`RangeError` to the caller of `subscribe` for a bad option. */
export function subscriberSettings(
  options: SubscribeOptions,
  defaults: SubscriberDefaults,
): SubscriberSettings {
  const maxBuffered = options.maxBuffered ?? defaults.maxBuffered ?? DEFAULT_MAX_BUFFERED
  if (!(maxBuffered > 0)) throw new RangeError('`maxBuffered` must be a positive number of bytes')
  const policy = options.slowConsumer ?? defaults.slowConsumer ?? 'disconnect'
  if (policy !== 'disconnect' && policy !== 'drop-oldest') {
    throw new TypeError("`slowConsumer` must be 'disconnect' or 'drop-oldest'")
  }
  return {
    topics: topicSet(options.topics),
    policy,
    maxBuffered,
    // Half the budget at most, so a paced replay leaves room for live events meanwhile.
    pace: Math.min(DEFAULT_HIGH_WATER_MARK, Math.max(1, Math.floor(maxBuffered / 2))),
  }
}

function topicSet(topics: SubscribeOptions['topics']): ReadonlySet<string> {
  const list =
    topics === undefined ? [DEFAULT_TOPIC] : typeof topics === 'string' ? [topics] : topics
  if (list.length === 0) throw new RangeError('`topics` must name at least one topic')
  for (const topic of list) {
    if (typeof topic !== 'string') throw new TypeError('`topics` must be a string or strings')
  }
  return new Set(list)
}
