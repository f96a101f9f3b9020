import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { checkUserText, countGraphemes } from './user-text.ts'

const NAME = { max: 40, multiline: false }
const TEXT = { max: 1000, multiline: true }

const FAMILY = '👩‍👩‍👧‍👦' // 7 code points, 11 UTF-16 units, one character
const FLAG = '🇳🇿'
const E_ACUTE = 'e\u0301' // e + combining acute accent
const BIDI_SCOPED = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
]
const BIDI_MARKS = ['\u200e', '\u200f', '\u061c']

describe('countGraphemes()', () => {
  test.each([
    ['abc', 3],
    [FAMILY, 1],
    [FLAG, 1],
    [E_ACUTE, 1],
    ['👍🏽', 1],
    [`${FAMILY}${FLAG}${E_ACUTE}x`, 4],
  ])('countGraphemes(%j) is %i', (text, count) => {
    expect(countGraphemes(text)).toBe(count)
  })

  test('countGraphemes() stops one past its limit', () => {
    expect(countGraphemes('x'.repeat(10_000), 40)).toBe(41)
  })
})

describe('checkUserText()', () => {
  test.each([FAMILY, FLAG, E_ACUTE, '😀', 'x'])(
    'checkUserText() takes 40 of %j as a name, and refuses 41',
    (char) => {
      expect(checkUserText('from', char.repeat(40), NAME)).toBe(char.repeat(40))
      expect(() => checkUserText('from', char.repeat(41), NAME)).toThrow(
        /`from` must have 1 to 40 characters/,
      )
    },
  )

  test('checkUserText() counts 21 emoji as 21 characters, not 42', () => {
    expect(checkUserText('from', '😀'.repeat(21), NAME)).toHaveLength(42)
  })

  test.each([...BIDI_SCOPED, ...BIDI_MARKS, '\u2028', '\u2029', '\u0007', '\u009b', '\n', '\t'])(
    'checkUserText() refuses U+%s inside a name, naming the field and the code point',
    (char) => {
      const code = `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
      expect(() => checkUserText('from', `ada${char}bob`, NAME)).toThrow(TypeError)
      expect(() => checkUserText('from', `ada${char}bob`, NAME)).toThrow(
        new RegExp(`\`from\` cannot contain .*\\(${code.replace('+', '\\+')}\\)`),
      )
    },
  )

  test.each(BIDI_SCOPED)('checkUserText() refuses U+%s inside a message', (char) => {
    expect(() => checkUserText('text', `hi ${char}there`, TEXT)).toThrow(
      /`text` cannot contain bidirectional embeddings, overrides or isolates/,
    )
  })

  test('checkUserText() lets a message hold line breaks, tabs, separators and bidi marks', () => {
    const text = 'שלום\u200f world\n\tsecond line\u2028third'
    expect(checkUserText('text', text, TEXT)).toBe(text)
  })

  test('checkUserText() refuses lone surrogates and non-strings', () => {
    expect(() => checkUserText('text', 'a\ud800b', TEXT)).toThrow(/`text` must be well-formed/)
    expect(() => checkUserText('from', 5, NAME)).toThrow(/`from` must be a string/)
  })

  test('checkUserText() returns a trimmed name of 1 to 40 characters, or throws a TypeError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        let name: string
        try {
          name = checkUserText('from', value, NAME)
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError)
          expect((error as Error).message).toMatch(/^Cannot publish: `from` /)
          return
        }
        expect(name).toBe(value.trim())
        expect(countGraphemes(name)).toBeGreaterThanOrEqual(1)
        expect(countGraphemes(name)).toBeLessThanOrEqual(40)
        expect(name).not.toMatch(
          /[\p{Cc}\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]/u,
        )
        expect(name).not.toMatch(/[\ud800-\udfff]/u)
      }),
    )
  })

  test('checkUserText() takes any name of printable graphemes within the limit', () => {
    const printable = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
      .filter(
        (text) =>
          text.trim() === text &&
          !/[\p{Cc}\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]/u.test(text),
      )
    fc.assert(
      fc.property(printable, (name) => {
        expect(checkUserText('from', name, NAME)).toBe(name)
      }),
    )
  })
})
