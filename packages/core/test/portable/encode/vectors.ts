/**
 * Conformance vectors for `encode()`: message → exact wire text, or → the error it must throw.
 * Kept as data so every runtime runs the very same cases.
 */
export interface WireVector {
  name: string
  message: unknown
  wire: string
}

export interface ErrorVector {
  name: string
  message: unknown
  error: 'SyntaxError' | 'RangeError' | 'TypeError'
  /** The field the error message must name. */
  field: string
}

export const wireVectors: WireVector[] = [
  { name: 'plain data', message: { data: 'hello' }, wire: 'data: hello\n\n' },
  { name: 'empty data is an event with empty data', message: { data: '' }, wire: 'data: \n\n' },
  { name: 'LF splits data', message: { data: 'a\nb' }, wire: 'data: a\ndata: b\n\n' },
  { name: 'CRLF splits data', message: { data: 'a\r\nb' }, wire: 'data: a\ndata: b\n\n' },
  { name: 'lone CR splits data', message: { data: 'a\rb' }, wire: 'data: a\ndata: b\n\n' },
  {
    name: 'mixed breaks split data',
    message: { data: 'a\r\n\rb\nc' },
    wire: 'data: a\ndata: \ndata: b\ndata: c\n\n',
  },
  {
    name: 'a trailing newline survives',
    message: { data: 'a\n' },
    wire: 'data: a\ndata: \n\n',
  },
  {
    name: 'a leading space survives',
    message: { data: ' x', event: ' e', id: ' 1' },
    wire: 'id:  1\nevent:  e\ndata:  x\n\n',
  },
  {
    name: 'a colon in data is plain text',
    message: { data: 'data: injected\n\nevent: x' },
    wire: 'data: data: injected\ndata: \ndata: event: x\n\n',
  },
  {
    name: 'all fields in order',
    message: { comment: 'c', retry: 1000, id: '7', event: 'tick', data: 'd' },
    wire: ': c\nretry: 1000\nid: 7\nevent: tick\ndata: d\n\n',
  },
  {
    name: 'object data is JSON',
    message: { data: { a: [1, 'b'] } },
    wire: 'data: {"a":[1,"b"]}\n\n',
  },
  { name: 'number data is JSON', message: { data: 0 }, wire: 'data: 0\n\n' },
  { name: 'null data is JSON', message: { data: null }, wire: 'data: null\n\n' },
  {
    name: 'JSON with a newline inside a string stays one line',
    message: { data: { text: 'a\nb' } },
    wire: 'data: {"text":"a\\nb"}\n\n',
  },
  { name: 'empty id resets the last event ID', message: { id: '' }, wire: 'id: \n\n' },
  { name: 'retry zero', message: { retry: 0 }, wire: 'retry: 0\n\n' },
  {
    name: 'comment lines each stay a comment',
    message: { comment: 'a\nb\r\nc\rd' },
    wire: ': a\n: b\n: c\n: d\n\n',
  },
  { name: 'empty comment', message: { comment: '' }, wire: ': \n\n' },
  {
    name: 'unicode passes through',
    message: { data: 'héllo 🌍 \u2028 \u0085', event: 'ünï' },
    wire: 'event: ünï\ndata: héllo 🌍 \u2028 \u0085\n\n',
  },
  { name: 'U+0000 is allowed in data', message: { data: 'a\0b' }, wire: 'data: a\0b\n\n' },
]

export const errorVectors: ErrorVector[] = [
  {
    name: 'LF in event',
    message: { event: 'a\nb', data: 'x' },
    error: 'SyntaxError',
    field: 'event',
  },
  {
    name: 'CR in event',
    message: { event: 'a\rb', data: 'x' },
    error: 'SyntaxError',
    field: 'event',
  },
  { name: 'LF in id', message: { id: '1\ndata: x', data: 'x' }, error: 'SyntaxError', field: 'id' },
  { name: 'CR in id', message: { id: '1\r', data: 'x' }, error: 'SyntaxError', field: 'id' },
  { name: 'U+0000 in id', message: { id: 'a\0b', data: 'x' }, error: 'SyntaxError', field: 'id' },
  { name: 'retry NaN', message: { retry: Number.NaN }, error: 'RangeError', field: 'retry' },
  { name: 'retry 1.5', message: { retry: 1.5 }, error: 'RangeError', field: 'retry' },
  { name: 'retry -1', message: { retry: -1 }, error: 'RangeError', field: 'retry' },
  { name: 'retry Infinity', message: { retry: Infinity }, error: 'RangeError', field: 'retry' },
  { name: 'retry 2^53', message: { retry: 2 ** 53 }, error: 'RangeError', field: 'retry' },
  { name: 'retry "10"', message: { retry: '10' }, error: 'TypeError', field: 'retry' },
  { name: 'numeric id', message: { id: 5, data: 'x' }, error: 'TypeError', field: 'id' },
  { name: 'numeric event', message: { event: 5, data: 'x' }, error: 'TypeError', field: 'event' },
  { name: 'object comment', message: { comment: {} }, error: 'TypeError', field: 'comment' },
  { name: 'no field at all', message: {}, error: 'TypeError', field: 'data' },
  {
    name: 'only undefined fields',
    message: { data: undefined },
    error: 'TypeError',
    field: 'data',
  },
  { name: 'not an object', message: 'data: x', error: 'TypeError', field: 'message' },
  { name: 'unserialisable data', message: { data: 10n }, error: 'TypeError', field: 'data' },
  {
    name: 'data serialising to nothing',
    message: { data: () => 1 },
    error: 'TypeError',
    field: 'data',
  },
]
