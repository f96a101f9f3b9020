import type { Channel } from '@ssekit/channel'
import type { FeedEvents } from './feed-message.ts'
import { type Generations, localGenerations } from './generations.ts'

/**
 * The feed over Redis Streams when `url` is set (every process started with the same URL shares
 * it), else `undefined`: the app's in-memory feed. The Redis packages load only when used, so
 * the default stays zero-setup. ioredis's `debug` dependency reads every environment variable
 * when it loads: Deno runs the app with full `--allow-env` when `REDIS_URL` is set.
 *
 * @param url A `redis://` URL, or `undefined` for none.
 * @returns The channel, ready for `createApp({ feed })`.
 *
 * @example The Node app's entry
 * ```ts
 * import { createApp } from '@ssekit/app'
 * import { redisFeed } from '@ssekit/app/redis-feed'
 * const feed = await redisFeed(process.env.REDIS_URL)
 * export default createApp({ feed })
 * ```
 */
export async function redisFeed(url: string | undefined): Promise<Channel<FeedEvents> | undefined> {
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

/**
 * The generations on Redis when `url` is set (any process started with it resumes any of them),
 * else `undefined`: the app's in-memory ones. Loaded only when used, like {@link redisFeed}.
 *
 * @param url A `redis://` URL, or `undefined` for none.
 * @returns The generations, ready for `createApp({ generations })`.
 *
 * @example The Node app's entry
 * ```ts
 * import { createApp } from '@ssekit/app'
 * import { redisGenerations } from '@ssekit/app/redis-feed'
 * const generations = await redisGenerations(process.env.REDIS_URL)
 * export default createApp({ generations })
 * ```
 */
export async function redisGenerations(url: string | undefined): Promise<Generations | undefined> {
  if (!url) return undefined
  const [{ ioredisAdapter }, { createResumableStreams }, { redisStore }, { Redis }] =
    await Promise.all([
      import('@ssekit/redis'),
      import('@ssekit/resumable'),
      import('@ssekit/resumable/redis'),
      import('ioredis'),
    ])
  const store = redisStore({ redis: ioredisAdapter(new Redis(url, { lazyConnect: true })) })
  return localGenerations(createResumableStreams({ store }), store)
}
