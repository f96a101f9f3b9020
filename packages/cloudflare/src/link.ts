import type { ReplayBatch, SubscribeOptions, SubscriberDefaults } from '@ssekit/channel'
import { FanOut, type ReplaySource, subscribedTopics } from '@ssekit/channel/backend'
import type { ChannelStub } from './channel-namespace.ts'
import { objectFailed, objectReached } from './object-health.ts'
import { compareSequenceIds } from './sequence-id.ts'
import { LATEST_ID_HEADER, receiveLive, TOPICS_HEADER, toStoredEvent } from './wire.ts'

/** What one subscribe needs from its channel. */
export interface LinkSettings {
  stub: ChannelStub
  defaults: SubscriberDefaults
  retryAfterReset: number
  /** Called with the subscriber's fan-out while its stream is open, and with its end. */
  opened(fanOut: FanOut): void
  ended(fanOut: FanOut): void
}

// The object's answer when the link cannot be made: the stream ends at once with `retry:`.
const NOTHING: ReplaySource = {
  readAfter: () => ({ events: [], complete: true }),
  latestId: () => undefined,
}

/**
 * Throws the fan-out's `RangeError`/`TypeError` for a bad subscriber default, to whoever makes
 * the channel: each subscriber's fan-out is made later, once its socket is open.
 */
export function checkDefaults(defaults: SubscriberDefaults): void {
  void new FanOut(NOTHING, defaults)
}

/**
 * Opens one client's stream through the channel's object. In workerd a WebSocket belongs to the
 * request that opened it, so each subscriber has its own, and its own one-client `FanOut`:
 *
 * 1. The socket is opened first. The object accepts it and reads its newest ID in one turn, so
 *    every later event arrives on the socket and every earlier one is in SQLite.
 * 2. In one turn after that: accept, listen, subscribe. Nothing on the socket is missed.
 * 3. With a `Last-Event-ID`, the fan-out reads the replay over RPC while live events wait in its
 *    backlog; events in both are sent once, since it drops any ID not above the last it sent.
 */
export async function subscribeLinked(
  request: Request,
  options: SubscribeOptions,
  settings: LinkSettings,
): Promise<Response> {
  const topics = [...subscribedTopics(options.topics)]
  // HEAD gets the headers alone: no subscriber, so no socket.
  if (request.method === 'HEAD')
    return new FanOut(NOTHING, settings.defaults).subscribe(request, options)
  let socket: WebSocket
  let latest: string | undefined
  try {
    const answer = await settings.stub.fetch('https://ssekit.invalid/subscribe', {
      headers: { upgrade: 'websocket', [TOPICS_HEADER]: JSON.stringify(topics) },
    })
    if (answer.webSocket === null) throw new Error(`The object answered ${answer.status}`)
    socket = answer.webSocket
    latest = answer.headers.get(LATEST_ID_HEADER) ?? undefined
    objectReached()
  } catch (error) {
    objectFailed('unreachable', "The channel's Durable Object could not be reached", error)
    return endWithRetry(request, options, settings)
  }
  const fanOut: FanOut = new FanOut(
    {
      readAfter: (lastEventId, following) => readReplay(settings, fanOut, lastEventId, following),
      latestId: () => latest,
    },
    { ...settings.defaults, compareIds: compareSequenceIds, backend: 'durable-object' },
  )
  socket.accept()
  socket.addEventListener('message', ({ data }) => {
    const event = receiveLive(data)
    if (event === undefined) console.error('ssekit: dropped a malformed message from the object')
    else fanOut.deliver(event)
  })
  // The object went away (a deploy, an eviction): the client reconnects and replays.
  const reset = () => {
    // The socket also closes after its subscriber left: only a live one was cut off.
    if (fanOut.size === 0) return
    objectFailed(
      'reset',
      "The channel's Durable Object went away: its streams end with a retry hint",
    )
    fanOut.disconnectAll({ retry: settings.retryAfterReset })
  }
  socket.addEventListener('close', reset)
  socket.addEventListener('error', reset)
  settings.opened(fanOut)
  // The channel was closed while the socket was being opened: the closed fan-out answers 204 and
  // tells the caller's onClose, as a subscribe after close() does.
  if (fanOut.closed) {
    closeSocket(socket)
    settings.ended(fanOut)
    return fanOut.subscribe(request, options)
  }
  try {
    return fanOut.subscribe(request, {
      ...options,
      onClose: (reason) => {
        // The client left (cancel, a failed write, its signal) or the stream ended: let go of
        // the socket now, so the object can hibernate and forgets this subscriber.
        closeSocket(socket)
        settings.ended(fanOut)
        options.onClose?.(reason)
      },
    })
  } catch (error) {
    closeSocket(socket)
    settings.ended(fanOut)
    throw error
  }
}

async function readReplay(
  settings: LinkSettings,
  fanOut: FanOut,
  lastEventId: string,
  topics: ReadonlySet<string>,
): Promise<ReplayBatch> {
  try {
    const batch = await settings.stub.readAfter(lastEventId, [...topics])
    return { events: batch.events.map(toStoredEvent), complete: batch.complete }
  } catch (error) {
    // Not a gap: the history is still there. The client comes back and reads it then.
    objectFailed('replay', "The channel's Durable Object could not replay", error)
    fanOut.disconnectAll({ retry: settings.retryAfterReset })
    return { events: [], complete: true }
  }
}

function endWithRetry(
  request: Request,
  options: SubscribeOptions,
  settings: LinkSettings,
): Response {
  const fanOut = new FanOut(NOTHING, settings.defaults)
  const response = fanOut.subscribe(request, options)
  fanOut.disconnectAll({ retry: settings.retryAfterReset })
  return response
}

function closeSocket(socket: WebSocket): void {
  try {
    socket.close(1000, 'The client left')
  } catch {
    // Already closed by the object.
  }
}
