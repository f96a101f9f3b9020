import { setTimeout as sleep } from 'node:timers/promises'
import { stripVTControlCharacters } from 'node:util'
import type { RuntimeName } from '../harness/runtime.ts'
import { type BenchServer, getJson, startBenchServer, until } from '../harness/server.ts'
import { openStreams, type Streams } from '../harness/streams.ts'
import type { IdleKind } from './routes.ts'

/** Memory in bytes, after a full GC. */
type Memory = { rss: number; heap: number }

/**
 * A heap after GC counts as back at its baseline within 10 % plus this: a server that has run
 * keeps some compiled code and caches it did not have before its first request.
 */
const HEAP_SLACK = 2 * 2 ** 20

const none: Memory = { rss: 0, heap: 0 }

/**
 * A fresh server holds `connections` idle streams from this process: it opens them all, counts
 * the heartbeat comments each gets over `watchMs` (parsed with eventsource-parser), reads the
 * server's memory after a full GC (before any client, then with every stream held), then drops
 * every stream at once and times the server's letting go: until `/stats` says 0, and until its
 * heap is back near its baseline. A failure at any step is recorded in the run, not thrown: a full
 * run reports what a server could not hold.
 */
export async function measureConnections(
  runtime: RuntimeName,
  server: IdleKind,
  connections: number,
  { heartbeatMs, watchMs }: { heartbeatMs: number; watchMs: number },
) {
  const run = {
    ...{ runtime, version: '', server, connections, heartbeatMs },
    ...{ baseline: none, loaded: none, after: none, error: undefined as string | undefined },
    /** `/stats` while the streams are held. */
    openStreams: 0,
    client: {
      requested: connections,
      open: 0,
      withHeartbeat: 0,
      minHeartbeats: 0,
      failed: 0,
      openMs: 0,
      watchMs,
    },
    /** After every stream dropped at once: until `/stats` said 0, and until the heap was back. */
    statsZeroMs: null as number | null,
    heapBackMs: null as number | null,
  }
  let started: BenchServer | undefined
  let streams: Streams | undefined
  try {
    started = await startBenchServer(runtime, `idle:${server}`, {
      env: { HEARTBEAT_MS: String(heartbeatMs) },
    })
    const { url } = started
    const memory = () => getJson<Memory>(`${url}/memory`)
    const open = async () => (await getJson<{ open: number }>(`${url}/stats`)).open
    run.version = started.version
    run.baseline = await memory()
    const comments = new Array<number>(connections).fill(0)
    const onComment = (i: number) => {
      comments[i] = (comments[i] ?? 0) + 1
    }
    // Polling keeps the probe's keep-alive connection warm: near a server's descriptor limit a
    // new connection for /stats would be refused.
    const warm = setInterval(() => open().catch(() => {}), 1000)
    try {
      streams = await openStreams(`${url}/sse`, connections, { onComment })
      comments.fill(0) // Only what arrives from now on counts: not the opening comment.
      await sleep(watchMs)
      const live = comments.map((count, i) =>
        streams?.status[i] === 200 && !streams.closed[i] ? count : 0,
      )
      run.client.open = streams.status.filter((status) => status === 200).length
      run.client.withHeartbeat = live.filter((count) => count > 0).length
      run.client.minHeartbeats = Math.min(...live)
      run.client.failed = streams.closed.filter(Boolean).length
      run.client.openMs = streams.openMs
      run.openStreams = await open()
      run.loaded = await memory()
    } finally {
      clearInterval(warm)
    }
    streams.destroy()
    const dropped = performance.now()
    const since = (ms: Promise<number>) =>
      ms.then(() => performance.now() - dropped).catch(() => null)
    run.statsZeroMs = await since(
      until('/stats = 0', async () => (await open()) === 0, { everyMs: 10, timeoutMs: 20_000 }),
    )
    run.after = await memory()
    const back = async () => {
      run.after = await memory()
      return run.after.heap <= run.baseline.heap * 1.1 + HEAP_SLACK
    }
    run.heapBackMs = await since(until('the heap back', back, { everyMs: 100, timeoutMs: 10_000 }))
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    // What servers print when they run out of something: worth quoting next to a failed run.
    const said = stripVTControlCharacters(started?.output() ?? '')
      .split('\n')
      .find((line) => /too many open files|crashed|out of memory|EMFILE/i.test(line))
      ?.trim()
    run.error = said ? `${message}; the server said: ${said}` : message
  } finally {
    streams?.destroy()
    await started?.stop()
  }
  return run
}

/** One server (runtime × kind) holding some idle streams, then losing them all. */
export type ConnectionsRun = Awaited<ReturnType<typeof measureConnections>>
