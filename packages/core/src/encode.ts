import type { EventMap, Serializer, SSEMessage } from './types.ts'

/**
 * Options for {@link encode}.
 *
 * @example Serialise `data` with a custom replacer
 * ```ts
 * import { type EncodeOptions, encode } from '@ssekit/core'
 * const options: EncodeOptions = {
 *   serialize: (data) => JSON.stringify(data, (_, value) => (typeof value === 'bigint' ? `${value}` : value)),
 * }
 * return new Response(encode({ data: { big: 1n } }, options))
 * ```
 */
export interface EncodeOptions {
  /**
   * Turns a non-string `data` into text.
   * @defaultValue `JSON.stringify`
   */
  serialize?: Serializer | undefined
}

// CRLF, lone CR and lone LF all end a line in an event stream (HTML §9.2.5).
const LINE_BREAKS = /\r\n|\r|\n/g
const CR_OR_LF = /[\r\n]/
const FORBIDDEN_IN_ID = /[\r\n\0]/
const RETRY_FIELD = 'Cannot encode message: `retry`'

/**
 * Encodes one message into its exact wire text, ending with the blank line that dispatches it.
 * Pure: it validates and formats, keeps no state, and has no other effect.
 *
 * @param message The event to encode.
 * @param options A replacement serializer for non-string `data`.
 * @returns The wire text, e.g. `"event: tick\ndata: 1\n\n"`.
 * @throws {SyntaxError} `event` or `id` holds CR or LF, or `id` holds U+0000.
 * @throws {RangeError} `retry` is not a non-negative safe integer.
 * @throws {TypeError} A field has the wrong type, `data` cannot be serialised, or no field is set.
 *
 * @example Encode a message by hand
 * ```ts
 * import { encode } from '@ssekit/core'
 * const text = encode({ event: 'greeting', data: 'hello\nworld', id: '1' })
 * // "id: 1\nevent: greeting\ndata: hello\ndata: world\n\n"
 * return new Response(text, { headers: { 'content-type': 'text/event-stream' } })
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
export function encode<M extends EventMap = EventMap>(
  message: SSEMessage<M>,
  options?: EncodeOptions,
): string {
  if (typeof message !== 'object' || message === null) {
    throw new TypeError('Cannot encode message: a message must be an object')
  }
  const { comment, retry, id, event, data } = message as SSEMessage
  let text = ''
  let fields = 0
  if (comment !== undefined) {
    if (typeof comment !== 'string') throw fieldType('comment', 'a string')
    text += prefixLines(': ', comment)
    fields++
  }
  if (retry !== undefined) {
    text += `retry: ${checkRetry(retry, RETRY_FIELD)}\n`
    fields++
  }
  if (id !== undefined) {
    if (typeof id !== 'string') throw fieldType('id', 'a string')
    if (FORBIDDEN_IN_ID.test(id)) {
      throw new SyntaxError('Cannot encode message: `id` cannot contain CR, LF or U+0000')
    }
    text += `id: ${id}\n`
    fields++
  }
  if (event !== undefined) {
    if (typeof event !== 'string') throw fieldType('event', 'a string')
    if (CR_OR_LF.test(event)) {
      throw new SyntaxError('Cannot encode message: `event` cannot contain CR or LF')
    }
    text += `event: ${event}\n`
    fields++
  }
  if (data !== undefined) {
    if (typeof data === 'string') text += prefixLines('data: ', data)
    else if (options?.serialize === undefined) text += `data: ${stringifyJson(data)}\n`
    else text += prefixLines('data: ', serializeWith(data, options.serialize))
    fields++
  }
  if (fields === 0) {
    throw new TypeError(
      'Cannot encode message: set at least one of `data`, `event`, `id`, `retry` or `comment`',
    )
  }
  return `${text}\n`
}

/**
 * The one check of a retry delay, for messages and options alike: a non-negative safe integer.
 * @param subject Names it in the error: ``'Cannot encode message: `retry`'``.
 * @throws {TypeError | RangeError} It is not a number, or not a non-negative safe integer.
 */
export function checkRetry(retry: unknown, subject: string): number {
  if (typeof retry !== 'number') throw new TypeError(`${subject} must be a number`)
  if (!Number.isSafeInteger(retry) || retry < 0) {
    throw new RangeError(`${subject} must be a non-negative safe integer, got ${String(retry)}`)
  }
  return retry
}

// JSON.stringify escapes every control character, so its output is always one line.
function stringifyJson(data: unknown): string {
  return serializeWith(data, JSON.stringify)
}

function serializeWith(data: unknown, serialize: Serializer): string {
  let text: unknown
  try {
    text = serialize(data)
  } catch (cause) {
    throw new TypeError('Cannot encode message: `data` could not be serialised', { cause })
  }
  if (typeof text !== 'string') {
    throw new TypeError('Cannot encode message: `data` serialised to a non-string')
  }
  return text
}

// One `prefix` line per line of `value`, so no line break in the value can start a new field.
function prefixLines(prefix: string, value: string): string {
  const hasCr = value.includes('\r')
  if (!hasCr && !value.includes('\n')) return `${prefix}${value}\n`
  const joined = hasCr
    ? value.replace(LINE_BREAKS, `\n${prefix}`)
    : value.replaceAll('\n', `\n${prefix}`)
  return `${prefix}${joined}\n`
}

function fieldType(field: string, expected: string): TypeError {
  return new TypeError(`Cannot encode message: \`${field}\` must be ${expected}`)
}

const encoder = new TextEncoder()

/**
 * A `TransformStream` from messages to event-stream bytes, for piping. An invalid message errors
 * this stream: validate with {@link encode} first where one bad message must not end the rest.
 *
 * @example Pipe messages into a response
 * ```ts
 * import { SSEEncoderStream, SSE_HEADERS } from '@ssekit/core'
 * const messages = new ReadableStream({
 *   start(controller) {
 *     controller.enqueue({ data: 'one' })
 *     controller.enqueue({ event: 'done', data: 'two' })
 *     controller.close()
 *   },
 * })
 * return new Response(messages.pipeThrough(new SSEEncoderStream()), { headers: SSE_HEADERS })
 * ```
 * @see https://developer.mozilla.org/docs/Web/API/TransformStream
 */
export class SSEEncoderStream<M extends EventMap = EventMap> extends TransformStream<
  SSEMessage<M>,
  Uint8Array
> {
  /** @param options A replacement serializer for non-string `data`. */
  constructor(options: EncodeOptions = {}) {
    super({
      transform(message, controller) {
        controller.enqueue(encoder.encode(encode(message, options)))
      },
    })
  }
}
