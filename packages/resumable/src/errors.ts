/**
 * `start()` was given the ID of a stream that exists (running, or finished and not yet
 * expired). Over HTTP, answer it `409 Conflict`; to attach to the stream, subscribe instead.
 *
 * @example Start a stream once
 * ```ts
 * import { createResumableStreams, StreamExistsError } from '@ssekit/resumable'
 * const streams = createResumableStreams()
 * try {
 *   await streams.start('answer-1', ['Hello'])
 * } catch (error) {
 *   if (!(error instanceof StreamExistsError)) throw error
 * }
 * return streams.subscribe(request, 'answer-1')
 * ```
 */
export class StreamExistsError extends Error {
  /** The ID that is taken. */
  readonly streamId: string

  /** @param streamId The ID that is taken. */
  constructor(streamId: string) {
    super(`Cannot start: a stream with ID ${JSON.stringify(streamId)} exists`)
    this.name = 'StreamExistsError'
    this.streamId = streamId
  }
}
