import { encode, type SSEMessage } from '@ssekit/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.ts'
import { collect } from '../harness/timers.ts'

const encoder = new TextEncoder()
const line = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n\0]/.test(s))
const message = fc.record(
  {
    event: line.filter((s) => s !== ''),
    id: line,
    data: fc.string({ unit: 'grapheme', maxLength: 40 }),
    comment: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: ['data'] },
)

/** Cuts bytes at the given fractions of their length: any split, inside characters too. */
function cut(bytes: Uint8Array, fractions: number[]): Uint8Array[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort(
    (a, b) => a - b,
  )
  const chunks: Uint8Array[] = []
  let start = 0
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.subarray(start, point))
    start = Math.max(start, point)
  }
  return chunks
}

describe('events() parsing, property', () => {
  it('events() yields exactly what @ssekit/core encoded, however the bytes are split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        fc.constantFrom('', '\r\n', '\r'),
        async (messages, fractions, lineEnd) => {
          let text = messages.map((m) => encode(m as SSEMessage)).join('')
          // The spec allows every line ending: rewrite ours as CRLF or CR too.
          if (lineEnd) text = text.replaceAll('\n', lineEnd)
          const chunks = cut(encoder.encode(`\uFEFF${text}`), fractions)
          const body = new ReadableStream<Uint8Array>({
            pull(controller) {
              const chunk = chunks.shift()
              if (chunk) controller.enqueue(chunk)
              else controller.close()
            },
          })
          let served = false
          const got = await collect(
            events('http://in-process.test/', {
              // One connection; the reconnect after it hears 204 and stops.
              fetch: () => {
                if (served) return new Response(null, { status: 204 })
                served = true
                return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
              },
              retryDelay: 0,
              minRetryDelay: 0,
            }),
          )
          let id = ''
          const expected = messages.map((m) => {
            if (m.id !== undefined) id = m.id
            return { event: m.event ?? 'message', data: m.data.replace(/\r\n|\r/g, '\n'), id }
          })
          expect(got).toEqual(expected)
        },
      ),
      { numRuns: 200 },
    )
    // About a second alone; the whole `pnpm test` shares two cores with every runtime's servers.
  }, 120_000)
})
