/**
 * The event every fan-out contender broadcasts. The sequence number is zero-padded, so every
 * event of a contender has the same length on the wire: the load client counts events on most
 * sockets from their byte counts, and parses a sample of sockets in full to check that.
 */

/** A small JSON payload, as a feed would carry. */
export interface FanoutPayload {
  seq: string
  text: string
}

const TEXT = 'x'.repeat(64)

/** The event with sequence number `seq`: its ID and its data. */
export function fanoutEvent(seq: number): { id: string; data: FanoutPayload } {
  const padded = String(seq).padStart(10, '0')
  return { id: padded, data: { seq: padded, text: TEXT } }
}

/** The contenders: each runs in its own server process. */
export type FanoutContender = 'ssekit' | 'ssekit-direct' | 'hono' | 'hand' | 'hand-web'

/**
 * One contender's side of a server: how many clients it holds, and a broadcast of one event to
 * all of them.
 */
export interface Broadcaster {
  readonly subscribers: number
  publish(seq: number): void
}
