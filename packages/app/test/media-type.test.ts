import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isJsonContentType } from '../src/media-type.ts'

// Every way to write application/json: each letter in either case.
const anyCase = fc
  .array(fc.boolean(), { minLength: 16, maxLength: 16 })
  .map((upper) =>
    [...'application/json'].map((char, n) => (upper[n] ? char.toUpperCase() : char)).join(''),
  )
const parameters = fc.string().filter((text) => !text.includes(';'))

describe('isJsonContentType()', () => {
  test('isJsonContentType() takes application/json in any letter case, with any parameters', () => {
    fc.assert(
      fc.property(
        anyCase,
        fc.option(parameters),
        fc.constantFrom('', ' ', '\t'),
        (type, params, pad) => {
          const value = params === null ? `${pad}${type}${pad}` : `${type}${pad};${params}`
          expect(isJsonContentType(value)).toBe(true)
        },
      ),
    )
  })

  test.each([
    'application/jsonx',
    'application/json-seq',
    'application/json+x',
    'application/ld+json',
    'text/json',
    'application/ json',
    'application /json',
    'application/json, text/plain',
    'application/j\u017fon', // ſ: Unicode case folding (the `u` flag) would take it for an s
    '\u00a0application/json', // no-break space is not HTTP whitespace
    '',
  ])('isJsonContentType() refuses %j', (value) => {
    expect(isJsonContentType(value)).toBe(false)
  })

  test('isJsonContentType() refuses application/json with anything inserted, or anything after it', () => {
    // Position 16 is the end: `application/jsonx` passed a prefix check.
    const inserted = fc.string({ minLength: 1 }).filter((text) => !/^[ \t;]/.test(text))
    fc.assert(
      fc.property(anyCase, fc.integer({ min: 1, max: 16 }), inserted, (type, at, text) => {
        expect(isJsonContentType(type.slice(0, at) + text + type.slice(at))).toBe(false)
      }),
    )
  })

  test('isJsonContentType() refuses an absent header', () => {
    expect(isJsonContentType(undefined)).toBe(false)
    expect(isJsonContentType(null)).toBe(false)
  })

  test('isJsonContentType() refuses every media type whose essence is not application/json', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const essence = value.split(';')[0]?.replace(/^[ \t]+|[ \t]+$/g, '') ?? ''
        fc.pre(essence.toLowerCase() !== 'application/json')
        expect(isJsonContentType(value)).toBe(false)
      }),
    )
  })
})
