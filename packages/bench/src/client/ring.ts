import type { RequestListener } from 'node:http'
import { encode, type SSEMessage } from '@ssekit/core'
import { MESSAGE_KINDS } from '../messages.ts'

const kind = MESSAGE_KINDS[0] as (typeof MESSAGE_KINDS)[number]
const texts = kind.messages.map((message) => encode(message as SSEMessage))
const encoder = new TextEncoder()
// The ring of small JSON events encoded once, and where each event ends in it.
const ring = encoder.encode(texts.join(''))
let end = 0
const ends = texts.map((text) => (end += encoder.encode(text).length))

/** The ID the n-th event (0-based) carries: a client that read all `n` ends on `lastId(n)`. */
export const lastId = (n: number): string => kind.messages[(n - 1) & kind.mask]?.id ?? ''

/** Bytes of a stream of `count` events. */
export const streamBytes = (count: number): number =>
  Math.floor(count / texts.length) * ring.length + (ends[(count % texts.length) - 1] ?? 0)

/**
 * `GET /?n=N`: N small JSON events (part 1's `event: price`, an `id:`) as fast as the socket
 * takes them, sliced from the ring, then the end: the client part's server, so that the clients
 * are what is measured.
 */
export const ringListener: RequestListener = async (request, response) => {
  let left = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('n'))
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  while (left > 0 && !response.destroyed) {
    const take = Math.min(left, texts.length)
    left -= take
    if (!response.write(ring.subarray(0, ends[take - 1]))) {
      await new Promise((resolve) => response.once('drain', resolve))
    }
  }
  response.end()
}
