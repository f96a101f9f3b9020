/**
 * The facts of the web-platform-tests `eventsource/format-*` files (and `event-data`), restated as
 * data: what the server sends, and what a browser's `EventSource` makes of it. Each body is the
 * exact text the WPT server script answers with, its trailing newlines included (their
 * `message.py` appends `\n\n` unless told `newline=none`, then one more `\n`). A body goes over
 * the wire as the UTF-8 bytes of the string, so `\uFEFF` is the BOM's three bytes.
 *
 * @see https://github.com/web-platform-tests/wpt/tree/master/eventsource
 */
import type { ServerEvent } from '../../src/index.ts'

export interface FormatCase {
  /** The WPT file under `eventsource/`, and the subtest when the file holds several. */
  readonly wpt: string
  /** One body per request, in order. The request after the last is answered 204. */
  readonly responses: readonly string[]
  /** The `content-type` of every response. @defaultValue `'text/event-stream'` */
  readonly contentType?: string
  /** The events a browser dispatches, in order; `id` is each event's `lastEventId`. */
  readonly events: readonly ServerEvent[]
  /** The `Last-Event-ID` each request carries (decoded from UTF-8), `null` for none. */
  readonly requestIds?: readonly (string | null)[]
  /** The last event ID string at the end: what the next request would send. */
  readonly lastEventId: string
  /** The reconnection time the stream set with `retry:`; absent when it set none. */
  readonly retry?: number
  /** True when a browser fails the connection: no event and no reconnect. */
  readonly fails?: true
}

const message = (data: string, id = ''): ServerEvent => ({ event: 'message', data, id })
const x2048 = 'x'.repeat(2048)

// last-event-id.py: the first request is told an ID and `retry: 200`; a request that carries a
// `Last-Event-ID` gets that ID back as data.
const idThenEcho = (id: string) => `id: ${id}\nretry: 200\ndata: hello\n\n`

