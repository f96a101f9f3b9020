/**
 * The most bytes of an oversized body read and dropped before answering 413. A runtime answering
 * while the client still uploads may reset the connection instead (wrangler dev's proxy answers
 * 500 then), so the rest is read to its end; Cloudflare refuses bodies over 100 MB on most plans
 * before a Worker sees them, and past this limit the upload is cut off.
 */
export const DISCARD_LIMIT_BYTES: number = 100 * 1024 * 1024

/**
 * Reads a request body as UTF-8 text, refusing more than `max` bytes whatever `Content-Length`
 * says. An oversized body is read on to its end (up to {@link DISCARD_LIMIT_BYTES}) and dropped.
 *
 * @param request The request whose body to read.
 * @param max The most bytes accepted.
 * @returns The text, or `undefined` when the body is larger than `max` bytes.
 * @throws {TypeError} When the body is not valid UTF-8, or the upload broke off.
 *
 * @example Refuse more than 4 KiB
 * ```ts
 * const text = await readCappedText(c.req.raw, 4096)
 * if (text === undefined) return c.text('Too large', 413)
 * ```
 */
export async function readCappedText(request: Request, max: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length'))
  if (request.body === null) return declared > max ? undefined : ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > max || declared > max) {
        await discardRest(reader, size)
        return undefined
      }
      chunks.push(value)
    }
  } catch {
    // The client left mid-upload, or sent a broken chunked body: nothing to publish.
    throw new TypeError('Cannot publish: the body broke off before its end')
  }
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    return (
      chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()
    )
  } catch {
    throw new TypeError('Cannot publish: the body is not valid UTF-8')
  }
}

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, read: number) {
  while (read <= DISCARD_LIMIT_BYTES) {
    const { done, value } = await reader.read()
    if (done) return
    read += value.length
  }
  await reader.cancel()
}
