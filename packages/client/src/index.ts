/**
 * A fetch-based Server-Sent Events client: `for await (const e of events(url, init))`. It
 * reconnects with `Last-Event-ID`, backoff and jitter, notices dead connections, bounds memory,
 * and throws typed errors for responses that won't get better. Web APIs only: Workers, Deno,
 * Bun, Node and browsers. The relay lives in `@ssekit/client/relay`.
 *
 * @module
 */
export { SSEEventSizeError, SSEResponseError } from './errors.ts'
export { events } from './events.ts'
export type { Attempt, EventsInit, OpenInfo, RetryInfo } from './options.ts'
export type { EventsInput } from './request.ts'
export type { EventMap, EventStream, JsonEvent, ServerEvent } from './types.ts'