export const FORMAT_CASES: readonly FormatCase[] = [
  {
    wpt: 'format-bom.any.js',
    // Only the first BOM of a stream is dropped; the later one makes `\uFEFFdata` an unknown field.
    responses: ['\uFEFFdata:1\n\n\uFEFFdata:2\n\ndata:3\n\n\n'],
    events: [message('1'), message('3')],
    lastEventId: '',
  },
  {
    wpt: 'format-bom-2.any.js',
    // Two BOMs: one is dropped, the second starts the field name, so event 1 is never dispatched.
    responses: ['\uFEFF\uFEFFdata:1\n\ndata:2\n\ndata:3\n\n\n'],
    events: [message('2'), message('3')],
    lastEventId: '',
  },
  {
    wpt: 'format-comments.any.js',
    responses: [`data:1\r:\0\n:\r\ndata:2\n:${x2048}\rdata:3\n:data:fail\r:${x2048}\ndata:4\n\n`],
    events: [message('1\n2\n3\n4')],
    lastEventId: '',
  },
  {
    wpt: 'format-data-before-final-empty-line.any.js',
    // The last block never gets its blank line: neither its data nor its ID is used.
    responses: ['retry:1000\ndata:test1\n\nid:test\ndata:test2\n'],
    events: [message('test1')],
    lastEventId: '',
    retry: 1000,
  },
  {
    wpt: 'format-field-data.any.js',
    responses: ['data:\n\ndata\ndata\n\ndata:test\n\n\n'],
    events: [message(''), message('\n'), message('test')],
    lastEventId: '',
  },
  {
    wpt: 'format-field-event-empty.any.js',
    responses: ['event: \ndata:data\n\n\n'],
    events: [message('data')],
    lastEventId: '',
  },
  {
    wpt: 'format-field-event.any.js',
    responses: ['event:test\ndata:x\n\ndata:x\n\n\n'],
    events: [{ event: 'test', data: 'x', id: '' }, message('x')],
    lastEventId: '',
  },
  {
    wpt: 'format-field-id.any.js',
    responses: [idThenEcho('…'), 'data: …\n\n'],
    events: [message('hello', '…'), message('…', '…')],
    requestIds: [null, '…'],
    lastEventId: '…',
    retry: 200,
  },
  {
    wpt: 'format-field-id-2.any.js',
    responses: [idThenEcho('…'), 'data: …\n\n', 'data: …\n\n'],
    events: [message('hello', '…'), message('…', '…'), message('…', '…')],
    requestIds: [null, '…', '…'],
    lastEventId: '…',
    retry: 200,
  },
  {
    wpt: 'format-field-id-3.window.js: lastEventId persists',
    responses: ['id: 1\ndata: 1\n\ndata: 2\n\nid: 2\ndata:3\n\ndata:4\n\n'],
    events: [message('1', '1'), message('2', '1'), message('3', '2'), message('4', '2')],
    lastEventId: '2',
  },
  {
    wpt: 'format-field-id-3.window.js: lastEventId resets',
    responses: ['id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n'],
    events: [message('1', '1'), message('2'), message('3')],
    lastEventId: '',
  },
  {
    wpt: 'format-field-id-3.window.js: lastEventId resets (id without colon)',
    responses: ['id: 1\ndata: 1\n\nid\ndata:2\n\ndata:3\n\n'],
    events: [message('1', '1'), message('2'), message('3')],
    lastEventId: '',
  },
  // An ID holding a NUL is ignored, so no Last-Event-ID is sent and the server says hello again.
  ...['\0\0', 'x\0', '\0x', 'x\0x', ' \0'].map(
    (id): FormatCase => ({
      wpt: `format-field-id-null.window.js: id field set to ${encodeURIComponent(id)}`,
      responses: [idThenEcho(id), idThenEcho(id)],
      events: [message('hello'), message('hello')],
      requestIds: [null, null],
      lastEventId: '',
      retry: 200,
    }),
  ),
  {
    wpt: 'format-field-parsing.any.js',
    responses: [
      'data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\rdata:\r\n data:32\ndata:4\n\n',
    ],
    events: [message('\0\n 2\n1\n3\n\n4')],
    lastEventId: '',
  },
  {
    wpt: 'format-field-retry-bogus.any.js',
    responses: ['retry:3000\nretry:1000x\ndata:x\n\n\n'],
    events: [message('x')],
    lastEventId: '',
    retry: 3000,
  },
  {
    wpt: 'format-field-retry-empty.any.js',
    responses: ['retry\ndata:test\n\n\n'],
    events: [message('test')],
    lastEventId: '',
  },
  {
    wpt: 'format-field-retry.any.js',
    // Leading zeros are decimal, not octal.
    responses: ['retry:03000\ndata:x\n\n\n'],
    events: [message('x')],
    lastEventId: '',
    retry: 3000,
  },
  {
    wpt: 'format-field-unknown.any.js',
    responses: [
      'data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test\n\n\n',
    ],
    events: [message('test\n\ntest')],
    lastEventId: '',
  },
  {
    wpt: 'format-leading-space.any.js',
    // Only one space after the colon is dropped, and a tab is not a space.
    responses: ['data:\ttest\rdata: \ndata:test\n\n\n'],
    events: [message('\ttest\n\ntest')],
    lastEventId: '',
  },
  {
    wpt: 'format-mime-bogus.any.js',
    contentType: 'x bogus',
    responses: ['data: data\n\n\n'],
    events: [],
    lastEventId: '',
    fails: true,
  },
  {
    wpt: 'format-mime-trailing-semicolon.any.js',
    contentType: 'text/event-stream;',
    responses: ['data: data\n\n\n'],
    events: [message('data')],
    lastEventId: '',
  },
  {
    wpt: 'format-mime-valid-bogus.any.js',
    contentType: 'text/x-bogus',
    responses: ['data: data\n\n\n'],
    events: [],
    lastEventId: '',
    fails: true,
  },
  {
    wpt: 'format-newlines.any.js',
    responses: ['data:test\r\ndata\ndata:test\r\n\r\n'],
    events: [message('test\n\ntest')],
    lastEventId: '',
  },
  {
    wpt: 'format-null-character.any.js',
    responses: ['data:\0\n\n\n'],
    events: [message('\0')],
    lastEventId: '',
  },
  {
    wpt: 'format-utf-8.any.js',
    // The stream is UTF-8 whatever charset the content type names.
    contentType: 'text/event-stream;charset=windows-1252',
    responses: ['data:ok…\n\n\n'],
    events: [message('ok…')],
    lastEventId: '',
  },
  {
    wpt: 'event-data.any.js',
    // One round of message2.py's endless loop.
    responses: [
      'data:msg\ndata: msg\n\n:\nfalsefield:msg\n\nfalsefield:msg\nData:data\n\ndata\n\ndata:end\n\n',
    ],
    events: [message('msg\nmsg'), message(''), message('end')],
    lastEventId: '',
  },
]
