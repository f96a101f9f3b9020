import type { ServerEvent } from './types.ts'

/**
 * The event with its data parsed as JSON, for `json: true`.
 * @throws {SyntaxError} The data is not JSON; the message names the event and its ID.
 * @internal
 */
export function parseJsonEvent(event: ServerEvent): ServerEvent<string, unknown> {
  try {
    return { ...event, data: JSON.parse(event.data) }
  } catch (cause) {
    const id = event.id === '' ? '' : ` (id "${event.id}")`
    throw new SyntaxError(
      `Cannot parse event: the data of the "${event.event}" event${id} is not JSON`,
      { cause },
    )
  }
}
