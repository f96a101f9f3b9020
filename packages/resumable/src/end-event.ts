import type { ChannelMessage } from '@ssekit/channel'
import type { StreamFormat, StreamState } from './types.ts'

/**
 * The name of a stream's last event. Its data names the outcome: `{"state":"done"}`,
 * `{"state":"stopped"}` or `{"state":"failed","error":"…"}` (for the `'ui-message-stream'`
 * format: `[DONE]`, an `abort` chunk, or an `error` chunk). After it the server closes the
 * stream, and a reconnect from its ID gets `204 No Content`, which stops an `EventSource`.
 *
 * @example Close an EventSource when its stream ends
 * ```ts
 * import { END_EVENT } from '@ssekit/resumable'
 * const source = new EventSource('/streams/answer-1')
 * source.addEventListener(END_EVENT, (event) => {
 *   source.close()
 *   console.log(JSON.parse((event as MessageEvent).data as string).state)
 * })
 * return new Response(END_EVENT)
 * ```
 */
export const END_EVENT = 'end'

/** The end event of a stream in `format` that ended `state`. */
export function endMessage(
  format: StreamFormat,
  state: Exclude<StreamState, 'running'>,
  error: string | undefined,
): ChannelMessage {
  if (format === 'json') {
    const data = state === 'failed' ? { state, error: error ?? 'The producer failed' } : { state }
    return { event: END_EVENT, data: JSON.stringify(data) }
  }
  // The AI SDK skips `[DONE]` and reads the others as UI message chunks of their own types.
  if (state === 'done') return { event: END_EVENT, data: '[DONE]' }
  if (state === 'stopped') return { event: END_EVENT, data: '{"type":"abort","reason":"stopped"}' }
  return {
    event: END_EVENT,
    data: JSON.stringify({ type: 'error', errorText: error ?? 'The producer failed' }),
  }
}

/** A chunk as an event: its JSON as `data`, so every string and value comes back exactly. */
export function chunkMessage(chunk: unknown): ChannelMessage {
  let data: string | undefined
  try {
    data = JSON.stringify(chunk)
  } catch (error) {
    throw new TypeError('Cannot store a chunk: it is not JSON-serialisable', { cause: error })
  }
  if (data === undefined) {
    throw new TypeError(`Cannot store a chunk: a ${typeof chunk} is not a string or JSON value`)
  }
  return { data }
}
