import { constants, createBrotliCompress, createGzip, type Gzip } from 'node:zlib'
import { timeOrderedIds } from '@ssekit/channel'
import { encode } from '@ssekit/core'
import { type PayloadName, payloadMaker } from './payloads.ts'

/**
 * The textbook: one long-lived `node:zlib` stream over the same events (with the `id:` lines a
 * channel adds), flushed after each one. The yardstick for a compressed subscriber's bytes.
 */
export async function referenceBytes(
  payload: PayloadName,
  events: number,
): Promise<Record<string, number>> {
  const next = payloadMaker(payload)
  // The IDs a memory channel gives, in the field order it writes.
  const nextId = timeOrderedIds()
  const wire = Array.from({ length: events }, (_, n) =>
    new TextEncoder().encode(`id: ${nextId()}\n${encode(next(n))}`),
  )
  const identity = wire.reduce((total, event) => total + event.length, 0)
  const measure = async (stream: Gzip | ReturnType<typeof createBrotliCompress>, flush: number) => {
    let bytes = 0
    stream.on('data', (chunk: Uint8Array) => {
      bytes += chunk.length
    })
    for (const event of wire) {
      stream.write(event)
      await new Promise<void>((resolve) => stream.flush(flush, () => resolve()))
    }
    stream.destroy()
    return bytes / events
  }
  const brotli = (quality: number, lgwin: number) =>
    createBrotliCompress({
      params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_LGWIN]: lgwin },
    })
  return {
    identity: identity / events,
    'gzip (zlib defaults: window 2^15, level 6)': await measure(
      createGzip(),
      constants.Z_SYNC_FLUSH,
    ),
    'gzip (window 2^13, level 6)': await measure(
      createGzip({ windowBits: 13 }),
      constants.Z_SYNC_FLUSH,
    ),
    'br (defaults: quality 11, window 2^22)': await measure(
      brotli(11, 22),
      constants.BROTLI_OPERATION_FLUSH,
    ),
    'br (quality 5, window 2^16)': await measure(brotli(5, 16), constants.BROTLI_OPERATION_FLUSH),
  }
}
