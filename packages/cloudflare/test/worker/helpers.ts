import { env } from 'cloudflare:workers'
import type { Channel } from '@ssekit/channel'
import { type EventStreamReader, readEventStream } from '@ssekit/testkit/event-stream'
import { type ChannelNamespace, createDurableChannel } from '../../src/index.ts'

type Namespace = ChannelNamespace

/** A channel of the tests, with the name of its Durable Object. */
export type DurableChannel = Channel & { readonly name: string }

/** A channel of its own for one test, in `namespace` (the plain object by default). */
export function freshChannel(
  namespace: Namespace = env.CHANNELS,
  options?: Parameters<typeof createDurableChannel>[2],
): DurableChannel {
  const name = crypto.randomUUID()
  return Object.assign(createDurableChannel(namespace, name, options), { name })
}

/** The stub of a channel's object in `namespace`, to ask it over RPC. */
export function objectOf<O extends Rpc.DurableObjectBranded>(
  channel: DurableChannel,
  namespace: DurableObjectNamespace<O>,
): DurableObjectStub<O> {
  return namespace.get(namespace.idFromName(channel.name))
}

/** A GET for the event stream, resuming after `lastEventId` if given. */
export function eventsRequest(lastEventId?: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers)
  if (lastEventId !== undefined) headers.set('last-event-id', lastEventId)
  return new Request('https://channel.test/events', { ...init, headers })
}

/** Reads a subscribe's stream, giving up on silence so a missing event fails instead of hangs. */
export async function open(response: Promise<Response> | Response): Promise<EventStreamReader> {
  return readEventStream(await response, { timeoutMs: 5000 })
}

/** The IDs of the events read so far. */
export function ids(stream: EventStreamReader): (string | undefined)[] {
  return stream.events.map((event) => event.id)
}

/** Publishes `data` texts one after another; resolves their IDs. */
export async function publishAll(channel: DurableChannel, texts: string[]): Promise<string[]> {
  const published: string[] = []
  for (const data of texts) published.push(await channel.publish({ data }))
  return published
}
