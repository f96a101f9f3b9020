import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { definePart } from '../harness/part.ts'
import { getJson, getText, until } from '../harness/server.ts'
import { percentile } from '../harness/stats.ts'
import { openStreams } from '../harness/streams.ts'
import { bundleWorker, startWranglerDev, wranglerVersions } from '../harness/wrangler.ts'
import { fmt, ratio, table } from '../report/markdown.ts'

const CONFIG = fileURLToPath(new URL('../../workers/durable-object.jsonc', import.meta.url))

// Events are published `gapMs` apart; the idle waits double from `firstWaitMs` to `maxWaitMs`,
// then bisect to `resolutionMs`.
// `burst` events are then published `inFlight` at a time, for publishes per second. The idle
// probes run at the first size only.
const SMOKE = {
  sizes: [10],
  events: 3,
  gapMs: 10,
  burst: 10,
  inFlight: 4,
  firstWaitMs: 200,
  maxWaitMs: 200,
  resolutionMs: 200,
}
const FULL: typeof SMOKE = {
  sizes: [500, 2000],
  events: 50,
  gapMs: 100,
  burst: 200,
  inFlight: 8,
  firstWaitMs: 2000,
  maxWaitMs: 64_000,
  resolutionMs: 1000,
}
type Mode = 'object' | 'direct' | 'socket'

/**
 * The anchor's clients: `count` WebSockets (at most 200 connecting at once), each message's `id`
 * handed to `onId`. The same shape as `openStreams()`' result, as far as `measure` reads it.
 */
async function openSockets(url: string, count: number, onId: (i: number, id: string) => void) {
  const sockets: WebSocket[] = []
  const closed = new Array<boolean>(count).fill(false)
  const status = new Array<number>(count).fill(0)
  for (let from = 0; from < count; from += 200) {
    const batch = Array.from({ length: Math.min(200, count - from) }, (_, k) => {
      const i = from + k
      const socket = new WebSocket(url.replace(/^http/, 'ws'))
      sockets.push(socket)
      socket.onmessage = ({ data }) => onId(i, JSON.parse(String(data)).id)
      socket.onclose = () => {
        closed[i] = true
      }
      return new Promise<void>((resolve) => {
        socket.onopen = () => {
          status[i] = 200
          resolve()
        }
        socket.onerror = () => resolve()
      })
    })
    await Promise.all(batch)
  }
  const destroy = () => {
    for (const socket of sockets) socket.close()
  }
  return { status, closed, destroy }
}

const p50p99 = (ms: number[]) => ({ p50: percentile(ms, 50), p99: percentile(ms, 99) })

/**
 * One mode of worker.ts under `wrangler dev`: `subscribers` streams, then events published one at
 * a time, each timed from the POST until each subscriber has it; then, with every subscriber idle,
 * waits of growing length before a publish, each followed by a read of the object's construction
 * counter: a new construction means the runtime evicted (hibernated) the object meanwhile.
 */
async function measure(base: string, mode: Mode, plan: typeof SMOKE, subscribers: number) {
  const arrivals = Array.from({ length: subscribers }, () => new Map<string, number>())
  const onId = (i: number, id: string | undefined) => id && arrivals[i]?.set(id, performance.now())
  const url = `${base}/${mode}/events`
  const streams =
    mode === 'socket'
      ? await openSockets(url, subscribers, onId)
      : await openStreams(url, subscribers, { onEvent: (i, { id }) => onId(i, id) })
  try {
    if (streams.status.some((status) => status !== 200))
      throw new Error(`${mode}: a subscribe failed`)
    const publish = (body: string) => getText(`${base}/${mode}/publish`, { method: 'POST', body })
    const reached = (id: string) =>
      until(`event ${id} on every ${mode} stream`, () => arrivals.every((seen) => seen.has(id)), {
        everyMs: 1,
        timeoutMs: 10_000,
      })
    const [delivery, publishMs]: [number[], number[]] = [[], []]
    for (let n = 0; n < plan.events; n++) {
      const sent = performance.now()
      const id = await publish(`event ${n}`)
      publishMs.push(performance.now() - sent)
      await reached(id)
      for (const seen of arrivals) delivery.push((seen.get(id) as number) - sent)
      await sleep(plan.gapMs)
    }
    // Publishes per second: `burst` events, `inFlight` at a time, until every client has each.
    const burstStart = performance.now()
    const ids: string[] = []
    let next = 0
    const publisher = async () => {
      while (next < plan.burst) ids.push(await publish(`burst ${next++}`))
    }
    await Promise.all(Array.from({ length: plan.inFlight }, publisher))
    for (const id of ids) await reached(id)
    const burstMs = performance.now() - burstStart
    const probes: { waitMs: number; evicted: boolean }[] = []
    const constructions = async () =>
      (await getJson<Record<string, number>>(`${base}/lifecycle`))[mode]
    const evictedAfter = async (waitMs: number) => {
      await publish('warm')
      const before = await constructions()
      await sleep(waitMs)
      await reached(await publish('probe'))
      probes.push({ waitMs, evicted: (await constructions()) !== before })
      return probes.at(-1)?.evicted
    }
    let [awake, gone] = [0, Number.POSITIVE_INFINITY]
    const probing = subscribers === plan.sizes[0] && mode !== 'socket'
    for (let wait = plan.firstWaitMs; probing && wait <= plan.maxWaitMs && gone > wait; wait *= 2) {
      if (await evictedAfter(wait)) gone = wait
      else awake = wait
    }
    while (gone - awake > plan.resolutionMs && Number.isFinite(gone)) {
      const middle = Math.round((awake + gone) / 2)
      if (await evictedAfter(middle)) gone = middle
      else awake = middle
    }
    return {
      ...{ mode, subscribers, events: plan.events, probes },
      /** Events published per second in the burst, until every client had every one. */
      publishesPerSecond: plan.burst / (burstMs / 1000),
      /** Streams still open at the end: the object's evictions must not have cut any. */
      stillOpen: streams.closed.filter((closed) => !closed).length,
      deliveryMs: p50p99(delivery),
      /** The publish request's round trip (the ID comes back once stored). */
      publishMs: p50p99(publishMs),
      /** The longest idle spell after which the same instance was still in memory. */
      awakeAtLeastMs: awake,
      /** The shortest idle spell after which it had been evicted; null if it never was. */
      evictedWithinMs: Number.isFinite(gone) ? gone : null,
    }
  } finally {
    streams.destroy()
  }
}

