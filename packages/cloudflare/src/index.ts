/**
 * One Server-Sent Events channel across every Cloudflare Workers isolate. A Durable Object per
 * channel keeps the history in SQLite and broadcasts each event over hibernatable WebSockets to
 * the Workers holding the clients' streams, so it sleeps (and is not billed) between events.
 *
 * @module
 */
export type { ChannelNamespace, ChannelStub } from './channel-namespace.ts'
export { SSEChannelObject } from './channel-object.ts'
export { createDurableChannel } from './durable-channel.ts'
export type { HistoryLimits } from './event-log.ts'
export type { DurableChannelOptions } from './options.ts'
