import { encode, type SSEMessage } from '@ssekit/core'
import { MESSAGE_KINDS } from '../throughput/messages.ts'

const [kind] = MESSAGE_KINDS
if (!kind) throw new Error('No message kind')

/** The small JSON events of part 1 (`event: price`, an `id:`), the ring encoded once. */
export const RING_TEXT: readonly string[] = kind.messages.map((message) =>
  encode(message as SSEMessage),
)

/** The ID the n-th event (0-based) carries, to check that a client read every event. */
export function idOf(n: number): string {
  return kind?.messages[n & kind.mask]?.id ?? ''
}

/** Bytes of a stream of `count` events. */
export function streamBytes(count: number): number {
  const encoder = new TextEncoder()
  let bytes = 0
  for (let i = 0; i < count; i++) bytes += encoder.encode(RING_TEXT[i % RING_TEXT.length]).length
  return bytes
}
