/** A `POST /events` the app must refuse. @internal */
export interface BadPost {
  body: string | (() => ReadableStream<Uint8Array>)
  type: string
  /** A word the refusal's message must contain, so it tells the sender what to fix. */
  names: string
  /** The status it gets. @defaultValue 400 */
  status?: number
}

/** The JSON media type, as most posts send it. @internal */
export const json = 'application/json'
// The app takes bodies up to 4096 bytes, `from` up to 40 characters and `text` up to 1000,
// counted as a reader sees them: one emoji sequence is one character.
const OVERSIZED = 'x'.repeat(8 * 1024)
const FAMILY = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}' // 👩‍👩‍👧: 5 code points, 8 UTF-16 units

/** The bad `POST /events` bodies, each made with the test's own `from` where it has one. @internal */
export const BAD_POSTS: Record<string, (me: string) => BadPost> = {
  'a body that is not JSON': () => ({ body: '{"from":', type: json, names: 'JSON' }),
  'the wrong content type': (me) => ({
    body: JSON.stringify({ from: me, text: 'hi' }),
    type: 'text/plain',
    names: 'content-type',
    status: 415,
  }),
  'a content type that only starts like JSON': (me) => ({
    body: JSON.stringify({ from: me, text: 'hi' }),
    type: 'application/jsonx',
    names: 'content-type',
    status: 415,
  }),
  'a body over the size limit': (me) => ({
    body: JSON.stringify({ from: me, text: OVERSIZED }),
    type: json,
    names: 'bytes',
    status: 413,
  }),
  'a streamed body over the size limit, without Content-Length': (me) => ({
    body: () => streamOf(JSON.stringify({ from: me, text: OVERSIZED })),
    type: json,
    names: 'bytes',
    status: 413,
  }),
  'an array': () => ({ body: '[]', type: json, names: 'object' }),
  'a missing `text`': (me) => ({ body: JSON.stringify({ from: me }), type: json, names: 'text' }),
  'a number for `text`': (me) => ({
    body: JSON.stringify({ from: me, text: 5 }),
    type: json,
    names: 'text',
  }),
  'a blank `text`': (me) => ({
    body: JSON.stringify({ from: me, text: ' \n ' }),
    type: json,
    names: 'text',
  }),
  'a `text` of a zero-width space alone': (me) => ({
    body: JSON.stringify({ from: me, text: '\u200B' }),
    type: json,
    names: 'text',
  }),
  'a `from` of a Hangul filler and a word joiner': () => ({
    body: JSON.stringify({ from: '\u3164\u2060', text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'a `text` over 1000 characters': (me) => ({
    body: JSON.stringify({ from: me, text: 'x'.repeat(1001) }),
    type: json,
    names: 'text',
  }),
  'a `from` over 40 characters': () => ({
    body: JSON.stringify({ from: 'x'.repeat(41), text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'a `from` of 41 emoji sequences': () => ({
    body: JSON.stringify({ from: FAMILY.repeat(41), text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'a bidi override in `from`': (me) => ({
    body: JSON.stringify({ from: `\u202E${me}`, text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'a line separator in `from`': (me) => ({
    body: JSON.stringify({ from: `${me}\u2028x`, text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'a bidi isolate in `text`': (me) => ({
    body: JSON.stringify({ from: me, text: 'hi \u2067there' }),
    type: json,
    names: 'text',
  }),
  'a lone surrogate in `text`': (me) => ({
    body: `{"from":${JSON.stringify(me)},"text":"\\ud800"}`,
    type: json,
    names: 'text',
  }),
  'a control character in `from`': (me) => ({
    body: JSON.stringify({ from: `${me}\u0007`, text: 'hi' }),
    type: json,
    names: 'from',
  }),
  'an extra field': (me) => ({
    body: JSON.stringify({ from: me, text: 'hi', admin: true }),
    type: json,
    names: 'from',
  }),
}

/** Bodies the app must take, each published under the test's own `from`. @internal */
export const GOOD_POSTS: Record<
  string,
  (me: string) => { from: string; text: string; type: string }
> = {
  'content-type in capitals, with a charset': (me) => ({
    from: me,
    text: 'loud',
    type: 'APPLICATION/JSON; charset=UTF-8',
  }),
  'a `from` of 40 characters, 32 of them emoji sequences (264 UTF-16 units)': (me) => ({
    from: `${me.slice(-8)}${FAMILY.repeat(32)}`,
    text: 'family',
    type: json,
  }),
  'a `text` with line breaks, right-to-left writing and a right-to-left mark': (me) => ({
    from: me,
    text: 'first\nשלום\u200F world',
    type: json,
  }),
}

/** Sends one `POST /events` with the given body and content type. @internal */
export function post(
  baseUrl: string,
  { body, type }: Pick<BadPost, 'body' | 'type'>,
): Promise<Response> {
  const streamed = typeof body === 'function'
  return fetch(`${baseUrl}/events`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: streamed ? body() : body,
    // A stream body goes out chunked, so only the bytes read can tell its size.
    ...(streamed ? { duplex: 'half' } : {}),
  } as RequestInit)
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      // Two chunks: the limit is crossed in the middle of the body.
      controller.enqueue(bytes.subarray(0, 4000))
      controller.enqueue(bytes.subarray(4000))
      controller.close()
    },
  })
}
