import fc from 'fast-check'

/**
 * A model of what a client must see for an arbitrary message, written from the WHATWG rules
 * independently of `encode()`: either the typed error, or the parsed event and comments.
 */
export type Expected =
  | { error: 'SyntaxError' | 'RangeError' | 'TypeError' }
  | {
      event: { id: string | undefined; event: string | undefined; data: string } | undefined
      comments: string[]
      retry: number | undefined
    }

const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  // Dense in the characters that matter to the wire format.
  fc.string({ unit: fc.constantFrom('\r', '\n', '\0', ' ', ':', 'a', 'é', '🌍', '\uFEFF') }),
)

const anyRetry = fc.oneof(
  fc.nat(),
  fc.maxSafeNat(),
  fc.double(),
  fc.integer({ min: -1000, max: -1 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
  fc.string(),
)

/** Arbitrary messages with every field optional, including invalid values. */
export const anyMessage = fc.record(
  {
    data: fc.oneof(anyString, fc.jsonValue()),
    event: anyString,
    id: anyString,
    retry: anyRetry,
    comment: anyString,
  },
  { requiredKeys: [] },
)

const lines = (text: string): string[] => text.split(/\r\n|\r|\n/)

/** What the spec says the client sees for `message`. */
export function expectedFor(message: Record<string, unknown>): Expected {
  const { data, event, id, retry, comment } = message
  if (typeof retry === 'string') return { error: 'TypeError' }
  if (typeof retry === 'number' && !(Number.isSafeInteger(retry) && retry >= 0)) {
    return { error: 'RangeError' }
  }
  if (typeof id === 'string' && /[\r\n\0]/.test(id)) return { error: 'SyntaxError' }
  if (typeof event === 'string' && /[\r\n]/.test(event)) return { error: 'SyntaxError' }
  const defined = [data, event, id, retry, comment].filter((value) => value !== undefined)
  if (defined.length === 0) return { error: 'TypeError' }
  const text =
    data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data)
  return {
    event:
      text === undefined
        ? undefined
        : {
            id: id as string | undefined,
            event: (event as string | undefined) || undefined,
            data: lines(text).join('\n'),
          },
    comments: comment === undefined ? [] : lines(comment as string),
    // -0 is written as 0.
    retry: retry === undefined ? undefined : (retry as number) + 0,
  }
}
