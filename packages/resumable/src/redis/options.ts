import type { RedisAdapter } from '@ssekit/redis'

/**
 * Options for {@link redisStore}.
 *
 * @example Keep the streams of two apps apart on one Redis
 * ```ts
 * import { createResumableStreams } from '@ssekit/resumable'
 * import { redisStore, type RedisStoreOptions } from '@ssekit/resumable/redis'
 * import { ioredisAdapter } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const redis = ioredisAdapter(new Redis({ lazyConnect: true }))
 * const options: RedisStoreOptions = { redis, keyPrefix: 'chat-app:streams:' }
 * return createResumableStreams({ store: redisStore(options) }).subscribe(request, 'a1')
 * ```
 */
export interface RedisStoreOptions {
  /** The Redis server, e.g. `ioredisAdapter(client)` of `@ssekit/redis`. */
  redis: RedisAdapter
  /** Prefix of every key. @defaultValue `'ssekit:resumable:'` */
  keyPrefix?: string | undefined
  /** `XREAD BLOCK` ms of the process's reader (see `@ssekit/redis`). @defaultValue 5000 */
  blockMs?: number | undefined
}
