/** A chat message as the feed publishes it. */
export interface FeedMessage {
  /** Who wrote it: 1 to 40 characters, no control characters. */
  from: string
  /** What they wrote: 1 to 1000 characters; line breaks allowed. */
  text: string
}

/** The largest `POST /events` body accepted, in bytes. */
export const MAX_FEED_BODY_BYTES = 4096
const MAX_FROM = 40
const MAX_TEXT = 1000

// C0 and C1 controls and DEL; `text` may still hold line breaks and tabs.
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f)
const BREAKS = new Set([0x09, 0x0a, 0x0d])

/**
 * Checks a parsed JSON body: an object with exactly `from` and `text`, both non-blank strings
 * within bounds.
 *
 * @param body The parsed JSON.
 * @returns The message, trimmed.
 * @throws {TypeError} Naming the field that is wrong.
 */
export function parseFeedMessage(body: unknown): FeedMessage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TypeError('Cannot publish: the body must be a JSON object with `from` and `text`')
  }
  const extra = Object.keys(body).filter((key) => key !== 'from' && key !== 'text')
  if (extra.length > 0) throw new TypeError('Cannot publish: only `from` and `text` are allowed')
  const { from, text } = body as Record<string, unknown>
  return {
    from: checkField('from', from, MAX_FROM, false),
    text: checkField('text', text, MAX_TEXT, true),
  }
}

function checkField(name: string, value: unknown, max: number, breaks: boolean): string {
  if (typeof value !== 'string') throw new TypeError(`Cannot publish: \`${name}\` must be a string`)
  const trimmed = value.trim()
  if (trimmed.length === 0 || trimmed.length > max) {
    throw new TypeError(`Cannot publish: \`${name}\` must have 1 to ${max} characters`)
  }
  const forbidden = (code: number) => isControl(code) && !(breaks && BREAKS.has(code))
  if ([...trimmed].some((char) => forbidden(char.codePointAt(0) as number))) {
    throw new TypeError(`Cannot publish: \`${name}\` cannot contain control characters`)
  }
  return trimmed
}

/**
 * Reads a request body as text, refusing more than `max` bytes whatever `Content-Length` says.
 *
 * @returns The text, or `undefined` when the body is larger than `max` bytes.
 */
export async function readCappedText(request: Request, max: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length'))
  if (request.body === null) return declared > max ? undefined : ''
  const reader = request.body.getReader()
  if (declared > max) {
    await discardRest(reader)
    return undefined
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > max) {
      await discardRest(reader)
      return undefined
    }
    chunks.push(value)
  }
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    return (
      chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()
    )
  } catch {
    throw new TypeError('Cannot publish: the body is not valid UTF-8')
  }
}

// Answering while the client still uploads makes some proxies (wrangler dev's among them) reset the
// connection instead of passing on the 400. So a modest overflow is read to its end and dropped;
// past this budget the upload is cut off.
const DISCARD_BUDGET = 64 * 1024

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0
  while (discarded <= DISCARD_BUDGET) {
    const { done, value } = await reader.read()
    if (done) return
    discarded += value.length
  }
  await reader.cancel()
}
