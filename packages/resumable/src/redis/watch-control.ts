import type { Channel } from '@ssekit/channel'

// Only stop requests are published on the control topic.
const STOP_LINE = '\nevent: stop\n'

/**
 * Follows a stream's `control` topic from now on, as a subscriber of its channel, and calls
 * `onStop` on the first stop request. The returned function ends the subscription.
 */
export function watchControl(
  acquired: { channel: Channel; release: () => void },
  onStop: () => void,
): () => void {
  const { channel, release } = acquired
  const controller = new AbortController()
  let stopped = false
  const request = new Request('https://resumable.invalid/control')
  channel
    .subscribe(request, { topics: 'control', signal: controller.signal, onClose: release })
    .then(async (response) => {
      const reader = response.body?.getReader()
      if (reader === undefined) return
      const decoder = new TextDecoder()
      let text = ''
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        text = (text + decoder.decode(value, { stream: true })).slice(-256)
        if (!stopped && text.includes(STOP_LINE)) {
          stopped = true
          onStop()
        }
      }
    })
    .catch((error: unknown) => {
      if (!controller.signal.aborted) console.error("ssekit: lost a stream's stop requests", error)
      release()
    })
  return () => controller.abort()
}
