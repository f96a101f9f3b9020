import type { MessageKind } from '../messages.ts'

/** Produces one response that streams `count` events of a kind, then ends. */
export type StreamRun = (count: number) => Response | Promise<Response>

/** A way to stream events as a web `Response`: a library, or a hand-written baseline. */
export interface Contender {
  name: string
  label: string
  /** Everything that is not per-stream work (routers, formatters) happens here, outside timing. */
  prepare(kind: MessageKind): StreamRun
  /**
   * The `data` a client must receive for a message's `data`.
   * @defaultValue strings as they are, anything else as JSON ({@link dataText})
   */
  expectedData?: (data: unknown) => string
}

/** Request URL for framework contenders: the count travels as a query parameter. */
export function benchRequest(count: number, signal?: AbortSignal): Request {
  return new Request(`http://bench.local/?n=${count}`, signal ? { signal } : {})
}

/** Reads the count back from a {@link benchRequest} URL. */
export function countOf(url: string): number {
  return Number(new URL(url).searchParams.get('n'))
}

export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
}
