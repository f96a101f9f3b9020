/** Reads a body to its end and returns how many bytes it held: the timed part of a run. */
export async function drain(body: ReadableStream<Uint8Array> | null): Promise<number> {
  if (!body) throw new TypeError('Cannot drain a response without a body')
  const reader = body.getReader()
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return bytes
    bytes += value.byteLength
  }
}