type ModeResult = Awaited<ReturnType<typeof measure>>

const MODES = {
  object: '`@ssekit/cloudflare` (stream in the Worker, hibernatable WebSocket to the object)',
  direct: "direct (the object's `fetch` returns the stream)",
  socket: 'anchor: hand-written hibernatable WebSocket broadcast, a WebSocket per client',
}

/**
 * `@ssekit/cloudflare` under `wrangler dev` against the direct mode (the object's own `fetch`
 * holds every stream): publish-to-delivery latency, and how long the object stays in memory,
 * billed, once its subscribers go idle.
 */
export const durableObjectPart = definePart<{ plan: typeof SMOKE; runs: ModeResult[] }>({
  name: 'durable-object',
  async run({ smoke, log }) {
    const plan = smoke ? SMOKE : FULL
    const work = await mkdtemp(join(tmpdir(), 'ssekit-bench-do-'))
    try {
      const config = await bundleWorker(CONFIG, join(work, 'bundle'))
      const runs: ModeResult[] = []
      for (const subscribers of plan.sizes) {
        for (const mode of ['socket', 'object', 'direct'] as const) {
          const dev = await startWranglerDev(config, {
            persistTo: join(work, `${mode}-${subscribers}`),
            readyPath: '/stats',
          })
          const run = await measure(dev.url, mode, plan, subscribers).finally(dev.stop)
          log(`${mode} × ${subscribers}: delivery p99 ${fmt(run.deliveryMs.p99)} ms`)
          if (run.stillOpen !== subscribers) throw new Error(`Streams were cut in ${mode} mode`)
          runs.push(run)
        }
      }
      return { plan, ...(await wranglerVersions()), runs }
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  },
  report: ({ runs }) => {
    const anchor = (run: ModeResult) =>
      runs.find((r) => r.mode === 'socket' && r.subscribers === run.subscribers) ?? run
    const idle = (run: ModeResult) =>
      run.probes.length === 0
        ? '–'
        : run.evictedWithinMs === null
          ? `still in memory after ${fmt(run.awakeAtLeastMs / 1000)} s idle: never evicted`
          : `in memory ${fmt(run.awakeAtLeastMs / 1000)} s, evicted within ${fmt(run.evictedWithinMs / 1000)} s`
    return {
      blocks: {
        table: table(
          'Mode | Subscribers | delivery p50 | delivery p99 | p99 × anchor | publishes/s | × anchor | publish round trip p50 | idle object',
          runs.map((run) => [
            MODES[run.mode],
            fmt(run.subscribers, 6),
            fmt(run.deliveryMs.p50),
            fmt(run.deliveryMs.p99),
            ratio(run.deliveryMs.p99 / anchor(run).deliveryMs.p99),
            fmt(run.publishesPerSecond),
            ratio(run.publishesPerSecond / anchor(run).publishesPerSecond),
            fmt(run.publishMs.p50),
            idle(run),
          ]),
        ),
      },
      targets: runs
        .filter((run) => run.mode === 'object')
        .map((run) => {
          const vs = run.deliveryMs.p99 / anchor(run).deliveryMs.p99
          return {
            id: `do-p99:${run.subscribers}`,
            target: `Durable Object fan-out to ${fmt(run.subscribers, 6)}: delivery p99 ≤ 1.5× the hand-written WebSocket broadcast`,
            measured: `${fmt(run.deliveryMs.p99)} ms, ${ratio(vs)}`,
            ok: vs <= 1.5,
          }
        }),
    }
  },
})
