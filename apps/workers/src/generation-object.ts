import { type GenerationRequest, type Generations, mockGeneration } from '@ssekit/app'
import { createDurableStreams, ResumableStreamObject } from '@ssekit/resumable/cloudflare'

/**
 * The Durable Object of one `/generations` stream: the mock generation runs here, so it goes on
 * after the request that started it has ended (Workers cut that request's `waitUntil` work 30 s
 * after its response), and any isolate reads it.
 */
export class GenerationObject extends ResumableStreamObject<GenerationRequest> {
  override produce(request: GenerationRequest, signal: AbortSignal): AsyncGenerator<string> {
    return mockGeneration(request, signal)
  }
}

/** The app's generations over the GENERATIONS binding. */
export function durableGenerations(
  namespace: DurableObjectNamespace<GenerationObject>,
): Generations {
  const streams = createDurableStreams<GenerationRequest>(namespace)
  return {
    start: (id, request) => streams.start(id, request),
    subscribe: (request, id, onClose) => streams.subscribe(request, id, { retry: 1000, onClose }),
    stop: (id) => streams.stop(id),
  }
}
