/**
 * Picks the content coding for a response from the client's `Accept-Encoding` and the codings
 * the server can produce, as RFC 9110 §12.5.3 says: each coding's q-value (default 1) is its
 * weight, `*` stands for every coding not named, a q-value of 0 refuses a coding, and `identity`
 * (no coding) is acceptable unless refused by name or by `*;q=0`. Among codings of equal weight
 * the server's order decides. Pure: no state, no I/O.
 *
 * @param acceptEncoding The request's `Accept-Encoding` header, or `null` when it sent none (then
 *   no coding is used: a client that asks for none gets the bytes as they are).
 * @param offered The codings the server can produce, in its order of preference, lower case.
 * @returns The coding to use, `'identity'` for none, or `undefined` when the client refuses every
 *   coding offered and identity too (a server may then send identity anyway, or 406).
 *
 * @example Choose between Brotli and gzip
 * ```ts
 * import { negotiateEncoding } from '@ssekit/core/backend'
 * const coding = negotiateEncoding(request.headers.get('accept-encoding'), ['br', 'gzip'])
 * return new Response(coding ?? 'identity')
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-accept-encoding
 */
export function negotiateEncoding(
  acceptEncoding: string | null,
  offered: readonly string[],
): string | undefined {
  if (acceptEncoding === null) return 'identity'
  const weights = parseAcceptEncoding(acceptEncoding)
  const wildcard = weights.get('*')
  let best: string | undefined
  let bestWeight = 0
  for (const coding of offered) {
    const weight = weights.get(coding) ?? wildcard ?? 0
    if (weight > bestWeight) {
      best = coding
      bestWeight = weight
    }
  }
  if (best !== undefined) return best
  // An empty header, or one that names only codings we lack, still takes identity unless refused.
  const identity = weights.get('identity') ?? (wildcard === 0 ? 0 : 1)
  return identity > 0 ? 'identity' : undefined
}

// `gzip;q=0.8, br, *;q=0` → { gzip: 0.8, br: 1, '*': 0 }. A malformed q-value counts as 0, so a
// garbled entry never turns a coding on; a repeated coding keeps its highest weight.
function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>()
  for (const entry of header.split(',')) {
    const [name = '', ...parameters] = entry.split(';')
    const coding = name.trim().toLowerCase()
    if (coding === '') continue
    let weight = 1
    for (const parameter of parameters) {
      const [key = '', value = ''] = parameter.split('=')
      if (key.trim().toLowerCase() !== 'q') continue
      weight = QVALUE.test(value.trim()) ? Number(value.trim()) : 0
    }
    weights.set(coding, Math.max(weight, weights.get(coding) ?? 0))
  }
  return weights
}

// RFC 9110 §12.4.2: "0" or "1" with up to three decimals.
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/
