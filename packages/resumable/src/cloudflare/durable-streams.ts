import { StreamExistsError } from '../errors.ts'
import { infoOf } from '../observe.ts'
import type { ResumableStreamsOptions } from '../options.ts'
import { createResumableStreams, type ResumableStreams } from '../resumable-streams.ts'
import { checkStreamId } from '../stream-id.ts'
import type { StreamFormat, StreamInfo } from '../types.ts'
import { durableStore } from './durable-store.ts'
import type { ResumableNamespace } from './namespace.ts'

/**
 * Resumable streams whose producers run in their Durable Objects: `start()` hands the object
 * an input, and the object's `produce()` turns it into chunks, for as long as it takes, whether
 * or not the request that started it, or any reader, is still there.
 *
 * @example Start an answer, then stream it to this client and any other
 * ```ts
 * import { createDurableStreams, type DurableStreams, type ResumableStreamObject } from '@ssekit/resumable/cloudflare'
 * const env = {} as { ANSWERS: DurableObjectNamespace<ResumableStreamObject<{ prompt: string }>> }
 * const streams: DurableStreams<{ prompt: string }> = createDurableStreams(env.ANSWERS)
 * await streams.start('answer-1', { prompt: 'Hello there' })
 * return streams.subscribe(request, 'answer-1')
 * ```
 */
export interface DurableStreams<Input = unknown> extends Omit<ResumableStreams, 'start'> {
  /**
   * Creates the stream in its object and runs the object's `produce(input, signal)` there.
   * @param id The stream's ID: it names the object.
   * @param input Handed to `produce()`; structured-cloned over RPC.
   * @param options The wire format.
   * @throws {StreamExistsError} (as a rejection) The ID is taken.
   */
  start(
    id: string,
    input: Input,
    options?: { format?: StreamFormat | undefined },
  ): Promise<StreamInfo>
}

/**
 * Creates the Worker's side of resumable streams that live, producer included, in Durable
 * Objects of a `ResumableStreamObject` subclass: one object per stream.
 *
 * @param namespace The binding of the subclass.
 * @param options The reader defaults, and the objects' lease (for the Worker's own checks).
 * @returns The streams.
 *
 * @example A Worker that starts and streams answers
 * ```ts
 * import { createDurableStreams, type ResumableStreamObject } from '@ssekit/resumable/cloudflare'
 * const env = {} as { ANSWERS: DurableObjectNamespace<ResumableStreamObject<string>> }
 * const streams = createDurableStreams<string>(env.ANSWERS, { retry: 1000 })
 * if (request.method === 'POST') await streams.start('answer-1', await request.text())
 * return streams.subscribe(request, 'answer-1')
 * ```
 */
export function createDurableStreams<Input = unknown>(
  namespace: ResumableNamespace,
  options: Omit<ResumableStreamsOptions, 'store' | 'ttl'> = {},
): DurableStreams<Input> {
  const streams = createResumableStreams({ ...options, store: durableStore(namespace) })
  return {
    async start(id, input, startOptions = {}) {
      checkStreamId(id, 'start')
      const format = startOptions.format ?? 'json'
      if (format !== 'json' && format !== 'ui-message-stream') {
        throw new TypeError("Cannot start: option `format` must be 'json' or 'ui-message-stream'")
      }
      const stub = namespace.get(namespace.idFromName(id))
      const record = await stub.run(id, input, format, Date.now())
      if (record === null) throw new StreamExistsError(id)
      return infoOf(id, record)
    },
    subscribe: (request, id, subscribeOptions) => streams.subscribe(request, id, subscribeOptions),
    read: (id, readOptions) => streams.read(id, readOptions),
    get: (id) => streams.get(id),
    stop: (id) => streams.stop(id),
    close: () => streams.close(),
  }
}
