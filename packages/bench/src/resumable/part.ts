import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { runCommand } from '../harness/child.ts'
import { definePart } from '../harness/part.ts'
import { roundsOr } from '../harness/rounds.ts'
import { fmt, ratio, table } from '../report/markdown.ts'

// The resumable package keeps its own benchmark (a redis-server, one server process per system,
// the load client in its own, rounds interleaved); this part runs it and reports what it printed.
const RUN = fileURLToPath(new URL('../../../resumable/bench/run.ts', import.meta.url))

type System = Record<string, number>
/** What `packages/resumable/bench/run.ts` prints, and the machine's load around it. */
export interface ResumableData {
  rounds: number
  streams: number
  readers: number
  chunks: number
  /** `ssekit` writes to Node's sockets directly; `ssekit-web` serves plain web streams. */
  summary: { peer: System; ssekit: System; 'ssekit-web'?: System }
  throughputRatios: number[]
  /** The web-stream server's chunks/s over the peer's, per round (runs before it had none). */
  webStreamRatios?: number[]
  /** The 1-minute load average before and after the run (2 shared cores). */
  loadAverage: [number, number]
}

/**
 * Resumable streams against `resumable-stream` 2.2 on one Redis: chunks/s delivered, late
 * readers' time to first chunk, Redis commands and memory per chunk.
 */
export const resumablePart = definePart<ResumableData>({
  name: 'resumable',
  async run({ smoke }) {
    const before = loadavg()[0] as number
    const args = smoke ? ['1', '4'] : [String(roundsOr(3))]
    const stdout = await runCommand([process.execPath, RUN, ...args], {
      timeoutMs: smoke ? 120_000 : 3_600_000,
    })
    // It prints its JSON object first, then a Markdown table of its own.
    const data = JSON.parse(stdout.slice(0, stdout.indexOf('\n}\n') + 2))
    return { ...data, loadAverage: [before, loadavg()[0] as number] }
  },
  report({ summary, throughputRatios, webStreamRatios, readers, streams, loadAverage }) {
    const { peer, ssekit } = summary
    const web = summary['ssekit-web']
    const row = (name: string, key: string, digits = 3, unit = '') => [
      name,
      ...[peer, ssekit, ...(web === undefined ? [] : [web])].map(
        (system) => `${fmt(system[key] as number, digits)}${unit}`,
      ),
    ]
    const least = Math.min(...throughputRatios)
    return {
      blocks: {
        ratios: throughputRatios.map(ratio).join(', '),
        webRatios: (webStreamRatios ?? []).map(ratio).join(', ') || 'not measured',
        load: loadAverage.map((load) => fmt(load, 2)).join(' to '),
        table: table(
          `Measure | resumable-stream 2.2 | @ssekit/resumable, direct write${web === undefined ? '' : ' | @ssekit/resumable, web stream'}`,
          [
            row('chunks/s delivered', 'chunksPerSecond'),
            row('chunks delivered', 'delivered', 6),
            row('chunks expected', 'expected', 6),
            // Each stream's readers, and two late readers per stream.
            row(
              `readers that got nothing (of ${fmt(streams * (readers + 2), 6)})`,
              'failedReaders',
            ),
            row('late reader, time to first chunk p50', 'lateP50', 3, ' ms'),
            row('late reader, time to first chunk p99', 'lateP99', 3, ' ms'),
            row('Redis commands per chunk', 'commandsPerChunk'),
            row('Redis memory per chunk', 'redisBytesPerChunk', 3, ' B'),
          ],
        ),
      },
      targets: [
        {
          id: 'resumable-throughput',
          target: 'resumable streams: chunks/s ≥ 2× resumable-stream 2.2 in every round',
          measured: `${ratio(least)} in the worst round`,
          ok: least >= 2,
        },
        {
          id: 'resumable-late',
          target: "resumable streams: late reader's first chunk p99 ≤ resumable-stream 2.2's",
          measured: `${fmt(ssekit.lateP99 as number)} vs ${fmt(peer.lateP99 as number)} ms, ${ratio((ssekit.lateP99 as number) / (peer.lateP99 as number))}`,
          ok: (ssekit.lateP99 as number) <= (peer.lateP99 as number),
        },
      ],
    }
  },
})
