import { compareTimeOrderedIds } from '@ssekit/channel/backend'

// 2^64 - 1: the largest part of a Redis stream ID, milliseconds or sequence.
const MAX_PART = '18446744073709551615'
// The largest stream ID: nothing can follow it, and Redis refuses to read after it.
const MAX_ID = `${MAX_PART}-${MAX_PART}`

/**
 * Whether Redis can read what follows `id` (an exclusive `XRANGE` start): `<milliseconds>-<sequence>`
 * in plain digits, each part below 2^64, and not the largest such ID. Any other ID a client sends,
 * however it orders against the history, is one this channel never issued: asking Redis for what
 * follows it would only get an error reply.
 */
export function isResumableStreamId(id: string): boolean {
  if (Number.isNaN(compareTimeOrderedIds(id, id)) || id === MAX_ID) return false
  return id.split('-').every((part) => compareTimeOrderedIds(`${part}-0`, `${MAX_PART}-0`) <= 0)
}
