import type { RuntimeName } from '../runtime.ts'
import type { LoadReport } from './load-client.ts'
import type { ServerKind } from './routes.ts'

export interface Memory {
  rss: number
  /** Null where the server cannot see its heap (workerd). */
  heap: number | null
}

/** One server (runtime × SSE layer) holding one number of connections, then losing them all. */
export interface ConnectionsRun {
  runtime: RuntimeName | 'workerd'
  version: string
  server: ServerKind
  connections: number
  heartbeatMs: number
  /** Before any client, after a full GC. */
  baseline: Memory
  /** While every connection is held, after a full GC. */
  loaded: Memory
  /** `/stats` while the connections are held. */
  openStreams: number
  client: LoadReport
  /** After every socket dropped at once: time until `/stats` says 0. */
  statsZeroMs: number | null
  /** Time until the heap (after GC) is back within 10 % (+ `HEAP_SLACK`) of the baseline. */
  heapBackMs: number | null
  /** Memory once `/stats` is 0 and the heap is back (or the wait ran out). */
  after: Memory
  error?: string
}
