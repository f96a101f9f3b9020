/**
 * Resumable streams across processes, on Redis: each stream is a channel of `@ssekit/redis`
 * (Redis Streams) and a record beside it.
 *
 * @module
 */

export type { RedisStoreOptions } from './options.ts'
export { redisStore } from './redis-store.ts'
