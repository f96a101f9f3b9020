/**
 * The fast stream of the client part: `GET /stream?n=N` sends N small JSON events as fast as the
 * socket takes them, from a buffer encoded once, then ends. Its own process, so the clients
 * measured in another one share nothing with it.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RING_TEXT } from './stream-text.ts'

const encoder = new TextEncoder()
// The ring as one buffer, and each event's offset in it, so any N is a few slices.
const ring = encoder.encode(RING_TEXT.join(''))
const offsets = [0]
for (const text of RING_TEXT) offsets.push((offsets.at(-1) ?? 0) + encoder.encode(text).length)

const server = createServer(async (req, res) => {
  const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n'))
  if (!Number.isSafeInteger(n) || n < 1) return void res.writeHead(400).end()
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  let left = n
  while (left > 0 && !res.destroyed) {
    const take = Math.min(left, RING_TEXT.length)
    const ok = res.write(ring.subarray(0, offsets[take]))
    left -= take
    if (!ok) await new Promise((resolve) => res.once('drain', resolve))
  }
  res.end()
})
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`)
})
