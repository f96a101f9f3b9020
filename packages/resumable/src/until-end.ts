// The end event's one line that no other line of the stream can be: every data line starts
// with `data:`, every comment with `:`, and each event's `id:` line comes before its `event:`.
const END_LINE = '\nevent: end\n'

const encoder = new TextEncoder()

/**
 * Passes a reader's event stream through until its `end` event, then closes it: the end event
 * may come live or in a replay, on any instance, and the channel knows nothing of it. Closing
 * cancels the channel's side, so its subscriber leaves at once.
 */
export function untilEnd(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder()
  // The tail of the text seen so far, in case a write ever splits the end event.
  let tail = ''
  let ending = false
  return new TransformStream({
    transform(chunk, controller) {
      const text = tail + decoder.decode(chunk, { stream: true })
      const from = ending ? 0 : text.indexOf(END_LINE)
      if (from < 0) {
        controller.enqueue(chunk)
        tail = text.slice(-END_LINE.length)
        return
      }
      ending = true
      // The event ends at the first blank line after its `event:` line.
      const close = text.indexOf('\n\n', from + 1)
      if (close < 0) {
        controller.enqueue(chunk)
        tail = text.slice(-1)
        return
      }
      controller.enqueue(encoder.encode(text.slice(tail.length, close + 2)))
      controller.terminate()
    },
  })
}
