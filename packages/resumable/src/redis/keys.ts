/**
 * Where one stream lives in Redis, under the store's prefix `P`: its record is the hash
 * `P<id>`, and its events are the channel `P<id>:` of `@ssekit/redis` (a clock hash `P<id>:`
 * and one Redis Stream per topic, `P<id>::default` and `P<id>::control`). The channel's key
 * names follow `@ssekit/redis`'s layout; a test checks they still do.
 */
export interface StreamKeys {
  /** The record hash. */
  readonly record: string
  /** The channel's name, with `channelPrefix` as its `keyPrefix`. */
  readonly channelName: string
  /** Every key of the stream: the record first, then the channel's. */
  readonly all: readonly string[]
}

/** The keys of stream `id` under `prefix`. IDs are checked: no character needs escaping. */
export function streamKeys(prefix: string, id: string): StreamKeys {
  const record = `${prefix}${id}`
  const channelName = `${id}:`
  const clock = `${prefix}${encodeURIComponent(channelName)}`
  return {
    record,
    channelName,
    all: [record, clock, `${clock}:default`, `${clock}:control`],
  }
}
