/**
 * Relays an upstream event stream through your server: `relay(events(url), { signal })` answers
 * with an `@ssekit/core` event-stream `Response`. Needs `@ssekit/core` (a peer dependency).
 *
 * @module
 */
export { type RelayOptions, type RelayTransform, relay } from './relay.ts'
