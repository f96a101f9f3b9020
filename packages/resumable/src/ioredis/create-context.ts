import { ioredisAdapter } from '@ssekit/redis'
import { Redis } from 'ioredis'
import { contextOver, type WaitUntil } from '../drop-in/context.ts'
import type { ResumableStreamContext } from '../drop-in/types.ts'
import { redisStore } from '../redis/redis-store.ts'
import { createResumableStreams } from '../resumable-streams.ts'

/**
 * Options for {@link createResumableStreamContext}, as `resumable-stream` 2.2 names them.
 *
 * @example The options of a Next.js route
 * ```ts
 * import type { CreateResumableStreamContextOptions } from '@ssekit/resumable/ioredis'
 * const options: CreateResumableStreamContextOptions = { waitUntil: null, keyPrefix: 'my-app' }
 * return new Response(options.keyPrefix)
 * ```
 */
export interface CreateResumableStreamContextOptions {
  /** Prefix of every key: they live under `<keyPrefix>:rs:`. @defaultValue `'resumable-stream'` */
  keyPrefix?: string | undefined
  /**
   * Keeps a serverless function alive until a stream's producer is done, e.g. `after` of
   * `next/server` or `waitUntil` of `@vercel/functions`; `null` on a long-running server.
   */
  waitUntil: WaitUntil
  /** An ioredis client. Connections are duplicated from it. @defaultValue one for `REDIS_URL` */
  publisher?: Redis | undefined
  /** An ioredis client, used as `publisher` is when that is not given. @defaultValue as `publisher` */
  subscriber?: Redis | undefined
}

/**
 * Creates the context of `resumable-stream/ioredis` 2.2 on ssekit's resumable streams. The
 * chunks are stored in Redis Streams, not in the producer's memory, so any instance resumes any
 * stream even after the producer's instance is gone; a producer that throws or dies ends its
 * readers' streams instead of leaving them open.
 *
 * @param options `waitUntil`, `keyPrefix`, and optional ioredis clients.
 * @returns `resumableStream`, `resumeExistingStream`, `createNewResumableStream`, `hasExistingStream`.
 * @throws {TypeError} A client is not an ioredis client, or no client and no `REDIS_URL`.
 *
 * @example The AI SDK's resume route, unchanged but for the import
 * ```ts
 * import { createResumableStreamContext } from '@ssekit/resumable/ioredis'
 * const streamContext = createResumableStreamContext({ waitUntil: null })
 * const stream = await streamContext.resumeExistingStream('stream-1')
 * if (!stream) return new Response(null, { status: 204 })
 * return new Response(stream.pipeThrough(new TextEncoderStream()), {
 *   headers: { 'content-type': 'text/event-stream' },
 * })
 * ```
 * @see https://github.com/vercel/resumable-stream#readme
 */
export function createResumableStreamContext(
  options: CreateResumableStreamContextOptions,
): ResumableStreamContext {
  const { waitUntil, keyPrefix = 'resumable-stream' } = options
  if (waitUntil !== null && waitUntil !== undefined && typeof waitUntil !== 'function') {
    throw new TypeError('Cannot create the context: `waitUntil` must be a function or null')
  }
  const client = options.publisher ?? options.subscriber ?? defaultClient()
  if (!(client instanceof Redis) && typeof (client as Redis)?.duplicate !== 'function') {
    throw new TypeError(
      'Cannot create the context: `publisher` and `subscriber` must be ioredis clients',
    )
  }
  const store = redisStore({ redis: ioredisAdapter(client), keyPrefix: `${keyPrefix}:rs:` })
  return contextOver(createResumableStreams({ store }), waitUntil)
}

function defaultClient(): Redis {
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
  const url = env?.REDIS_URL || env?.KV_URL
  if (url === undefined || url === '') {
    throw new TypeError('Cannot create the context: pass `publisher`, or set REDIS_URL')
  }
  return new Redis(url, { lazyConnect: true })
}
