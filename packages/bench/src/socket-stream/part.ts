import { readEventStream } from '@ssekit/testkit/event-stream'
import { type ProfileSummary, profileServer, profileTable } from '../harness/cpu-profile.ts'
import { interleave } from '../harness/interleave.ts'
import { definePart } from '../harness/part.ts'
import { RUNTIMES } from '../harness/runtime.ts'
import { type BenchServer, startBenchServer } from '../harness/server.ts'
import { median } from '../harness/stats.ts'
import { streamToEnd } from '../harness/streams.ts'
import { checkEvents, MESSAGE_KINDS } from '../messages.ts'
import { ratio } from '../report/markdown.ts'
import { rateRows, rateTables, type StreamRun } from '../report/rates.ts'

// The server of each contender, a route of the same name on it. `ssekit-web` differs from
// `ssekit` only on Node, where `sse()` writes to the ServerResponse itself.
const SERVER_OF: Record<string, string> = {
  ssekit: 'hono',
  'ssekit-web': 'hono',
  'ssekit-ready': 'hono',
  hono: 'hono',
  h3: 'h3',
  hand: 'hand',
  'hand-await': 'hand',
}

const SMOKE = {
  load: { counts: { 'small-json': 500, 'data-1kb': 100 }, rounds: 1, warmup: 0 },
  verifyCount: 50,
  /** Streams of `profileCount` small JSON events under `node --cpu-prof`, per profiled server. */
  profileStreams: 1,
  profileCount: 1000,
}
const FULL: typeof SMOKE = {
  load: { counts: { 'small-json': 200_000, 'data-1kb': 50_000 }, rounds: 9, warmup: 2 },
  verifyCount: 300,
  profileStreams: 8,
  profileCount: 200_000,
}

/** Where one contender's Node server spent its time. */
interface Profile {
  contender: string
  streams: number
  count: number
  summary: ProfileSummary
}

const url = (server: BenchServer, contender: string, kind: string, count: number) =>
  `${server.url}/${contender}?kind=${kind}&n=${count}`

/** One runtime: its servers up at once, each contender checked, then timed in rounds. */
async function measureRuntime(runtime: (typeof RUNTIMES)[number], plan: typeof SMOKE) {
  const servers = new Map<string, BenchServer>()
  try {
    for (const name of new Set(Object.values(SERVER_OF))) {
      servers.set(name, await startBenchServer(runtime, `stream:${name}`))
    }
    const contenders = Object.keys(SERVER_OF).filter(
      (c) => runtime === 'node' || c !== 'ssekit-web',
    )
    const at = (name: string) => servers.get(SERVER_OF[name] as string) as BenchServer
    const run: StreamRun = { runtime, version: at('hand').version, kinds: [] }
    for (const kind of MESSAGE_KINDS) {
      const count = plan.load.counts[kind.name as keyof typeof plan.load.counts]
      if (count === undefined) continue
      for (const name of contenders) {
        const response = await fetch(url(at(name), name, kind.name, plan.verifyCount))
        checkEvents((await readEventStream(response).readToEnd()).events, kind, plan.verifyCount)
      }
      const bytes = new Map<string, number>()
      const trials = contenders.map((name) => ({
        name,
        run: async () => {
          bytes.set(name, (await streamToEnd(url(at(name), name, kind.name, count))).bytes)
        },
      }))
      const times = await interleave(trials, plan.load)
      const samples = contenders.map((contender, i) => ({
        contender,
        ms: (times[i] ?? []).map(median),
        bytes: bytes.get(contender) ?? 0,
      }))
      run.kinds.push({ kind: kind.name, count, contenders: samples })
    }
    return run
  } finally {
    for (const server of servers.values()) await server.stop()
  }
}

/**
 * One stream over a real connection: per runtime, one server process per framework, all up at
 * once, streaming to this process, which times each contender's stream from the request to its
 * last byte in interleaved rounds; then ssekit's and the limit's Node servers under `--cpu-prof`.
 */
export const socketStreamPart = definePart<{
  plan: typeof SMOKE
  runs: StreamRun[]
  profiles: Profile[]
}>({
  name: 'socket-stream',
  async run({ smoke, log }) {
    const plan = smoke ? SMOKE : FULL
    const runs: StreamRun[] = []
    for (const runtime of RUNTIMES) {
      log(runtime)
      runs.push(await measureRuntime(runtime, plan))
    }
    log('node --cpu-prof')
    const profiles: Profile[] = []
    for (const contender of ['ssekit', 'hand-await', 'hand']) {
      const { profileStreams: streams, profileCount: count } = plan
      const summary = await profileServer(`stream:${SERVER_OF[contender]}`, {}, async (server) => {
        for (let i = 0; i < streams; i++)
          await streamToEnd(url(server, contender, 'small-json', count))
      })
      profiles.push({ contender, streams, count, summary })
    }
    return { plan, runs, profiles }
  },
  report({ runs, profiles }) {
    const rows = rateRows(runs, ['hand', 'hand-await', 'hono'])
    const units = (p: Profile) => ({
      name: p.contender,
      summary: p.summary,
      units: p.streams * p.count,
    })
    return {
      blocks: {
        ...rateTables(rows, ['× limit', '× hand-await', '× Hono']),
        profile: profileTable(profiles.map(units), 'event'),
      },
      targets: rows
        .filter((row) => row.contender === 'ssekit')
        .map(({ runtime, kind, contender, vs: [vsLimit = Number.NaN, vsAwait = Number.NaN] }) => ({
          id: `stream:${runtime}:${contender}:${kind}`,
          target: `${runtime} one stream over a socket, ${kind}: ${contender} ≥ 0.9× the limit`,
          measured: `${ratio(vsLimit)} (${ratio(vsAwait)} of hand-await)`,
          ok: vsLimit >= 0.9,
        })),
    }
  },
})
