const encoder = new TextEncoder()

/**
 * Joins what waits in an outbox into one chunk: `first`, then `rest` in order. Text is encoded
 * once for the whole chunk when there are no pre-encoded bytes among the pieces (or left as text
 * with `keepText`, for a target that encodes it itself); a lone piece of bytes (a channel's
 * shared event) goes out as it is, without a copy.
 */
export function toChunk(
  first: string | Uint8Array,
  rest: readonly (string | Uint8Array)[] | undefined,
  hasBytes: boolean,
  keepText = false,
): Uint8Array | string {
  if (rest === undefined || rest.length === 0) {
    return typeof first === 'string' && !keepText ? encoder.encode(first) : first
  }
  // One join over every piece: `first + rest.join('')` would make a rope that encode() flattens,
  // copying each large chunk once more.
  const pieces = [first, ...rest]
  if (!hasBytes) {
    const text = pieces.join('')
    return keepText ? text : encoder.encode(text)
  }
  const parts = pieces.map((piece) => (typeof piece === 'string' ? encoder.encode(piece) : piece))
  const chunk = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    chunk.set(part, offset)
    offset += part.length
  }
  return chunk
}
