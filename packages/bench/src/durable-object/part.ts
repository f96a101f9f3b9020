import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createParser } from 'eventsource-parser'
import { definePart } from '../harness/part.ts'
import { getJson, getText } from '../harness/server.ts'
import { percentile } from '../harness/stats.ts'
import { openStreams } from '../harness/streams.ts'
import { bundleWorker, startWranglerDev, wranglerVersions } from '../harness/wrangler.ts'
import { fmt, table } from '../report/markdown.ts'

const CONFIG = fileURLToPath(new URL('../../workers/durable-object.jsonc', import.meta.url))

/** Which way the Worker serves the channel: see worker.ts. */
type Mode = 'object' | 'direct'

interface Plan {
  subscribers: number
  /** Events published one at a time for the latency samples, `gapMs` apart. */
  events: number
  gapMs: number
  /** The idle probes: waits double from `firstWaitMs` up to `maxWaitMs`, then bisect to `resolutionMs`. */
  firstWaitMs: number
  maxWaitMs: number
  resolutionMs: number
}

/** One mode's measurements. */
interface ModeResult {
  mode: Mode
  subscribers: number
  /** Streams still open at the end: the object's evictions must not have cut any. */
  stillOpen: number
  events: number
  /** From sending the publish until a subscriber has the event, over every subscriber and event. */
  deliveryMs: { p50: number; p99: number }
  /** The publish request's round trip (the ID comes back once stored). */
  publishMs: { p50: number; p99: number }
  /** The longest idle spell after which the same instance was still in memory. */
  awakeAtLeastMs: number
  /** The shortest idle spell after which it had been evicted; null if it never was. */
  evictedWithinMs: number | null
  probes: { waitMs: number; evicted: boolean }[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const p50p99 = (ms: number[]) => ({ p50: percentile(ms, 50), p99: percentile(ms, 99) })

/**
 * One mode under `wrangler dev`: `subscribers` streams, then events published one at a time,
 * each timed from the POST until each subscriber has it; then, with every subscriber idle, waits
 * of growing length before a publish, each followed by a read of the object's construction
 * counter: a new construction means the runtime evicted (hibernated) the object meanwhile.
 */
async function measure(base: string, mode: Mode, plan: Plan): Promise<ModeResult> {
  const arrivals = Array.from({ length: plan.subscribers }, () => new Map<string, number>())
  const parsers = arrivals.map((seen) => {
    const parser = createParser({ onEvent: (e) => e.id && seen.set(e.id, performance.now()) })
    const decoder = new TextDecoder()
    return (bytes: Buffer) => parser.feed(decoder.decode(bytes, { stream: true }))
  })
  const streams = await openStreams(`${base}/${mode}/events`, plan.subscribers, (i, bytes) =>
    parsers[i]?.(bytes),
  )
  try {
    if (streams.status.some((status) => status !== 200))
      throw new Error(`${mode}: a subscribe failed`)
    const publish = (body: string) => getText(`${base}/${mode}/publish`, { method: 'POST', body })
    const reached = async (id: string) => {
      for (
        const deadline = performance.now() + 10_000;
        arrivals.some((seen) => !seen.has(id));
        await sleep(1)
      ) {
        if (performance.now() > deadline)
          throw new Error(`${mode}: event ${id} did not reach every subscriber`)
      }
    }
    const delivery: number[] = []
    const publishMs: number[] = []
    for (let n = 0; n < plan.events; n++) {
      const sent = performance.now()
      const id = await publish(`event-${n}`)
      publishMs.push(performance.now() - sent)
      await reached(id)
      for (const seen of arrivals) delivery.push((seen.get(id) as number) - sent)
      await sleep(plan.gapMs)
    }
    const probes: ModeResult['probes'] = []
    const evictedAfter = async (waitMs: number) => {
      await publish('warm')
      const built = async () => (await getJson<Record<Mode, number>>(`${base}/lifecycle`))[mode]
      const before = await built()
      await sleep(waitMs)
      await reached(await publish('probe'))
      probes.push({ waitMs, evicted: (await built()) > before })
      return probes.at(-1)?.evicted
    }
    let [awake, gone] = [0, undefined as number | undefined]
    for (let wait = plan.firstWaitMs; wait <= plan.maxWaitMs && gone === undefined; wait *= 2) {
      if (await evictedAfter(wait)) gone = wait
      else awake = wait
    }
    while (gone !== undefined && gone - awake > plan.resolutionMs) {
      const middle = Math.round((awake + gone) / 2)
      if (await evictedAfter(middle)) gone = middle
      else awake = middle
    }
    return {
      ...{ mode, subscribers: plan.subscribers, events: plan.events, probes },
      stillOpen: streams.closed.filter((closed) => !closed).length,
      deliveryMs: p50p99(delivery),
      publishMs: p50p99(publishMs),
      awakeAtLeastMs: awake,
      evictedWithinMs: gone ?? null,
    }
  } finally {
    streams.destroy()
  }
}

const MODES = {
  object: '`@ssekit/cloudflare` (stream in the Worker, hibernatable WebSocket to the object)',
  direct: "direct (the object's `fetch` returns the stream)",
} as const

/**
 * `@ssekit/cloudflare` under `wrangler dev` against the direct mode (the object's own `fetch`
 * holds every stream): publish-to-delivery latency, and how long the object stays in memory,
 * billed, once its subscribers go idle.
 */
export const durableObjectPart = definePart<{
  plan: Plan
  wrangler: string
  workerd: string
  runs: ModeResult[]
}>({
  name: 'durable-object',
  async run({ smoke, log }) {
    const plan: Plan = smoke
      ? {
          subscribers: 10,
          events: 3,
          gapMs: 10,
          firstWaitMs: 200,
          maxWaitMs: 200,
          resolutionMs: 200,
        }
      : {
          subscribers: 500,
          events: 50,
          gapMs: 100,
          firstWaitMs: 2000,
          maxWaitMs: 64_000,
          resolutionMs: 1000,
        }
    const work = await mkdtemp(join(tmpdir(), 'ssekit-bench-do-'))
    try {
      const config = await bundleWorker(CONFIG, join(work, 'bundle'))
      const runs: ModeResult[] = []
      for (const mode of ['object', 'direct'] as const) {
        const dev = await startWranglerDev(config, {
          persistTo: join(work, mode),
          readyPath: '/stats',
        })
        try {
          runs.push(await measure(dev.url, mode, plan))
        } finally {
          await dev.stop()
        }
        const { deliveryMs, awakeAtLeastMs, evictedWithinMs } = runs.at(-1) as ModeResult
        log(
          `${mode}: delivery p99 ${fmt(deliveryMs.p99)} ms, awake ≥ ${awakeAtLeastMs} ms, evicted within ${evictedWithinMs ?? 'never'}`,
        )
      }
      const broken = runs.find((run) => run.stillOpen !== plan.subscribers)
      if (broken) throw new Error(`durable-object: streams were cut in ${broken.mode} mode`)
      return { plan, ...(await wranglerVersions()), runs }
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  },
  report({ runs }) {
    const idle = (run: ModeResult) =>
      run.evictedWithinMs === null
        ? `still in memory after ${fmt(run.awakeAtLeastMs / 1000)} s idle: never evicted`
        : `in memory ${fmt(run.awakeAtLeastMs / 1000)} s, evicted within ${fmt(run.evictedWithinMs / 1000)} s`
    return {
      blocks: {
        table: table(
          [
            'Mode',
            'Subscribers',
            'delivery p50',
            'delivery p99',
            'publish round trip p50',
            'idle object',
          ],
          runs.map((run) => [
            MODES[run.mode],
            fmt(run.subscribers, 6),
            fmt(run.deliveryMs.p50),
            fmt(run.deliveryMs.p99),
            fmt(run.publishMs.p50),
            idle(run),
          ]),
        ),
      },
    }
  },
})
