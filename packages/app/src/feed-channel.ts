import type { CloseReason, SSEMessage } from '@ssekit/core'
import type { FeedMessage } from './feed-message.ts'

/** The events of the feed. */
export type FeedEvents = { chat: FeedMessage & { at: string } }

/**
 * What the feed routes need of a channel. The in-memory `createChannel()` is one; a channel over
 * Redis Streams or a Durable Object is another, so every process or isolate shares one feed.
 */
export interface FeedChannel {
  /** Opens a client's stream (replaying from its `Last-Event-ID`). */
  subscribe(
    request: Request,
    options: { signal?: AbortSignal; onClose?: (reason: CloseReason) => void },
  ): Response | Promise<Response>
  /**
   * Publishes one chat event; resolves with its ID once it is accepted. Rejects with an error
   * named `RedisUnavailableError` while its store cannot be reached: `POST /events` answers 503.
   */
  publish(message: SSEMessage<FeedEvents>): string | Promise<string>
}
