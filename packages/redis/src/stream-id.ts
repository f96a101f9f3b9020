import { compareTimeOrderedIds } from '@ssekit/channel/backend'

// 2^64 - 1: the largest part of a Redis stream ID, milliseconds or sequence.
const MAX_PART = '18446744073709551615'

/**
 * Whether Redis takes `id` as a stream entry ID: `<milliseconds>-<sequence>` in plain digits, each
 * part below 2^64. Any other ID a client sends, however it orders against the history, is one this
 * channel never issued: asking Redis for what follows it would only get an error reply.
 */
export function isStreamId(id: string): boolean {
  if (Number.isNaN(compareTimeOrderedIds(id, id))) return false
  return id
    .split('-')
    .every(
      (part) =>
        part.length < MAX_PART.length || (part.length === MAX_PART.length && part <= MAX_PART),
    )
}
