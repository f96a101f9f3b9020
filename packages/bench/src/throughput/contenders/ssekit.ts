import { type SSEMessage, sseResponse } from '@ssekit/core'
import type { Contender } from './contender.ts'

/** ssekit's idiomatic fast path: a callback producer that awaits `sink.send()`. */
export const ssekit: Contender = {
  name: 'ssekit',
  label: 'ssekit sseResponse + await sink.send()',
  prepare: ({ messages, mask }) => {
    const ring = messages as readonly SSEMessage[]
    return (count) =>
      sseResponse(
        async (sink) => {
          for (let i = 0; i < count; i++) await sink.send(ring[i & mask] as SSEMessage)
        },
        { heartbeat: false },
      )
  },
}

/**
 * The same producer, awaiting `send()` only when `sink.ready` turns false: the pattern for a
 * producer with many events at hand, as with Node's `stream.write()`. Backpressure still holds.
 */
export const ssekitReady: Contender = {
  name: 'ssekit-ready',
  label: 'ssekit sseResponse + sink.send(), await only when !sink.ready',
  prepare: ({ messages, mask }) => {
    const ring = messages as readonly SSEMessage[]
    return (count) =>
      sseResponse(
        async (sink) => {
          for (let i = 0; i < count; i++) {
            const accepted = sink.send(ring[i & mask] as SSEMessage)
            if (!sink.ready && !(await accepted)) return
          }
        },
        { heartbeat: false },
      )
  },
}
