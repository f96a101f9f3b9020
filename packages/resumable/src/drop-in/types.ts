/**
 * What `createResumableStreamContext()` returns: the API of `resumable-stream` 2.2, with its
 * return values, so code written for it runs unchanged.
 *
 * @example Resume a chat stream from a GET route
 * ```ts
 * import { createResumableStreamContext, type ResumableStreamContext } from '@ssekit/resumable/ioredis'
 * const context: ResumableStreamContext = createResumableStreamContext({ waitUntil: null })
 * const stream = await context.resumeExistingStream('chat-1')
 * if (stream === undefined) return new Response('No such stream', { status: 404 })
 * if (stream === null) return new Response(null, { status: 204 })
 * return new Response(stream.pipeThrough(new TextEncoderStream()))
 * ```
 */
export interface ResumableStreamContext {
  /**
   * Creates the stream if it is new (`makeStream` is called only then) and returns its chunks;
   * or resumes it if it runs, from the first chunk (less `skipCharacters` characters).
   * @returns The chunks, or `null` if the stream has ended.
   */
  resumableStream(
    streamId: string,
    makeStream: () => ReadableStream<string>,
    skipCharacters?: number,
  ): Promise<ReadableStream<string> | null>
  /**
   * Resumes a running stream from its first chunk, less `skipCharacters` characters.
   * @returns The chunks; `null` if the stream has ended; `undefined` if there is none.
   */
  resumeExistingStream(
    streamId: string,
    skipCharacters?: number,
  ): Promise<ReadableStream<string> | null | undefined>
  /**
   * Starts a new stream from `makeStream()` and returns its chunks. For an ID in use it behaves
   * as `resumableStream` does (a second producer is never started).
   * @returns The chunks, or `null` if a stream with this ID has ended.
   */
  createNewResumableStream(
    streamId: string,
    makeStream: () => ReadableStream<string>,
    skipCharacters?: number,
  ): Promise<ReadableStream<string> | null>
  /** `null`: no such stream; `true`: it runs; `'DONE'`: it has ended. */
  hasExistingStream(streamId: string): Promise<null | true | 'DONE'>
}
