import type { CloseReason } from '@ssekit/core'
import type { ResumableStore, ResumableStreams, StreamInfo } from '@ssekit/resumable'
import { type GenerationRequest, mockGeneration } from './mock-generation.ts'

/**
 * Where the demo's generations run: in this process (`ResumableStreams` of `@ssekit/resumable`,
 * in memory or on Redis), or in a Durable Object on Workers. The routes do not care which.
 */
export interface Generations {
  /** Starts a mock generation under `id`. */
  start(id: string, request: GenerationRequest): Promise<StreamInfo>
  /**
   * A reader's event stream of it. `onClose` runs once the stream closes, or at once for a `404`
   * or `204`; not when it throws.
   */
  subscribe(
    request: Request,
    id: string,
    onClose?: (reason: CloseReason) => void,
  ): Promise<Response>
  /** Stops it, from any instance. */
  stop(id: string): Promise<StreamInfo | undefined>
  /**
   * For a shutdown: ends the generations this process runs as failed ("The server shut down"),
   * so their readers anywhere get the end event now rather than when the lease runs out, then
   * lets go of connections. Where generations outlive the process (a Durable Object), none.
   */
  close?(): Promise<void>
}

/**
 * Generations that run in this process, on `streams`.
 *
 * @param streams In memory, or over Redis so that every process serves every generation.
 * @param store The store `streams` was given, if any: `close()` closes it after them.
 * @returns The generations for `createApp({ generations })`.
 */
export function localGenerations(streams: ResumableStreams, store?: ResumableStore): Generations {
  return {
    start: (id, request) => streams.start(id, (signal) => mockGeneration(request, signal)),
    subscribe: (request, id, onClose) => streams.subscribe(request, id, { retry: 1000, onClose }),
    stop: (id) => streams.stop(id),
    close: async () => {
      await streams.close()
      await store?.close()
    },
  }
}
