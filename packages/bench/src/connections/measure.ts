import { createParser } from 'eventsource-parser'
import { getJson } from '../harness/server.ts'
import { openStreams } from '../harness/streams.ts'
import type { IdleKind } from './routes.ts'
import type { IdleServer, Memory, Target } from './targets.ts'

/**
 * A heap after GC counts as back at its baseline within 10 % plus this: a server that has run
 * keeps some compiled code and caches it did not have before its first request.
 */
export const HEAP_SLACK: number = 2 * 2 ** 20

/** One server (runtime × kind) holding `connections` idle streams, then losing them all. */
export interface ConnectionsRun {
  runtime: string
  version: string
  server: IdleKind
  connections: number
  heartbeatMs: number
  /** Before any client, after a full GC. */
  baseline: Memory
  /** With every stream held, after a full GC. */
  loaded: Memory
  /** `/stats` while the streams are held. */
  openStreams: number
  client: {
    requested: number
    /** Streams whose head said 200. */
    open: number
    /** Streams that got at least one heartbeat in the watch window. */
    withHeartbeat: number
    minHeartbeats: number
    /** Streams that errored or closed before the count. */
    failed: number
    openMs: number
    watchMs: number
  }
  /** After every stream dropped at once: until `/stats` says 0. */
  statsZeroMs: number | null
  /** Until the heap (after GC) is back within 10 % + {@link HEAP_SLACK} of the baseline. */
  heapBackMs: number | null
  after: Memory
  error?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Runs `check` every `everyMs` until it holds: the ms since `since`, or null after `limitMs`.
async function poll(
  everyMs: number,
  limitMs: number,
  since: number,
  check: () => Promise<boolean>,
) {
  for (; performance.now() - since < limitMs; await sleep(everyMs)) {
    if (await check()) return performance.now() - since
  }
  return null
}

/**
 * A fresh server holds `connections` idle streams from this process: it opens them all, counts
 * the heartbeat comments each gets over `watchMs` (parsed with eventsource-parser), reads the
 * server's memory, then drops every stream at once and times the server's letting go. A failure
 * at any step is recorded in the run, not thrown: a full run reports what a server could not hold.
 */
export async function measureConnections(
  target: Target,
  server: IdleKind,
  connections: number,
  plan: { heartbeatMs: number; watchMs: number },
): Promise<ConnectionsRun> {
  const none = { rss: 0, heap: 0 }
  const { heartbeatMs, watchMs } = plan
  const run: ConnectionsRun = {
    ...{ runtime: target.runtime, version: '', server, connections, heartbeatMs },
    ...{
      baseline: none,
      loaded: none,
      openStreams: 0,
      statsZeroMs: null,
      heapBackMs: null,
      after: none,
    },
    client: {
      requested: connections,
      open: 0,
      withHeartbeat: 0,
      minHeartbeats: 0,
      failed: 0,
      openMs: 0,
      watchMs,
    },
  }
  let started: IdleServer | undefined
  let streams: Awaited<ReturnType<typeof openStreams>> | undefined
  try {
    started = await target.start(server, heartbeatMs)
    const { url } = started
    const open = async () => (await getJson<{ open: number }>(`${url}/stats`)).open
    run.version = started.version
    run.baseline = await started.memory()
    const comments = new Array<number>(connections).fill(0)
    const parsers = comments.map((_, i) => {
      const parser = createParser({
        onEvent() {},
        onComment() {
          comments[i] = (comments[i] ?? 0) + 1
        },
      })
      const decoder = new TextDecoder()
      return (bytes: Buffer) => parser.feed(decoder.decode(bytes, { stream: true }))
    })
    // Polling keeps the probe's keep-alive connection warm: near a server's descriptor limit
    // (workerd under wrangler dev) a new connection for /stats would be refused.
    const warm = setInterval(() => open().catch(() => {}), 1000)
    try {
      streams = await openStreams(`${url}/sse`, connections, (i, bytes) => parsers[i]?.(bytes))
      // Only what arrives from now on counts: the opening comment does not.
      comments.fill(0)
      await sleep(watchMs)
      const live = comments.filter((_, i) => streams?.status[i] === 200 && !streams.closed[i])
      run.client = {
        ...run.client,
        open: streams.status.filter((status) => status === 200).length,
        withHeartbeat: live.filter((count) => count > 0).length,
        minHeartbeats: Math.min(...comments.map((count, i) => (streams?.closed[i] ? 0 : count))),
        failed: streams.closed.filter(Boolean).length,
        openMs: streams.openMs,
      }
      run.openStreams = await open()
      run.loaded = await started.memory()
    } finally {
      clearInterval(warm)
    }
    streams.destroy()
    const dropped = performance.now()
    run.statsZeroMs = await poll(10, 20_000, dropped, async () => (await open()) === 0)
    const { memory } = started
    const baseline = run.baseline.heap
    run.after = await memory()
    if (baseline !== null) {
      run.heapBackMs = await poll(100, 10_000, dropped, async () => {
        run.after = await memory()
        return (run.after.heap ?? 0) <= baseline * 1.1 + HEAP_SLACK
      })
    }
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    const said = started?.diagnose()
    run.error = said ? `${message}; the server said: ${said}` : message
  } finally {
    streams?.destroy()
    await started?.stop()
  }
  return run
}
