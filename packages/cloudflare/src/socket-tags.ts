// WebSocket tags: one per topic, so a broadcast touches only that topic's followers. A socket
// whose topics do not fit the tag limits (10 tags of 256 characters) takes every event instead;
// the Worker's fan-out filters them anyway.
const MAX_TAGS = 10
const MAX_TAG_LENGTH = 256
const TOPIC_TAG = 't:'
const EVERY_TOPIC = '*'

/** The tags of a subscriber's socket: its topics, or every topic when they do not fit. */
export function socketTags(topics: readonly string[]): string[] {
  const tags = topics.map((topic) => `${TOPIC_TAG}${topic}`)
  const fits = tags.length <= MAX_TAGS && tags.every((tag) => tag.length <= MAX_TAG_LENGTH)
  return fits ? tags : [EVERY_TOPIC]
}

/** The topics a Worker sent, or `undefined` unless a non-empty array of strings. */
export function parseTopics(header: string | null): string[] | undefined {
  if (header === null) return undefined
  try {
    const topics: unknown = JSON.parse(header)
    return isStringArray(topics) && topics.length > 0 ? [...new Set(topics)] : undefined
  } catch {
    return undefined
  }
}

/** Whether `value` is an array of strings. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

/** The sockets of every subscriber to `topic`. */
export function followersOf(ctx: DurableObjectState, topic: string): WebSocket[] {
  const tagged = ctx.getWebSockets(`${TOPIC_TAG}${topic}`)
  const every = ctx.getWebSockets(EVERY_TOPIC)
  return every.length === 0 ? tagged : [...tagged, ...every]
}
