/**
 * The longest stream ID accepted, in characters.
 *
 * @example Size a form field for stream IDs
 * ```ts
 * import { MAX_STREAM_ID_LENGTH } from '@ssekit/resumable'
 * return new Response(`<input name="id" maxlength="${MAX_STREAM_ID_LENGTH}">`)
 * ```
 */
export const MAX_STREAM_ID_LENGTH = 128

// Letters, digits and `_ - . : ~`: what nanoid, UUIDs and `chat:42` keys use, and nothing that
// needs escaping in a URL path segment, a Redis key or a Durable Object name.
const STREAM_ID = /^[A-Za-z0-9_.:~-]+$/

/**
 * Checks a stream ID where it enters the API, so a bad one fails with a message naming it.
 *
 * @param id The ID to check.
 * @param action What was being done, for the message: `start`, `subscribe`, …
 * @returns The ID.
 * @throws {TypeError} It is not a string.
 * @throws {RangeError} It is empty, longer than 128 characters, or has another character than
 *   letters, digits, `_`, `-`, `.`, `:` and `~`.
 *
 * @example Reject a stream ID from a URL before using it
 * ```ts
 * import { checkStreamId } from '@ssekit/resumable'
 * try {
 *   checkStreamId(new URL(request.url).searchParams.get('id'), 'subscribe')
 * } catch (error) {
 *   return new Response((error as Error).message, { status: 400 })
 * }
 * return new Response('ok')
 * ```
 */
export function checkStreamId(id: unknown, action: string): string {
  if (typeof id !== 'string') {
    throw new TypeError(`Cannot ${action}: the stream ID must be a string, got ${typeof id}`)
  }
  if (id.length === 0 || id.length > MAX_STREAM_ID_LENGTH) {
    throw new RangeError(
      `Cannot ${action}: the stream ID must be 1 to ${MAX_STREAM_ID_LENGTH} characters long, got ${id.length}`,
    )
  }
  if (!STREAM_ID.test(id)) {
    throw new RangeError(
      `Cannot ${action}: the stream ID may hold only letters, digits and \`_ - . : ~\`, got ${JSON.stringify(id)}`,
    )
  }
  return id
}
