import type { FeedChannel, FeedEvents } from '@ssekit/app'

/**
 * The feed over Redis Streams when `url` is set (every process started with the same URL shares
 * it), else `undefined`: the app's in-memory feed. The Redis packages load only when used, so
 * the default stays zero-setup. ioredis's `debug` dependency lists every environment variable
 * when it loads, so the app runs with full `--allow-env` when `REDIS_URL` is set (deno.json's
 * `start:redis` task).
 */
export async function redisFeed(url: string | undefined): Promise<FeedChannel | undefined> {
  if (!url) return undefined
  const [{ createRedisChannel, ioredisAdapter }, { Redis }] = await Promise.all([
    import('@ssekit/redis'),
    import('ioredis'),
  ])
  // The client is only a template: the channel opens (and closes) connections of its own.
  const redis = ioredisAdapter(new Redis(url, { lazyConnect: true }))
  // Browsers wait about 3 s before reconnecting; one second keeps the demo snappy.
  return createRedisChannel<FeedEvents>({ name: 'feed', redis, retry: 1000 })
}
