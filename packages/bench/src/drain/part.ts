import { type ChildProcess, fork } from 'node:child_process'
import { loadavg } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { type RunningServer, startServer } from '@ssekit/testkit'
import { definePart } from '../harness/part.ts'
import { startRedis } from '../harness/redis-server.ts'
import { until } from '../harness/server.ts'
import { fmt, ratio, table } from '../report/markdown.ts'
import type { LoadCommand, LoadReply } from './load.ts'

const APP = fileURLToPath(new URL('../../../../apps/node/src/main.ts', import.meta.url))
const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url))

const SMOKE = { clients: 20, windowMs: 300, publishEveryMs: 50, beforeMs: 200, afterMs: 300 }
const FULL = { clients: 5000, windowMs: 10_000, publishEveryMs: 200, beforeMs: 1000, afterMs: 2000 }
type DrainConfig = typeof SMOKE

/** One way of taking instance A away while its clients move to B. */
interface Scenario {
  how: 'drain' | 'kill'
  /** Reconnects tried per second, at the busiest one-second window: the storm the fleet sees. */
  peakPerSecond: number
  /** Reconnects answered by B per second, at the busiest one-second window. */
  peakAnsweredPerSecond: number
  /** Milliseconds from the first reconnect tried until the last one answered. */
  allBackMs: number
  reconnects: number
  /** Reconnects tried: more than clients when some failed and were tried again. */
  attempts: number
  published: number
  /** Clients that got every published event exactly once. */
  complete: number
  missing: number
  repeated: number
}

/**
 * 5 000 EventSource-like clients on instance A of the Node app, which shares its feed with
 * instance B through Redis; publishes go on throughout. A is taken away by a drain (SIGTERM) or
 * by `kill -9`, and its clients reconnect to B, as a load balancer would send them.
 */
export const drainPart = definePart<{
  config: DrainConfig
  node: string
  loadAverage: number
  scenarios: Scenario[]
}>({
  name: 'drain',
  async run({ smoke, log }) {
    const config = smoke ? SMOKE : FULL
    // Two cores shared with other work answer reconnects slower: the report says so.
    const loadAverage = loadavg()[0] as number
    const redis = await startRedis()
    try {
      const scenarios: Scenario[] = []
      for (const how of ['drain', 'kill'] as const) {
        scenarios.push(await scenario(how, config, redis.url))
        log(`${how}: ${JSON.stringify(scenarios.at(-1))}`)
      }
      return { config, node: process.versions.node, loadAverage, scenarios }
    } finally {
      await redis.stop()
    }
  },
  report({ config, loadAverage, scenarios }) {
    const [drained, killed] = scenarios as [Scenario, Scenario]
    const row = (s: Scenario) => [
      s.how === 'drain'
        ? `**drain** (SIGTERM, ${fmt(config.windowMs / 1000)} s window)`
        : 'kill -9',
      fmt(s.attempts),
      fmt(s.peakPerSecond),
      fmt(s.peakAnsweredPerSecond),
      fmt(s.allBackMs / 1000),
      fmt(s.published),
      `${fmt(s.complete, 6)} of ${fmt(config.clients, 6)}`,
      fmt(s.missing),
      fmt(s.repeated),
    ]
    const better = killed.peakPerSecond / drained.peakPerSecond
    const whole = scenarios.every((s) => s.complete === config.clients)
    return {
      blocks: {
        table: table(
          'A taken away by | Reconnects tried | Peak tried/s | Peak answered/s by B | All back after (s) | Events published | Clients with every event once | Missed | Repeated',
          [row(drained), row(killed)],
        ),
        ratio: ratio(better),
        loadAverage: fmt(loadAverage),
      },
      targets: [
        {
          id: 'drain',
          target: 'peak reconnects/s ≥ 5× lower than kill -9, no event missed',
          measured: `${ratio(better)}, ${whole ? 'none missed' : 'events missed'}`,
          ok: better >= 5 && whole,
        },
      ],
    }
  },
})

async function scenario(how: Scenario['how'], config: DrainConfig, redisUrl: string) {
  const env = {
    REDIS_URL: redisUrl,
    DRAIN_WINDOW_MS: String(config.windowMs),
    MAX_STREAMS_PER_CLIENT: '1000000',
  }
  const start = () => startServer({ command: process.execPath, args: [APP], env })
  const [a, b] = await Promise.all([start(), start()])
  const load = fork(LOAD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const replies: LoadReply[] = []
  load.on('message', (reply: LoadReply) => replies.push(reply))
  const ask = (command: LoadCommand) => load.send(command)
  const reply = <T extends LoadReply['type']>(type: T) =>
    until(`the load client's ${type}`, () => replies.some((r) => r.type === type), {
      timeoutMs: 300_000,
    }).then(() => replies.find((r) => r.type === type) as Extract<LoadReply, { type: T }>)
  const ids: string[] = []
  let publishing = true
  try {
    ask({ type: 'connect', url: `${a.url}/events`, count: config.clients })
    await reply('connected')
    const publisher = publish(b, config.publishEveryMs, ids, () => publishing)
    // Awaited below; a failed publish must not crash the bench as an unhandled rejection first.
    publisher.catch(() => {})
    await sleep(config.beforeMs)
    // The load balancer takes A out of rotation; then A goes.
    ask({ type: 'rotate', url: `${b.url}/events` })
    a.signal(how === 'drain' ? 'SIGTERM' : 'SIGKILL')
    await a.exited
    const reconnected = () => {
      const last = replies.findLast((r) => r.type === 'progress')
      return last?.type === 'progress' && last.reconnected >= config.clients
    }
    await until('every client back on B', reconnected, { timeoutMs: 300_000 })
    await sleep(config.afterMs)
    publishing = false
    await publisher
    // Let the last events reach every client before counting.
    await sleep(Math.max(500, config.publishEveryMs * 4))
    ask({ type: 'check', ids })
    const checked = await reply('checked')
    // Both clocks are the load client's.
    const allBackMs = Math.max(...checked.reconnects) - Math.min(...checked.attempts)
    return {
      how,
      peakPerSecond: peak(checked.attempts),
      peakAnsweredPerSecond: peak(checked.reconnects),
      allBackMs,
      reconnects: checked.reconnects.length,
      attempts: checked.attempts.length,
      published: ids.length,
      ...counts(checked),
    }
  } finally {
    publishing = false
    stopLoad(load)
    await Promise.all([a.stop(), b.stop()])
  }
}

async function publish(server: RunningServer, everyMs: number, ids: string[], on: () => boolean) {
  for (let n = 0; on(); n++) {
    const response = await fetch(`${server.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'bench', text: `event ${n}` }),
    })
    if (response.status !== 201) throw new Error(`A publish answered ${response.status}`)
    ids.push(((await response.json()) as { id: string }).id)
    await sleep(everyMs)
  }
}

// The busiest one-second window: the most times within 1 000 ms of each other.
function peak(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y)
  let most = 0
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= 1000) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}

function counts({ complete, missing, repeated }: Extract<LoadReply, { type: 'checked' }>) {
  return { complete, missing, repeated }
}

function stopLoad(load: ChildProcess): void {
  if (load.exitCode === null) load.kill('SIGKILL')
}
