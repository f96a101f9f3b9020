import type { ResumableStreams, StreamInfo } from '@ssekit/resumable'
import { type GenerationRequest, mockGeneration } from './mock-generation.ts'

/**
 * Where the demo's generations run: in this process (`ResumableStreams` of `@ssekit/resumable`,
 * in memory or on Redis), or in a Durable Object on Workers. The routes do not care which.
 */
export interface Generations {
  /** Starts a mock generation under `id`. */
  start(id: string, request: GenerationRequest): Promise<StreamInfo>
  /** A reader's event stream of it. */
  subscribe(request: Request, id: string): Promise<Response>
  /** Stops it, from any instance. */
  stop(id: string): Promise<StreamInfo | undefined>
}

/**
 * Generations that run in this process, on `streams`.
 *
 * @param streams In memory, or over Redis so that every process serves every generation.
 * @returns The generations for `createApp({ generations })`.
 */
export function localGenerations(streams: ResumableStreams): Generations {
  return {
    start: (id, request) => streams.start(id, (signal) => mockGeneration(request, signal)),
    subscribe: (request, id) => streams.subscribe(request, id, { retry: 1000 }),
    stop: (id) => streams.stop(id),
  }
}
