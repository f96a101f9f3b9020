/**
 * Resumable streams on Cloudflare Workers: one Durable Object per stream holds its events, its
 * record and, with `createDurableStreams()`, its producer, which outlives the request that
 * started it. `createResumableStreamContext()` is the `resumable-stream` API over the same objects.
 *
 * @module
 */

export { type ContextOptions, createResumableStreamContext } from './create-context.ts'
export { type DurableStoreOptions, durableStore } from './durable-store.ts'
export { createDurableStreams, type DurableStreams } from './durable-streams.ts'
export type { ResumableNamespace, ResumableStub } from './namespace.ts'
export { ResumableStreamObject } from './stream-object.ts'
