const JSON_ESSENCE = /^application\/json$/i
const OWS = /^[ \t]+|[ \t]+$/g

/**
 * Whether a `Content-Type` value is JSON: the media type `application/json` in any letter case
 * (type and subtype are case-insensitive, RFC 9110 §8.3.1), with any parameters after `;`. The
 * parameters are ignored: a JSON body is UTF-8 whatever `charset` says (RFC 8259 §8.1).
 *
 * @param value The header's value, or `undefined` when absent.
 * @returns `true` for `application/json`, `APPLICATION/JSON; charset=utf-8` and the like;
 *   `false` for anything else, `application/jsonx` and `application/json-seq` among them.
 *
 * @example Refuse what is not JSON
 * ```ts
 * app.post('/events', (c) =>
 *   isJsonContentType(c.req.header('content-type')) ? c.body(null, 204) : c.text('JSON only', 415),
 * )
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1
 */
export function isJsonContentType(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false
  const semicolon = value.indexOf(';')
  // HTTP's optional whitespace is spaces and tabs, nothing else (RFC 9110 §5.6.3).
  const essence = (semicolon === -1 ? value : value.slice(0, semicolon)).replace(OWS, '')
  // Without the `u` flag, `i` folds ASCII letters only: no other character matches an ASCII one.
  return JSON_ESSENCE.test(essence)
}
