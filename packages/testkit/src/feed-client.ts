import assert from 'node:assert/strict'
import type { EventSourceMessage } from 'eventsource-parser'
import type { EventStreamReader } from './event-stream.ts'

/** A chat event as a client received it. */
export interface ReceivedChat {
  id: string | undefined
  from: string
  text: string
}

/**
 * A `from` no other test uses, so a test can pick its own events out of a channel that other
 * tests publish to as well.
 */
export function uniqueName(label: string): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}`
}

/** Publishes one chat message with `POST /events`, asserts the 201, and returns its ID. */
export async function publishChat(baseUrl: string, from: string, text: string): Promise<string> {
  const response = await fetch(`${baseUrl}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, text }),
  })
  assert.equal(
    response.status,
    201,
    `POST /events: ${response.status} ${await response.clone().text()}`,
  )
  const { id } = (await response.json()) as { id: unknown }
  assert.equal(typeof id, 'string', 'POST /events answers {"id": "…"}')
  assert.notEqual(id, '', 'The ID is not empty')
  return id as string
}

/** The chat events whose `from` is one of `senders`, in the order they arrived. */
export function chatsFrom(
  events: readonly EventSourceMessage[],
  ...senders: string[]
): ReceivedChat[] {
  return events
    .filter((event) => event.event === 'chat')
    .map((event) => {
      const { from, text } = JSON.parse(event.data) as { from: string; text: string }
      return { id: event.id, from, text }
    })
    .filter((chat) => senders.includes(chat.from))
}

/**
 * Reads a feed stream's first event, which must be its drop token (`event: drop-token`, no `id`),
 * and returns the token.
 */
export async function readDropToken(stream: EventStreamReader): Promise<string> {
  const [first] = await stream.waitForEvents(1)
  assert.equal(first?.event, 'drop-token', 'A feed stream opens with its drop token')
  assert.equal(first?.id, undefined, 'The drop token leaves the last event ID alone')
  // JSON like every other feed event, so a client that parses all data as JSON reads it too.
  const { token } = JSON.parse(first?.data ?? '{}') as { token?: unknown }
  assert.ok(
    typeof token === 'string' && /^[\w-]{16,}$/.test(token),
    'The drop token is long and random',
  )
  return token
}

/** Asks the server to close the stream that holds `token`. */
export function dropStream(baseUrl: string, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = token === undefined ? {} : { 'drop-token': token }
  return fetch(`${baseUrl}/events/drop`, { method: 'POST', headers })
}

/** Reads the stream until the event with `id` arrived. */
export function readUntilId(stream: EventStreamReader, id: string): Promise<void> {
  return stream.waitUntil(() => stream.events.some((event) => event.id === id), `event ${id}`)
}

/** Asserts that no event ID arrived twice on one stream. */
export function assertNoRepeatedIds(events: readonly EventSourceMessage[]): void {
  const ids = events.flatMap((event) => (event.id === undefined ? [] : [event.id]))
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index)
  assert.deepEqual(repeated, [], 'An event arrived twice')
}
