import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { checkUserText, countGraphemes } from '../src/user-text.ts'

const NAME = { max: 40, multiline: false }
const TEXT = { max: 1000, multiline: true }

const FAMILY = '👩‍👩‍👧‍👦' // 7 code points, 11 UTF-16 units, one character
const FLAG = '🇳🇿'
const E_ACUTE = 'e\u0301' // e + combining acute accent
// Named by code point, so a test's name says which character it is about.
const BIDI_SCOPED = ['202A', '202B', '202C', '202D', '202E', '2066', '2067', '2068', '2069']
const BIDI_MARKS = ['200E', '200F', '061C']
const char = (code: string) => String.fromCodePoint(Number.parseInt(code, 16))

// Any code point, lone surrogates included, with the troublesome ones often. (fast-check's
// 'binary' unit does the same but first builds tables for seconds, past a busy machine's timeout.)
const anyCharacter = fc.oneof(
  fc.constantFrom(
    ...[...BIDI_SCOPED, ...BIDI_MARKS, '2028', '2029', '0007', '009B', 'D800', 'DC00'].map(char),
    '\t',
    '\n',
    ' ',
    E_ACUTE,
    FAMILY,
  ),
  fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
)

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
    (grapheme) => {
      expect(checkUserText('from', grapheme.repeat(40), NAME)).toBe(grapheme.repeat(40))
      expect(() => checkUserText('from', grapheme.repeat(41), NAME)).toThrow(
        /`from` must have 1 to 40 characters/,
      )
    },
  )

  test('checkUserText() counts 21 emoji as 21 characters, not 42', () => {
    expect(checkUserText('from', '😀'.repeat(21), NAME)).toHaveLength(42)
  })

  test.each([...BIDI_SCOPED, ...BIDI_MARKS, '2028', '2029', '0007', '009B', '000A', '0009'])(
    'checkUserText() refuses U+%s inside a name, naming the field and the code point',
    (code) => {
      const name = `ada${char(code)}bob`
      expect(() => checkUserText('from', name, NAME)).toThrow(TypeError)
      expect(() => checkUserText('from', name, NAME)).toThrow(
        new RegExp(`^Cannot publish: \`from\` cannot contain .*\\(U\\+${code}\\)$`),
      )
    },
  )

  test.each(BIDI_SCOPED)('checkUserText() refuses U+%s inside a message', (code) => {
    expect(() => checkUserText('text', `hi ${char(code)}there`, TEXT)).toThrow(
      /`text` cannot contain bidirectional embeddings, overrides or isolates/,
    )
  })

  test('checkUserText() lets a message hold line breaks, tabs, separators and bidi marks', () => {
    const text = 'שלום\u200f world\n\tsecond line\u2028third'
    expect(checkUserText('text', text, TEXT)).toBe(text)
  })

  // Each draws nothing on its own: zero-width space, joiner and non-joiner, word joiner, BOM,
  // soft hyphen, variation selectors, a combining mark without a base, Hangul fillers, the empty
  // Braille pattern, a tag character, the Mongolian vowel separator, no-break and ideographic spaces.
  const INVISIBLE = [
    ...['200B', '200C', '200D', '2060', 'FEFF', '00AD', 'FE0F', 'E0100', '0301', '3164'],
    ...['115F', 'FFA0', '2800', 'E0041', '180E', '00A0', '3000', '200F'],
  ]

  test.each(INVISIBLE)(
    'checkUserText() refuses U+%s alone with the error of an empty text',
    (code) => {
      const empty = () => checkUserText('text', '', TEXT)
      expect(empty).toThrow(TypeError)
      const expected = (() => {
        try {
          empty()
        } catch (error) {
          return (error as Error).message
        }
      })()
      expect(() => checkUserText('text', char(code), TEXT)).toThrow(new TypeError(expected))
    },
  )

  // A name refuses U+200F for being a bidi mark, before it is ever counted.
  test.each(INVISIBLE.filter((code) => code !== '200F'))(
    'checkUserText() refuses a name of U+%s alone as an empty one',
    (code) => {
      expect(() => checkUserText('from', char(code).repeat(3), NAME)).toThrow(
        /^Cannot publish: `from` must have 1 to 40 characters .*got 0$/,
      )
    },
  )

  test('checkUserText() refuses any text of invisible characters alone, as an empty one', () => {
    const invisible = fc.string({ unit: fc.constantFrom(...INVISIBLE.map(char)), minLength: 1 })
    fc.assert(
      fc.property(invisible, (text) => {
        expect(() => checkUserText('text', text, TEXT)).toThrow(
          /^Cannot publish: `text` must have 1 to 1000 characters .*got 0$/,
        )
      }),
    )
  })

  test('checkUserText() takes a visible character among invisible ones, and keeps them', () => {
    const invisible = fc.string({ unit: fc.constantFrom(...INVISIBLE.map(char)), maxLength: 5 })
    const visible = fc.constantFrom(
      'x',
      '.',
      '7',
      '😀',
      '❤\uFE0F',
      E_ACUTE,
      '\u0915\u093F',
      '\u20DD',
    )
    fc.assert(
      fc.property(invisible, visible, invisible, (before, seen, after) => {
        const text = `${before}${seen}${after}`
        expect(checkUserText('text', text, TEXT)).toBe(text.trim())
      }),
    )
  })

  test('checkUserText() refuses lone surrogates and non-strings', () => {
    expect(() => checkUserText('text', 'a\ud800b', TEXT)).toThrow(/`text` must be well-formed/)
    expect(() => checkUserText('from', 5, NAME)).toThrow(/`from` must be a string/)
  })

  test('checkUserText() returns a trimmed name of 1 to 40 characters, or throws a TypeError', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCharacter, maxLength: 60 }), (value) => {
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
    const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter(
      (text) =>
        text.trim() === text &&
        // Something to read: a letter or digit that is not a default-ignorable filler.
        /[\p{L}\p{N}]/u.test(text.replace(/\p{Default_Ignorable_Code_Point}/gu, '')) &&
        !/[\p{Cc}\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]/u.test(text),
    )
    fc.assert(
      fc.property(printable, (name) => {
        expect(checkUserText('from', name, NAME)).toBe(name)
      }),
    )
  })
})
