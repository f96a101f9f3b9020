import { contextOver, type WaitUntil } from '../drop-in/context.ts'
import type { ResumableStreamContext } from '../drop-in/types.ts'
import { createResumableStreams } from '../resumable-streams.ts'
import { durableStore } from './durable-store.ts'
import type { ResumableNamespace } from './namespace.ts'

/**
 * Options for the Workers {@link createResumableStreamContext}: those of `resumable-stream`,
 * with a Durable Object binding in place of the Redis clients.
 *
 * @example The options in a Worker's fetch handler
 * ```ts
 * import type { ContextOptions, ResumableStreamObject } from '@ssekit/resumable/cloudflare'
 * const env = {} as { STREAMS: DurableObjectNamespace<ResumableStreamObject> }
 * const ctx = {} as ExecutionContext
 * const options: ContextOptions = { waitUntil: (promise) => ctx.waitUntil(promise), namespace: env.STREAMS }
 * return new Response(typeof options.waitUntil)
 * ```
 */
export interface ContextOptions {
  /** The request's `ctx.waitUntil`: the producer runs in this Worker, within its limits. */
  waitUntil: WaitUntil
  /** The binding of a `ResumableStreamObject` class. */
  namespace: ResumableNamespace
  /** Put before each stream ID to name its object. @defaultValue `'resumable-stream'` */
  keyPrefix?: string | undefined
}

/**
 * The API of `resumable-stream` 2.2 on Cloudflare Workers, over Durable Objects, where the
 * peer, which needs a TCP Redis, cannot run. `makeStream()` runs in the Worker, kept alive by
 * `waitUntil`, which Workers cut 30 s after the response ends: for longer producers, run them
 * in the object with `createDurableStreams()`.
 *
 * @param options `waitUntil`, the binding, and a key prefix.
 * @returns `resumableStream`, `resumeExistingStream`, `createNewResumableStream`, `hasExistingStream`.
 *
 * @example The AI SDK's chat routes on Workers
 * ```ts
 * import { createResumableStreamContext, type ResumableStreamObject } from '@ssekit/resumable/cloudflare'
 * const env = {} as { STREAMS: DurableObjectNamespace<ResumableStreamObject> }
 * const ctx = {} as ExecutionContext
 * const streamContext = createResumableStreamContext({
 *   waitUntil: (promise) => ctx.waitUntil(promise),
 *   namespace: env.STREAMS,
 * })
 * const stream = await streamContext.resumeExistingStream('stream-1')
 * if (!stream) return new Response(null, { status: 204 })
 * return new Response(stream.pipeThrough(new TextEncoderStream()))
 * ```
 */
export function createResumableStreamContext(options: ContextOptions): ResumableStreamContext {
  const { waitUntil, namespace, keyPrefix = 'resumable-stream' } = options
  if (typeof namespace?.idFromName !== 'function') {
    throw new TypeError('Cannot create the context: `namespace` must be a Durable Object binding')
  }
  const store = durableStore(namespace, { prefix: `${keyPrefix}:rs:` })
  return contextOver(createResumableStreams({ store }), waitUntil)
}
