import type { ChannelNamespace, ChannelStub } from '@ssekit/cloudflare'
import type { ClaimCondition, StoredStream } from '../store.ts'
import type { StreamFormat, StreamState } from '../types.ts'

/**
 * The methods of a `ResumableStreamObject` stub that the Worker calls, besides the channel's.
 *
 * @example Ask a stream's object for its record
 * ```ts
 * import type { ResumableStub } from '@ssekit/resumable/cloudflare'
 * const stub = {} as ResumableStub
 * return Response.json(await stub.getStream())
 * ```
 */
export interface ResumableStub extends ChannelStub {
  /** Creates the stream and runs its producer in the object. */
  run(
    id: string,
    input: unknown,
    format: StreamFormat,
    createdAt: number,
  ): Promise<StoredStream | null>
  /** Creates the stream, for a producer that runs in the Worker. */
  createStream(
    id: string,
    init: { owner: string; leaseUntil: number; format: StreamFormat; createdAt: number },
  ): Promise<StoredStream | null>
  /** The record, or `null`. */
  getStream(): Promise<StoredStream | null>
  /** Extends the owner's lease. */
  renewStream(owner: string, leaseUntil: number): Promise<'running' | 'stop' | 'lost'>
  /** Ends the stream if the condition holds. */
  claimStream(
    state: Exclude<StreamState, 'running'>,
    condition: ClaimCondition,
    now: number,
    error?: string,
  ): Promise<boolean>
  /** Records the end event and sets the expiry. */
  endedStream(endId: string, ttl: number): Promise<void>
  /** Asks the producer to stop. */
  requestStop(): Promise<void>
}

/**
 * A Durable Object binding of `ResumableStreamObject` or a subclass, as a shape (a namespace of
 * a subclass is not assignable to `DurableObjectNamespace<ResumableStreamObject>`).
 *
 * @example Bind a subclass
 * ```ts
 * import { createDurableStreams, type ResumableNamespace, ResumableStreamObject } from '@ssekit/resumable/cloudflare'
 * class Answers extends ResumableStreamObject {}
 * const namespace: ResumableNamespace = {} as DurableObjectNamespace<Answers>
 * return createDurableStreams(namespace).subscribe(request, 'answer-1')
 * ```
 */
export interface ResumableNamespace extends ChannelNamespace {
  /** A stub of the object with this ID. */
  get(id: DurableObjectId): ResumableStub
}
