const encoder = new TextEncoder()
const LF = 0x0a
const EVENT_FIELD = encoder.encode('event: ')
const DATA_FIELD = encoder.encode('data:')

/**
 * The `event:` line that names an event of type `name`, as `encode()` writes it.
 * @throws {TypeError | SyntaxError} `name` is not a non-empty string, or holds CR or LF.
 */
export function eventLine(name: unknown, option: string): Uint8Array {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`Cannot subscribe: option \`${option}\` must be a non-empty event name`)
  }
  if (/[\r\n]/.test(name)) {
    throw new SyntaxError(`Cannot subscribe: option \`${option}\` cannot contain CR or LF`)
  }
  return encoder.encode(`event: ${name}\n`)
}

/**
 * Whether an encoded event carries `line` (from {@link eventLine}) as its `event:` line. It reads
 * only the lines before the first `data:` one: `encode()` writes comments, `retry`, `id` and
 * `event` first, so a data line that reads like an `event:` line never matches.
 */
export function hasEventLine(bytes: Uint8Array, line: Uint8Array): boolean {
  let start = 0
  while (start < bytes.length && bytes[start] !== LF) {
    if (startsWith(bytes, start, DATA_FIELD)) return false
    if (startsWith(bytes, start, EVENT_FIELD)) return startsWith(bytes, start, line)
    const end = bytes.indexOf(LF, start)
    if (end < 0) return false
    start = end + 1
  }
  return false
}

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > bytes.length) return false
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false
  return true
}
