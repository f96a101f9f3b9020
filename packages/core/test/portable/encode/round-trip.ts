import { parseEventStream } from '@ssekit/testkit/event-stream'
import fc from 'fast-check'
import { expect } from 'vitest'
import { encode } from '../../../src/index.ts'
import { anyMessage, expectedFor } from './message-model.ts'

const errorClasses = { SyntaxError, RangeError, TypeError }

// CI runs 100 000 cases on Node (see test/node/encode-property.test.ts); the other runtimes run
// this smaller pass of the same property.
export const PORTABLE_RUNS = 5_000

/** Encodes an arbitrary message and checks the parsed bytes against the spec model. */
export function roundTripProperty(numRuns: number): void {
  fc.assert(
    fc.property(anyMessage, (message) => {
      const expected = expectedFor(message)
      if ('error' in expected) {
        expect(() => encode(message as never)).toThrow(errorClasses[expected.error])
        return
      }
      // Text encoded to UTF-8 and decoded again, as a client would see it.
      const wire = new TextDecoder().decode(new TextEncoder().encode(encode(message as never)))
      const parsed = parseEventStream(wire)
      expect(parsed.events).toEqual(expected.event ? [expected.event] : [])
      expect(parsed.comments).toEqual(expected.comments)
      expect(parsed.retries).toEqual(expected.retry === undefined ? [] : [expected.retry])
    }),
    { numRuns },
  )
}
