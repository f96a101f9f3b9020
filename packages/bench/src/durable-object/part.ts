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
import { fmt, table } from '../report/markdown.ts'

const CONFIG = fileURLToPath(new URL('../../workers/durable-object.jsonc', import.meta.url))

// Events are published `gapMs` apart; the idle waits double from `firstWaitMs` to `maxWaitMs`,
// then bisect to `resolutionMs`.
const SMOKE = {
  subscribers: 10,
  events: 3,
  gapMs: 10,
  firstWaitMs: 200,
  maxWaitMs: 200,
  resolutionMs: 200,
}
const FULL = {
  subscribers: 500,
  events: 50,
  gapMs: 100,
  firstWaitMs: 2000,
  maxWaitMs: 64_000,
  resolutionMs: 1000,
}

const p50p99 = (ms: number[]) => ({ p50: percentile(ms, 50), p99: percentile(ms, 99) })

/**
 * One mode of worker.ts under `wrangler dev`: `subscribers` streams, then events published one at
 * a time, each timed from the POST until each subscriber has it; then, with every subscriber idle,
 * waits of growing length before a publish, each followed by a read of the object's construction
 * counter: a new construction means the runtime evicted (hibernated) the object meanwhile.
 */
async function measure(base: string, mode: 'object' | 'direct', plan: typeof SMOKE) {
  const arrivals = Array.from({ length: plan.subscribers }, () => new Map<string, number>())
  const onEvent = (i: number, { id }: { id?: string | undefined }) =>
    id && arrivals[i]?.set(id, performance.now())
  const streams = await openStreams(`${base}/${mode}/events`, plan.subscribers, { onEvent })
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
    for (let wait = plan.firstWaitMs; wait <= plan.maxWaitMs && gone > wait; wait *= 2) {
      if (await evictedAfter(wait)) gone = wait
      else awake = wait
    }
    while (gone - awake > plan.resolutionMs && Number.isFinite(gone)) {
      const middle = Math.round((awake + gone) / 2)
      if (await evictedAfter(middle)) gone = middle
      else awake = middle
    }
    return {
      ...{ mode, subscribers: plan.subscribers, events: plan.events, probes },
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
      for (const mode of ['object', 'direct'] as const) {
        const dev = await startWranglerDev(config, {
          persistTo: join(work, mode),
          readyPath: '/stats',
        })
        const run = await measure(dev.url, mode, plan).finally(dev.stop)
        log(
          `${mode}: delivery p99 ${fmt(run.deliveryMs.p99)} ms, evicted within ${run.evictedWithinMs ?? 'never'}`,
        )
        if (run.stillOpen !== plan.subscribers) throw new Error(`Streams were cut in ${mode} mode`)
        runs.push(run)
      }
      return { plan, ...(await wranglerVersions()), runs }
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  },
  report: ({ runs }) => ({
    blocks: {
      table: table(
        'Mode | Subscribers | delivery p50 | delivery p99 | publish round trip p50 | idle object',
        runs.map((run) => [
          MODES[run.mode],
          fmt(run.subscribers, 6),
          fmt(run.deliveryMs.p50),
          fmt(run.deliveryMs.p99),
          fmt(run.publishMs.p50),
          run.evictedWithinMs === null
            ? `still in memory after ${fmt(run.awakeAtLeastMs / 1000)} s idle: never evicted`
            : `in memory ${fmt(run.awakeAtLeastMs / 1000)} s, evicted within ${fmt(run.evictedWithinMs / 1000)} s`,
        ]),
      ),
    },
  }),
})
