/** Which characters a field refuses, besides C0 and C1 controls. */
export interface UserTextRules {
  /** The most characters allowed, counted as a reader sees them (grapheme clusters). */
  max: number
  /** A multi-line field: tab, LF, CR, U+2028 and U+2029 are allowed, and bidi marks too. */
  multiline: boolean
}

// Graphemes, as UAX #29 draws them: 👩‍👩‍👧 or e + U+0301 is one character to a reader, and one here.
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })
// With the `u` flag a surrogate pair is one code point, so this finds lone surrogates only.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u
const CONTROL = /\p{Cc}/u
const LINE_BREAK = /^[\t\n\r]$/
// Embeddings, overrides and isolates reorder the text after them until they are closed: in a chat
// line a name ending in U+202E would print the message that follows it backwards.
const BIDI_SCOPED = /[\u202A-\u202E\u2066-\u2069]/u
// LRM, RLM and ALM reorder nothing beyond their neighbours; right-to-left writers need them.
const BIDI_MARK = /[\u200E\u200F\u061C]/u
const SEPARATOR = /[\u2028\u2029]/u
// What draws something: letters, digits, punctuation, symbols, spacing and enclosing marks, private
// use. Spaces, format characters (U+200B, U+2060, U+FEFF, bidi marks) and combining marks on their
// own draw nothing, so a text of them alone reads as empty.
const INKED = /[\p{L}\p{N}\p{P}\p{S}\p{Mc}\p{Me}\p{Co}]/u
// Inked by category, blank on screen: Hangul fillers (U+3164, U+115F, U+1160, U+FFA0) and the other
// default-ignorable letters, and the empty Braille pattern U+2800, a favourite for blank names.
const BLANK = /[\p{Default_Ignorable_Code_Point}\u2800]/u

/**
 * Counts the characters of a text as a reader sees them: grapheme clusters, so an emoji sequence or
 * a letter with combining marks is one. Stops counting past `stopAfter`.
 *
 * @param text The text to measure.
 * @param stopAfter Counting ends once the count passes this.
 * @returns The number of graphemes, or `stopAfter + 1` when there are more.
 *
 * @example A family emoji is one character
 * ```ts
 * countGraphemes('👩‍👩‍👧 e\u0301') // 3: the family, the space, é
 * ```
 * @see https://www.unicode.org/reports/tr29/#Grapheme_Cluster_Boundaries
 */
export function countGraphemes(text: string, stopAfter: number = Number.POSITIVE_INFINITY): number {
  let count = 0
  for (const _ of graphemes.segment(text)) if (++count > stopAfter) break
  return count
}

/**
 * Checks one text field of a message, trimmed: well-formed Unicode, no control characters, no
 * bidirectional controls that reorder the text around them, and 1 to `max` characters. A text
 * that draws nothing (only spaces, format characters such as U+200B, variation selectors,
 * combining marks without a base, Hangul fillers or U+2800) counts as empty.
 *
 * @param name The field's name, for the error message.
 * @param value The field as parsed from JSON.
 * @param rules The length limit and whether line breaks are allowed.
 * @returns The value, trimmed.
 * @throws {TypeError} Naming the field and, for a refused character, its code point.
 *
 * @example Check a chat name
 * ```ts
 * checkUserText('from', ' ada ', { max: 40, multiline: false }) // 'ada'
 * checkUserText('from', 'ada\u202e', { max: 40, multiline: false }) // throws, naming U+202E
 * checkUserText('text', '\u200b', { max: 1000, multiline: true }) // throws, as for ''
 * ```
 * @see https://www.unicode.org/reports/tr9/#Explicit_Directional_Formatting_Characters
 */
export function checkUserText(name: string, value: unknown, rules: UserTextRules): string {
  if (typeof value !== 'string') throw new TypeError(`Cannot publish: \`${name}\` must be a string`)
  const text = value.trim()
  if (LONE_SURROGATE.test(text)) {
    throw new TypeError(
      `Cannot publish: \`${name}\` must be well-formed Unicode (a lone surrogate)`,
    )
  }
  let inked = false
  for (const char of text) {
    const refused = refusal(char, rules.multiline)
    if (refused !== undefined) {
      throw new TypeError(
        `Cannot publish: \`${name}\` cannot contain ${refused} (${codePoint(char)})`,
      )
    }
    inked ||= INKED.test(char) && !BLANK.test(char)
  }
  // Invisible text gets the very refusal of an empty one: to a reader it is empty.
  const count = inked ? countGraphemes(text, rules.max) : 0
  if (count === 0 || count > rules.max) {
    throw new TypeError(
      `Cannot publish: \`${name}\` must have 1 to ${rules.max} characters (emoji and accented letters count as one), got ${count > rules.max ? `more than ${rules.max}` : 0}`,
    )
  }
  return text
}

function refusal(char: string, multiline: boolean): string | undefined {
  if (CONTROL.test(char) && !(multiline && LINE_BREAK.test(char))) return 'control characters'
  if (BIDI_SCOPED.test(char)) return 'bidirectional embeddings, overrides or isolates'
  if (multiline) return undefined
  if (BIDI_MARK.test(char)) return 'bidirectional marks'
  if (SEPARATOR.test(char)) return 'line or paragraph separators'
  return undefined
}

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
