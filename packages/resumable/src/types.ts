/**
 * Where a resumable stream is: `running` while its producer runs, then one of the three ends.
 * `done`: the producer finished. `stopped`: a stop request ended it. `failed`: the producer
 * threw, or its instance stopped renewing the lease (it died).
 *
 * @example Show a stream's state
 * ```ts
 * import type { StreamState } from '@ssekit/resumable'
 * const state: StreamState = 'running'
 * return new Response(state)
 * ```
 */
export type StreamState = 'running' | 'done' | 'stopped' | 'failed'

/**
 * How a stream's events look on the wire. `'json'`: every chunk is an event whose `data` is the
 * chunk's JSON, and the last is an `end` event whose data is `{ "state": … }`. `'ui-message-stream'`:
 * what the AI SDK's `DefaultChatTransport` reads: chunks as `data: {…}` and the end as
 * `data: [DONE]`, or an `abort` or `error` chunk for a stopped or failed stream.
 *
 * @example Stream an AI SDK answer
 * ```ts
 * import type { StreamFormat } from '@ssekit/resumable'
 * const format: StreamFormat = 'ui-message-stream'
 * return new Response(format)
 * ```
 */
export type StreamFormat = 'json' | 'ui-message-stream'

/**
 * What a backend knows of one stream.
 *
 * @example Answer a status request
 * ```ts
 * import { createResumableStreams, type StreamInfo } from '@ssekit/resumable'
 * const streams = createResumableStreams()
 * const info: StreamInfo | undefined = await streams.get('answer-1')
 * if (info === undefined) return new Response('No such stream', { status: 404 })
 * return Response.json(info)
 * ```
 */
export interface StreamInfo {
  /** The stream's ID. */
  readonly id: string
  /** Where it is. */
  readonly state: StreamState
  /** Its wire format. */
  readonly format: StreamFormat
  /** When it started, in milliseconds since the epoch. */
  readonly createdAt: number
  /** When it ended, once it has. */
  readonly finishedAt?: number | undefined
  /** Why it failed, for a `failed` stream. */
  readonly error?: string | undefined
}

/**
 * What a producer may be: a stream or an iterable of chunks (strings or JSON values), or a
 * function that makes one and is given the `AbortSignal` a stop request aborts.
 *
 * @example A producer that stops its work when the stream is stopped
 * ```ts
 * import type { Producer } from '@ssekit/resumable'
 * const producer: Producer = async function* (signal) {
 *   for (let i = 0; i < 10 && !signal.aborted; i++) yield `token ${i} `
 * }
 * return new Response(typeof producer)
 * ```
 */
export type Producer<T = unknown> =
  | ReadableStream<T>
  | AsyncIterable<T>
  | Iterable<T>
  | ((signal: AbortSignal) => ProducerSource<T> | Promise<ProducerSource<T>>)

/**
 * A producer's chunks, as a stream or an iterable.
 *
 * @example An array is a producer too
 * ```ts
 * import type { ProducerSource } from '@ssekit/resumable'
 * const source: ProducerSource<string> = ['Hello', ', ', 'world']
 * return new Response(String(source))
 * ```
 */
export type ProducerSource<T = unknown> = ReadableStream<T> | AsyncIterable<T> | Iterable<T>
