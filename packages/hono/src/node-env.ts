import { DIRECT_WRITE, type DirectWriter } from '@ssekit/core/backend'
import type { Context } from 'hono'

/** The part of Node's `ServerResponse` the integration uses. */
export interface NodeResponse {
  readonly headersSent: boolean
  write(chunk: Uint8Array | string): boolean
  on(event: 'drain', listener: () => void): unknown
}

type TakeOver = (writer: DirectWriter) => ReadableStream<Uint8Array> | undefined

// Only called under @hono/node-server, so on Node, whose `process` has it.
const nextTick = (run: () => void) =>
  (globalThis as unknown as { process: { nextTick(run: () => void): void } }).process.nextTick(run)

// The requests whose stream already goes to Node directly. `directWrite()` leaves them alone: even
// reading `c.res.body` would turn the adapter's light response into a full one, which the
// adapter reads before it writes the head, and the stream would fall back to the plain path.
const written = new WeakSet<Context>()

/**
 * Node's `ServerResponse` when `@hono/node-server` serves this request (it passes it as
 * `c.env.outgoing`), else undefined: on Workers, Deno, Bun and in `app.request()`.
 */
export function nodeResponse(c: Context): NodeResponse | undefined {
  const candidate = (c.env as { outgoing?: Partial<NodeResponse> } | undefined)?.outgoing
  return typeof candidate?.write === 'function' && typeof candidate.on === 'function'
    ? (candidate as NodeResponse)
    : undefined
}

/**
 * Under `@hono/node-server`, hands an unread ssekit event-stream body to Node's `ServerResponse`
 * (see `DIRECT_WRITE` in `@ssekit/core/backend`) and returns the relay stream the adapter reads
 * instead; undefined for any other body, a `HEAD` request, or any other server or runtime.
 *
 * The core keeps this safe for a body that middleware wraps afterwards: until the adapter has
 * written the response head, a read of the relay (a `pipeThrough()` of it, say) makes the stream
 * a plain one again, so every byte still flows through whatever reads it.
 */
export function writeToNode(
  c: Context,
  body: ReadableStream<Uint8Array> | null,
): ReadableStream<Uint8Array> | undefined {
  const outgoing = nodeResponse(c)
  if (outgoing === undefined || c.req.method === 'HEAD') return undefined
  const takeOver = (body as { [DIRECT_WRITE]?: TakeOver } | null)?.[DIRECT_WRITE]
  if (typeof takeOver !== 'function') return undefined
  // A method of the body: the core finds its stream through `this`.
  const relay = takeOver.call(body, {
    write: (chunk) => outgoing.write(chunk),
    onDrain: (resume) => void outgoing.on('drain', resume),
    // Without `overrideGlobalObjects` the adapter reads the body before it writes the head;
    // the core then keeps the plain stream for this response.
    headersSent: () => outgoing.headersSent,
    // Node runs its nextTick queue once the microtask queue is empty: a producer awaiting every
    // send() appends to the outbox until it stops or fills it, then it goes out in one write.
    afterTurns: nextTick,
  })
  if (relay !== undefined) written.add(c)
  return relay
}

/** Whether {@link writeToNode} already took this request's stream over. */
export function writesToNode(c: Context): boolean {
  return written.has(c)
}
