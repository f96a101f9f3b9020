import { createChannel } from '@ssekit/channel'
/**
 * Inside one runtime: the core as built now against the core at `BEFORE` (a dist/index.js),
 * interleaved in the same process: the throughput part's ssekit producers (awaiting every
 * `send()`, and awaiting only when `!sink.ready`) on each message kind, then the in-process
 * fan-out's delivered time per publish. Prints one result for the orchestrator.
 */
import * as now from '@ssekit/core'
import { emitResult, readConfig } from '../child-io.ts'
import { currentRuntime, currentRuntimeVersion } from '../runtime.ts'
import { drain } from '../throughput/drain.ts'
import { MESSAGE_KINDS } from '../throughput/messages.ts'
import type { CompareConfig, CompareRun } from './types.ts'

type Core = typeof now
const config = readConfig<CompareConfig>()
const cores: Record<'before' | 'after', Core> = {
  before: (await import(config.before)) as Core,
  after: now,
}
const run: CompareRun = { runtime: currentRuntime(), version: currentRuntimeVersion(), rows: [] }

for (const kind of MESSAGE_KINDS) {
  const ring = kind.messages as now.SSEMessage[]
  const count = config.counts[kind.name]
  for (const style of ['await', 'ready'] as const) {
    const make = (core: Core) => () =>
      core.sseResponse(
        async (sink) => {
          for (let i = 0; i < count; i++) {
            const accepted = sink.send(ring[i & kind.mask] as now.SSEMessage)
            if (style === 'await' ? !(await accepted) : !sink.ready && !(await accepted)) return
          }
        },
        { heartbeat: false },
      )
    const runs = { before: make(cores.before), after: make(cores.after) }
    const ms: Record<'before' | 'after', number[]> = { before: [], after: [] }
    for (let round = 0; round < config.warmup + config.rounds; round++) {
      for (const name of round % 2
        ? (['after', 'before'] as const)
        : (['before', 'after'] as const)) {
        const started = performance.now()
        await drain(runs[name]().body)
        if (round >= config.warmup) ms[name].push(performance.now() - started)
      }
    }
    run.rows.push({ what: `throughput ${kind.name} ${style}`, unit: 'ms per stream', ...ms })
  }
}

for (const subscribers of config.fanout) {
  const ms: Record<'before' | 'after', number[]> = { before: [], after: [] }
  for (let round = 0; round < config.fanoutRounds; round++) {
    for (const name of round % 2
      ? (['after', 'before'] as const)
      : (['before', 'after'] as const)) {
      ms[name].push(...(await deliveredTimes(cores[name], subscribers, config.publishes)))
    }
  }
  run.rows.push({ what: `fan-out ${subscribers}`, unit: 'ms per publish, delivered', ...ms })
}
emitResult(run)

// One channel, `subscribers` readers draining their streams; ms from publish to every reader.
async function deliveredTimes(
  core: Core,
  subscribers: number,
  publishes: number,
): Promise<number[]> {
  // The channel left the core for @ssekit/channel: a core without it is measured with that one.
  const make = (core as { createChannel?: typeof createChannel }).createChannel ?? createChannel
  const channel = make({ heartbeat: false, maxBuffered: 1 << 20 })
  let chunks = 0
  let target = 0
  let wake: (() => void) | undefined
  for (let i = 0; i < subscribers; i++) {
    const reader = (await channel.subscribe(new Request('http://bench.local/'))).body?.getReader()
    void (async () => {
      for (;;) {
        const { done } = (await reader?.read()) ?? { done: true }
        if (done) return
        if (++chunks >= target) wake?.()
      }
    })()
  }
  const reached = (goal: number) =>
    new Promise<void>((resolve) => {
      target = goal
      wake = resolve
      if (chunks >= goal) resolve()
    })
  await reached(subscribers)
  const times: number[] = []
  for (let n = 0; n < publishes; n++) {
    const goal = chunks + subscribers
    const started = performance.now()
    void channel.publish({ event: 'tick', data: { n, text: 'x'.repeat(100) } })
    await reached(goal)
    if (n >= 5) times.push(performance.now() - started)
  }
  await channel.close()
  return times
}
