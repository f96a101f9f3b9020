import { checkUserText } from './user-text.ts'

/** A chat message as the feed publishes it. */
export interface FeedMessage {
  /**
   * Who wrote it: 1 to 40 characters as a reader counts them (grapheme clusters), trimmed; no
   * control characters, bidirectional controls or line separators.
   */
  from: string
  /**
   * What they wrote: 1 to 1000 characters as a reader counts them, trimmed; line breaks and
   * bidirectional marks allowed, other controls and bidirectional embeddings, overrides or
   * isolates not.
   */
  text: string
}

/** The events of the feed: each chat message with the time it was published. */
export type FeedEvents = { chat: FeedMessage & { at: string } }

/** The largest `POST /events` body accepted, in bytes. */
export const MAX_FEED_BODY_BYTES = 4096
/** The most characters (grapheme clusters) in `from`. */
export const MAX_FROM_CHARACTERS = 40
/** The most characters (grapheme clusters) in `text`. */
export const MAX_TEXT_CHARACTERS = 1000

/**
 * Checks a parsed JSON body: an object with exactly `from` and `text`, both strings that pass
 * the rules of {@link FeedMessage}.
 *
 * @param body The parsed JSON.
 * @returns The message, trimmed.
 * @throws {TypeError} Naming the field that is wrong.
 *
 * @example
 * ```ts
 * parseFeedMessage(JSON.parse('{"from":" ada ","text":"hi"}')) // { from: 'ada', text: 'hi' }
 * ```
 */
export function parseFeedMessage(body: unknown): FeedMessage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TypeError('Cannot publish: the body must be a JSON object with `from` and `text`')
  }
  const extra = Object.keys(body).filter((key) => key !== 'from' && key !== 'text')
  if (extra.length > 0) throw new TypeError('Cannot publish: only `from` and `text` are allowed')
  const { from, text } = body as Record<string, unknown>
  return {
    from: checkUserText('from', from, { max: MAX_FROM_CHARACTERS, multiline: false }),
    text: checkUserText('text', text, { max: MAX_TEXT_CHARACTERS, multiline: true }),
  }
}
