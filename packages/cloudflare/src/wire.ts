import type { StoredEvent } from '@ssekit/channel'
import type { LoggedEvent } from './event-log.ts'

// What passes between the Worker and its channel's Durable Object besides RPC. Both sides are
// deployed together; a message of another shape means they are not, and is dropped with a log.

/** The Worker's request header naming the topics a subscriber follows, as a JSON array. */
export const TOPICS_HEADER = 'x-ssekit-topics'
/** The object's 101 response header: the newest ID when the WebSocket was accepted. */
export const LATEST_ID_HEADER = 'x-ssekit-latest-id'

const encoder = new TextEncoder()

/** One appended event as the object broadcasts it: one string shared by every socket. */
export function encodeLive(event: LoggedEvent): string {
  return JSON.stringify(event)
}

/** The event in a broadcast message, or `undefined` if it is not one. */
export function decodeLive(message: unknown): LoggedEvent | undefined {
  if (typeof message !== 'string') return undefined
  let value: unknown
  try {
    value = JSON.parse(message)
  } catch {
    return undefined
  }
  const { id, topic, frame, trace } = (value ?? {}) as Record<string, unknown>
  if (typeof id !== 'string' || typeof topic !== 'string' || typeof frame !== 'string') {
    return undefined
  }
  return { id, topic, frame, trace: typeof trace === 'string' ? trace : undefined }
}

/** The event as a fan-out delivers it: its wire bytes. */
export function toStoredEvent(event: LoggedEvent): StoredEvent {
  const bytes = encoder.encode(event.frame)
  return { id: event.id, topic: event.topic, bytes, traceparent: event.trace }
}

// Every subscriber's socket in an isolate receives the same broadcast string, one after another:
// the last one decoded serves them all, so an event is parsed and encoded once per isolate.
let lastMessage: unknown
let lastEvent: StoredEvent | undefined

/** A broadcast message as the event a fan-out delivers, or `undefined` if it is not one. */
export function receiveLive(message: unknown): StoredEvent | undefined {
  if (message !== lastMessage) {
    const event = decodeLive(message)
    lastMessage = message
    lastEvent = event === undefined ? undefined : toStoredEvent(event)
  }
  return lastEvent
}
