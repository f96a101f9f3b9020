import { Buffer } from 'node:buffer'
import type { Socket } from 'node:net'

/** One request a hostile client might send, as raw bytes. @internal */
export interface Probe {
  /** Writes the request on a fresh connection. */
  send: string | ((socket: Socket) => void)
  /** The status it must get, when one is required; otherwise anything below 500. */
  status?: number
  /** 5xx statuses that are the right answer to it nonetheless. @defaultValue none */
  also?: readonly number[]
}

const TEN_MB = 10 * 1024 * 1024
const head = (lines: string) => `${lines}\r\nConnection: close\r\n\r\n`
const postHead = (extra: string) =>
  head(`POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json${extra}`)
const post = (body: string) => `${postHead(`\r\nContent-Length: ${body.length}`)}${body}`

/**
 * The hostile requests, by name. Each goes out as its own raw write, so the server sees exactly
 * these bytes; every one of them must get an answer below 500 (or one of its `also`) that shows
 * no internals, or a closed connection.
 * @internal
 */
export const PROBES: Readonly<Record<string, Probe>> = {
  'a 10 MB POST /events in one write, with Content-Length': {
    send: (socket) =>
      socket.write(
        Buffer.concat([
          Buffer.from(postHead(`\r\nContent-Length: ${TEN_MB}`)),
          Buffer.alloc(TEN_MB, 0x20),
        ]),
      ),
    status: 413,
  },
  'a 10 MB chunked POST /events in one write': {
    send: (socket) =>
      socket.write(
        Buffer.concat([
          Buffer.from(`${postHead('\r\nTransfer-Encoding: chunked')}${TEN_MB.toString(16)}\r\n`),
          Buffer.alloc(TEN_MB, 0x20),
          Buffer.from('\r\n0\r\n\r\n'),
        ]),
      ),
    status: 413,
  },
  'OPTIONS * (the asterisk request-target)': { send: head('OPTIONS * HTTP/1.1\r\nHost: x') },
  'a Host header of `a b`': { send: head('GET /stats HTTP/1.1\r\nHost: a b') },
  'a Host header with a path in it': { send: head('GET /stats HTTP/1.1\r\nHost: x/../y') },
  'no Host header in HTTP/1.1': { send: head('GET /stats HTTP/1.1') },
  'an absolute-form target for another host': {
    send: head('GET http://elsewhere.example/stats HTTP/1.1\r\nHost: x'),
  },
  CONNECT: { send: head('CONNECT elsewhere.example:443 HTTP/1.1\r\nHost: elsewhere.example:443') },
  // 501 is what RFC 9110 §15.6.2 says a server answers to a method it does not recognise.
  'an unknown method': { send: head('BREW /events HTTP/1.1\r\nHost: x'), also: [501] },
  TRACE: { send: head('TRACE /events HTTP/1.1\r\nHost: x') },
  'a NUL and encoded dot segments in the path': {
    send: head('GET /%00/..%2f..%2fetc/passwd HTTP/1.1\r\nHost: x'),
  },
  'a percent-encoding cut short in the query': {
    send: head('GET /sse?interval=%E0%A4%A HTTP/1.1\r\nHost: x'),
  },
  'a 64 KiB header value': {
    send: head(`GET /stats HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(65_536)}`),
  },
  'a 4 KiB Last-Event-ID on HEAD /events': {
    send: head(`HEAD /events HTTP/1.1\r\nHost: x\r\nLast-Event-ID: ${'\u00ff'.repeat(4096)}`),
  },
  'a Content-Length that is not a number': {
    send: `${postHead('\r\nContent-Length: 12abc')}{"from":"a"}`,
  },
  'two Content-Length headers that disagree': {
    send: `${postHead('\r\nContent-Length: 5\r\nContent-Length: 7')}{"a":1}`,
  },
  'a malformed chunked body': { send: `${postHead('\r\nTransfer-Encoding: chunked')}zz\r\n` },
  'a body shorter than its Content-Length, then a half-close': {
    send: (socket) => socket.end(`${postHead('\r\nContent-Length: 100')}{"from":`),
  },
  'a body that is not UTF-8': {
    send: (socket) => {
      socket.write(postHead('\r\nContent-Length: 3'))
      socket.write(Buffer.from([0x7b, 0xff, 0x7d]))
    },
    status: 400,
  },
  '3000 nested arrays': { send: post('['.repeat(3000)), status: 400 },
  'a __proto__ key': {
    send: post('{"from":"a","text":"b","__proto__":{"admin":true}}'),
    status: 400,
  },
  'a drop with a made-up token': {
    send: head('POST /events/drop HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\ndrop-token: ../../x'),
    status: 404,
  },
}
