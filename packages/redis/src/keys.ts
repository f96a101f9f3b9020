/**
 * Where a channel lives in Redis. Each topic is one stream, `<prefix><name>:<topic>`, and the
 * channel's clock is one hash, `<prefix><name>`, holding the last ID it issued (`last`) and the
 * first (`origin`). Name and topic are URI-encoded, so no two channels or topics share a key.
 */
export interface ChannelKeys {
  /** The hash with the channel's clock. */
  readonly meta: string
  /** The stream of one topic. */
  stream(topic: string): string
}

/** The keys of channel `name` under `prefix`. */
export function channelKeys(prefix: string, name: string): ChannelKeys {
  const meta = `${prefix}${encodeURIComponent(name)}`
  return { meta, stream: (topic) => `${meta}:${encodeURIComponent(topic)}` }
}
