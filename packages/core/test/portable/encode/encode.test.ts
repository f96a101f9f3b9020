import { parseEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { encode } from '../../../src/index.ts'
import { errorVectors, wireVectors } from './vectors.ts'

const errorClasses = { SyntaxError, RangeError, TypeError }

describe('encode() conformance vectors', () => {
  for (const vector of wireVectors) {
    it(`encode() writes ${vector.name}`, () => {
      expect(encode(vector.message as never)).toBe(vector.wire)
    })
  }
  for (const vector of errorVectors) {
    it(`encode() rejects ${vector.name} with a ${vector.error} naming \`${vector.field}\``, () => {
      let thrown: unknown
      try {
        encode(vector.message as never)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(errorClasses[vector.error])
      expect((thrown as Error).message).toContain(vector.field)
    })
  }
})

describe('encode() against a real parser', () => {
  it('encode() keeps line breaks as LF when parsed back', () => {
    const { events } = parseEventStream(encode({ data: 'a\r\nb\rc\nd\n' }))
    expect(events).toEqual([{ id: undefined, event: undefined, data: 'a\nb\nc\nd\n' }])
  })

  it('encode() does not echo an invalid id back in the error', () => {
    expect(() => encode({ id: 'secret\nvalue', data: 'x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    )
  })

  it('encode() uses a replacement serializer for non-string data', () => {
    const text = encode({ data: { n: 1 } }, { serialize: (value) => `<${JSON.stringify(value)}>` })
    expect(text).toBe('data: <{"n":1}>\n\n')
  })

  it('encode() sends string data as-is even with a serializer', () => {
    expect(encode({ data: 'raw' }, { serialize: () => 'never' })).toBe('data: raw\n\n')
  })

  it('encode() rejects a serializer that returns a non-string', () => {
    expect(() => encode({ data: 1 }, { serialize: () => 1 as unknown as string })).toThrow(
      TypeError,
    )
  })

  it('encode() keeps every comment line a comment', () => {
    const parsed = parseEventStream(encode({ comment: 'a\ndata: evil\r\nevent: x' }))
    expect(parsed.events).toEqual([])
    expect(parsed.comments).toEqual(['a', 'data: evil', 'event: x'])
  })
})
