import type { CloseReason } from '@ssekit/core'

/**
 * Subscribes while holding something for the subscriber (a followed topic, a pooled channel, a
 * lease watch), and lets go of it exactly when the stream closes, or at once if subscribing
 * fails, so that nothing held outlives its client.
 *
 * @param options The subscribe options; its `onClose` still runs, after `release`.
 * @param release Lets go of what is held.
 * @param subscribe Subscribes with the options given.
 * @returns What `subscribe` returns.
 *
 * @example Hold a topic for as long as its subscriber reads
 * ```ts
 * import { createChannel } from '@ssekit/channel'
 * import { subscribeHolding } from '@ssekit/channel/backend'
 * const channel = createChannel()
 * const response = await subscribeHolding({}, () => console.log('released'), (options) =>
 *   channel.subscribe(new Request('http://localhost/events'), options),
 * )
 * await response.body?.cancel()
 * ```
 */
export async function subscribeHolding<Options extends { onClose?: OnClose }>(
  options: Options,
  release: () => void,
  subscribe: (options: Options) => Response | Promise<Response>,
): Promise<Response> {
  try {
    return await subscribe({
      ...options,
      onClose: (reason: CloseReason) => {
        release()
        options.onClose?.(reason)
      },
    })
  } catch (error) {
    release()
    throw error
  }
}

type OnClose = ((reason: CloseReason) => void) | undefined
