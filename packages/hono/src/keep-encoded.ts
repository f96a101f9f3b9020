/**
 * Hands on a response that `c.body()` made, so that a compressed event stream stays as it is.
 * `c.body()` builds a plain `ResponseInit`, which drops the `encodeBody: 'manual'` that
 * `@ssekit/core` sets on a compressed body: Cloudflare Workers would then compress it a second
 * time for its `Content-Encoding`. A response without `Content-Encoding` is returned unchanged
 * (and unread, so `@hono/node-server` keeps its light response).
 *
 * @param answer What `c.body()` returned.
 * @returns `answer`, or the same status, headers and body with `encodeBody: 'manual'`.
 */
export function keepEncoded(answer: Response): Response {
  if (!answer.headers.has('content-encoding')) return answer
  const { status, headers, body } = answer
  return new Response(body, { status, headers, encodeBody: 'manual' } as ResponseInit)
}
