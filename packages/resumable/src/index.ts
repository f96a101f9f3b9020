/**
 * Resumable streams for AI responses and long jobs: a producer runs to its end whether or not
 * anyone reads, and any reader, on any instance, attaches from its `Last-Event-ID` and gets
 * exactly what it missed, then live chunks, then an `end` event. In memory here; across
 * processes with `@ssekit/resumable/redis`; on Cloudflare with `@ssekit/resumable/cloudflare`.
 * `@ssekit/resumable/ioredis` is a drop-in for `resumable-stream`.
 *
 * @module
 */

export { END_EVENT } from './end-event.ts'
export { StreamExistsError } from './errors.ts'
export { memoryStore } from './memory-store.ts'
export type {
  ReadOptions,
  ResumableStreamsOptions,
  ResumableSubscribeOptions,
  StartOptions,
} from './options.ts'
export { createResumableStreams, type ResumableStreams } from './resumable-streams.ts'
export type { ClaimCondition, ResumableStore, StoredStream } from './store.ts'
export { checkStreamId, MAX_STREAM_ID_LENGTH } from './stream-id.ts'
export type { Producer, ProducerSource, StreamFormat, StreamInfo, StreamState } from './types.ts'
