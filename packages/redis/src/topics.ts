import type { SubscribeOptions } from '@ssekit/core'
import { DEFAULT_TOPIC } from '@ssekit/core/backend'

/** The distinct topics a subscriber follows, or `undefined` when the option is malformed. */
export function topicList(topics: SubscribeOptions['topics']): string[] | undefined {
  const list =
    topics === undefined ? [DEFAULT_TOPIC] : typeof topics === 'string' ? [topics] : topics
  if (!Array.isArray(list) || list.length === 0) return undefined
  if (list.some((topic) => typeof topic !== 'string')) return undefined
  return [...new Set(list as string[])]
}
