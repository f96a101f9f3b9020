import type { ChannelMessage, SubscribeOptions } from '@ssekit/channel'
import { createDurableChannel } from '@ssekit/cloudflare'
import { encode } from '@ssekit/core'
import type { ResumableStore } from '../store.ts'
import type { ResumableNamespace, ResumableStub } from './namespace.ts'
import { compareSequenceIds } from './sequence-ids.ts'

/**
 * Options for {@link durableStore}.
 *
 * @example Keep two apps' streams apart in one namespace
 * ```ts
 * import type { DurableStoreOptions } from '@ssekit/resumable/cloudflare'
 * const options: DurableStoreOptions = { prefix: 'chat:' }
 * return new Response(options.prefix)
 * ```
 */
export interface DurableStoreOptions {
  /** Put before each stream ID to name its object. @defaultValue `''` */
  prefix?: string | undefined
}

/**
 * A {@link ResumableStore} whose streams live in Durable Objects, one per stream, reached from
 * any Worker isolate. A producer that runs in the Worker (the drop-in's `makeStream`) hears a
 * stop request at its next lease renewal; one that runs in the object, at once.
 *
 * @param namespace The binding of a `ResumableStreamObject` class.
 * @param options A prefix of the objects' names.
 * @returns The store.
 *
 * @example Worker-side producers over Durable Objects
 * ```ts
 * import { createResumableStreams } from '@ssekit/resumable'
 * import { durableStore, type ResumableStreamObject } from '@ssekit/resumable/cloudflare'
 * const env = {} as { STREAMS: DurableObjectNamespace<ResumableStreamObject> }
 * const streams = createResumableStreams({ store: durableStore(env.STREAMS) })
 * return streams.subscribe(request, 'answer-1')
 * ```
 */
export function durableStore(
  namespace: ResumableNamespace,
  options: DurableStoreOptions = {},
): ResumableStore {
  const { prefix = '' } = options
  if (typeof prefix !== 'string') {
    throw new TypeError('Cannot create the store: option `prefix` must be a string')
  }
  const stub = (id: string): ResumableStub => namespace.get(namespace.idFromName(prefix + id))
  const orUndefined = <T>(value: T | null) => value ?? undefined
  return {
    create: async (id, init) => orUndefined(await stub(id).createStream(id, init)),
    get: async (id) => orUndefined(await stub(id).getStream()),
    append: (id, message: ChannelMessage) => stub(id).append(encode(message), 'default'),
    renew: (id, owner, leaseUntil) => stub(id).renewStream(owner, leaseUntil),
    claim: (id, state, condition, now, error) => stub(id).claimStream(state, condition, now, error),
    ended: (id, endId, ttl) => stub(id).endedStream(endId, ttl),
    requestStop: (id) => stub(id).requestStop(),
    // A Worker cannot hear the object: the producer's lease renewal answers 'stop' instead.
    watchStop: () => () => {},
    subscribe: (request: Request, id: string, options: SubscribeOptions) =>
      createDurableChannel(namespace, prefix + id).subscribe(request, options),
    compareIds: compareSequenceIds,
    close: async () => {},
  }
}
