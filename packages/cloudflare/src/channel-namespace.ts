import type { LoggedBatch } from './event-log.ts'

/**
 * What `createDurableChannel()` needs of a Durable Object binding: a namespace bound to
 * {@link SSEChannelObject} or any subclass of it. Written as a shape rather than
 * `DurableObjectNamespace<SSEChannelObject>` because a namespace of a subclass is not assignable
 * to that type (its stub types are invariant), though it has every method used here.
 *
 * @example A binding of a subclass that keeps less history
 * ```ts
 * import { type ChannelNamespace, createDurableChannel, SSEChannelObject } from '@ssekit/cloudflare'
 * class ChatRoom extends SSEChannelObject {}
 * const binding = {} as DurableObjectNamespace<ChatRoom>
 * const namespace: ChannelNamespace = binding
 * return createDurableChannel(namespace, 'room-1').subscribe(request)
 * ```
 * @see https://developers.cloudflare.com/durable-objects/api/namespace/
 */
export interface ChannelNamespace {
  /** The ID of the object named `name`. */
  idFromName(name: string): DurableObjectId
  /** A stub of that object. */
  get(id: DurableObjectId): ChannelStub
}

/**
 * The methods of an `SSEChannelObject` stub that `createDurableChannel()` calls: any namespace whose
 * stubs have them is a {@link ChannelNamespace}.
 *
 * @example Read a channel's history over RPC
 * ```ts
 * import type { ChannelStub, SSEChannelObject } from '@ssekit/cloudflare'
 * const env = {} as { CHANNELS: DurableObjectNamespace<SSEChannelObject> }
 * const stub: ChannelStub = env.CHANNELS.getByName('room-1')
 * const { events } = await stub.readAfter('41', ['default'])
 * return new Response(events.map((event) => event.frame).join(''))
 * ```
 */
export interface ChannelStub {
  /** Opens a subscriber's WebSocket. */
  fetch(input: string, init: RequestInit): Promise<Response>
  /** Stores and broadcasts an encoded event, with its publish's `traceparent`; resolves its ID. */
  append(frame: string, topic: string, trace?: string): Promise<string>
  /** Reads the events after an ID. */
  readAfter(lastEventId: string, topics: string[]): Promise<LoggedBatch>
}
