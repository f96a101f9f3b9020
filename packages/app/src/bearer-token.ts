/**
 * Checks the bearer token a stream is opened with: resolves the time it expires (epoch
 * milliseconds or a `Date`), or `undefined` to refuse it.
 *
 * @example With jose and a shared secret
 * ```ts
 * import { jwtVerify } from 'jose'
 * const secret = new TextEncoder().encode('a secret of at least 32 bytes, kept on the server')
 * const verifyToken: VerifyToken = async (token) => {
 *   const { payload } = await jwtVerify(token, secret).catch(() => ({ payload: undefined }))
 *   return payload?.exp === undefined ? undefined : payload.exp * 1000
 * }
 * ```
 */
export type VerifyToken = (
  token: string,
) => number | Date | undefined | PromiseLike<number | Date | undefined>

/** Where a stream stands with its token: open until `expiresAt`, or refused with a 401. */
export type BearerCheck = { expiresAt: number | Date | undefined } | Response

/**
 * Checks the request's `Authorization: Bearer` token with `verify`. Without `verify` every request
 * passes and its stream does not expire.
 *
 * @param request The request that opens a stream.
 * @param verify The app's check, or `undefined` when the app checks no token.
 * @returns The expiry for the stream's options, or a 401 to answer with.
 *
 * @example Before a subscribe
 * ```ts
 * const checked = await checkBearer(c.req.raw, verifyToken)
 * if (checked instanceof Response) return checked
 * return channel.subscribe(c.req.raw, { expiresAt: checked.expiresAt })
 * ```
 */
export async function checkBearer(
  request: Request,
  verify: VerifyToken | undefined,
): Promise<BearerCheck> {
  if (verify === undefined) return { expiresAt: undefined }
  const [scheme, token] = (request.headers.get('authorization') ?? '').split(' ', 2)
  const expiresAt = scheme?.toLowerCase() === 'bearer' && token ? await verify(token) : undefined
  if (expiresAt !== undefined) return { expiresAt }
  return new Response('Cannot open the stream: send a valid token as `authorization: Bearer …`', {
    status: 401,
    headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain; charset=utf-8' },
  })
}
