import { readEventStream } from '@ssekit/testkit/event-stream'
import { type ProfileSummary, profileServer, profileTable } from '../harness/cpu-profile.ts'
import { interleave } from '../harness/interleave.ts'
import { definePart } from '../harness/part.ts'
import { RUNTIMES } from '../harness/runtime.ts'
import { type BenchServer, startBenchServer } from '../harness/server.ts'
import { median, pairedRatio } from '../harness/stats.ts'
import { streamToEnd } from '../harness/streams.ts'
import { checkEvents, MESSAGE_KINDS, type MessageKindName } from '../messages.ts'
import { fmt, ours, ratio, runtimeLabel, table } from '../report/markdown.ts'

// Which server serves each contender (a route of the same name); `ssekit-direct` differs from
// `ssekit` only on Node, where `directWrite()` acts.
const SERVER_OF = {
  ssekit: 'hono',
  'ssekit-direct': 'hono',
  'ssekit-ready': 'hono',
  hono: 'hono',
  h3: 'h3',
  hand: 'hand',
} as const
type Contender = keyof typeof SERVER_OF

/** Events per stream per message kind, rounds, and the profiled streams. */
interface Plan {
  load: { counts: Partial<Record<MessageKindName, number>>; rounds: number; warmup: number }
  verifyCount: number
  /** Streams of `profileCount` small JSON events under `node --cpu-prof`, per profiled server. */
  profileStreams: number
  profileCount: number
}

interface Run {
  runtime: string
  version: string
  kinds: {
    kind: string
    count: number
    contenders: { contender: string; ms: number[]; bytes: number }[]
  }[]
}

interface Profile {
  contender: string
  streams: number
  count: number
  summary: ProfileSummary
}

const url = (server: BenchServer, contender: string, kind: string, count: number) =>
  `${server.url}/${contender}?kind=${kind}&n=${count}`

/**
 * One stream over a real connection: per runtime, one server process per framework, all up at
 * once, streaming to this process, which times each contender's stream from the request to its
 * last byte in interleaved rounds; then the Node servers of ssekit and the limit under
 * `--cpu-prof`, to show where each spends its time.
 */
export const socketStreamPart = definePart<{ plan: Plan; runs: Run[]; profiles: Profile[] }>({
  name: 'socket-stream',
  async run({ smoke, log }) {
    const plan: Plan = smoke
      ? {
          load: { counts: { 'small-json': 500, 'data-1kb': 100 }, rounds: 1, warmup: 0 },
          verifyCount: 50,
          profileStreams: 1,
          profileCount: 1000,
        }
      : {
          load: { counts: { 'small-json': 200_000, 'data-1kb': 50_000 }, rounds: 9, warmup: 2 },
          verifyCount: 300,
          profileStreams: 8,
          profileCount: 200_000,
        }
    const runs: Run[] = []
    for (const runtime of RUNTIMES) {
      log(runtime)
      const servers = new Map<string, BenchServer>()
      try {
        for (const name of new Set(Object.values(SERVER_OF))) {
          servers.set(name, await startBenchServer(runtime, `stream:${name}`))
        }
        const contenders = (Object.keys(SERVER_OF) as Contender[]).filter(
          (name) => runtime === 'node' || name !== 'ssekit-direct',
        )
        const at = (name: Contender) => servers.get(SERVER_OF[name]) as BenchServer
        const run: Run = { runtime, version: at('hand').version, kinds: [] }
        for (const kind of MESSAGE_KINDS) {
          const count = plan.load.counts[kind.name]
          if (count === undefined) continue
          const bytes = new Map<string, number>()
          for (const name of contenders) {
            const response = await fetch(url(at(name), name, kind.name, plan.verifyCount))
            checkEvents(
              (await readEventStream(response).readToEnd()).events,
              kind,
              plan.verifyCount,
            )
          }
          const times = await interleave(
            contenders.map((name) => ({
              name,
              run: async () =>
                bytes.set(name, (await streamToEnd(url(at(name), name, kind.name, count))).bytes),
            })),
            plan.load,
          )
          run.kinds.push({
            kind: kind.name,
            count,
            contenders: contenders.map((contender, i) => ({
              contender,
              ms: (times[i] ?? []).map(median),
              bytes: bytes.get(contender) ?? 0,
            })),
          })
        }
        runs.push(run)
      } finally {
        for (const server of servers.values()) await server.stop()
      }
    }
    log('node --cpu-prof')
    const profiles: Profile[] = []
    for (const contender of ['ssekit', 'ssekit-direct', 'hand'] as const) {
      const summary = await profileServer(`stream:${SERVER_OF[contender]}`, {}, async (server) => {
        for (let i = 0; i < plan.profileStreams; i++) {
          await streamToEnd(url(server, contender, 'small-json', plan.profileCount))
        }
      })
      profiles.push({ contender, streams: plan.profileStreams, count: plan.profileCount, summary })
    }
    return { plan, runs, profiles }
  },
  report({ runs, profiles }) {
    const rows = runs.flatMap((run) =>
      run.kinds.flatMap(({ kind, count, contenders }) => {
        const ms = (name: string) => contenders.find((c) => c.contender === name)?.ms ?? []
        return contenders.map((c) => ({
          runtime: run.runtime,
          kind,
          contender: c.contender,
          cells: [
            runtimeLabel(run),
            ours(c.contender),
            fmt(count / (median(c.ms) / 1000)),
            fmt(c.bytes / (median(c.ms) / 1000) / 1e6),
          ],
          vsLimit: pairedRatio(c.ms, ms('hand')),
          vsHono: pairedRatio(c.ms, ms('hono')),
        }))
      }),
    )
    const blocks: Record<string, string> = {
      profile: profileTable(
        profiles.map((p) => ({
          name: p.contender,
          summary: p.summary,
          units: p.streams * p.count,
        })),
        'event',
      ),
    }
    for (const { name } of MESSAGE_KINDS) {
      blocks[name] = table(
        ['Runtime', 'Contender', 'events/s', 'MB/s', '× limit', '× Hono'],
        rows
          .filter((r) => r.kind === name)
          .map((r) => [...r.cells, ratio(r.vsLimit), ratio(r.vsHono)]),
      )
    }
    const targets = rows
      .filter((row) => row.contender === 'ssekit' || row.contender === 'ssekit-direct')
      .map((row) => ({
        id: `stream:${row.runtime}:${row.contender}:${row.kind}`,
        target: `${row.runtime} one stream over a socket, ${row.kind}: ${row.contender} ≥ 0.9× the limit`,
        measured: ratio(row.vsLimit),
        ok: row.vsLimit >= 0.9,
      }))
    return { blocks, targets }
  },
})
