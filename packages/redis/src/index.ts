/**
 * One ssekit channel across many Node, Bun and Deno processes, on Redis Streams: the Redis entry
 * ID is the event ID on every instance, a `Last-Event-ID` resumes exactly anywhere, one blocking
 * reader per process feeds every subscriber, and nothing acknowledged is lost when Redis restarts.
 *
 * @module
 */

export type { RedisAdapter, RedisConnection, RedisReply } from './adapter.ts'
export { RedisReplyError, RedisUnavailableError } from './errors.ts'
export { ioredisAdapter } from './ioredis-adapter.ts'
export type { RedisChannelOptions } from './options.ts'
export { createRedisChannel } from './redis-channel.ts'
