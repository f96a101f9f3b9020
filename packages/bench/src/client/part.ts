import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { runChild, startChild } from '../child-process.ts'
import { type Part, RUNTIMES } from '../part.ts'
import { writePart } from '../results.ts'
import { runtimeCommand } from '../runtime-command.ts'
import type { ClientConfig, ClientRun } from './types.ts'

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))
const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url))

/**
 * The client part: events/s parsed from one fast stream over a real socket, by `@ssekit/client`,
 * the `eventsource` package and raw eventsource-parser. The server is one Node process; the
 * clients run in another, on each runtime in turn.
 */
export const clientPart: Part = {
  name: 'client',
  async run({ smoke, outDir, log }) {
    const server = startChild(runtimeCommand('node', SERVER), {})
    try {
      const port = (await server.waitForLine('listening ', 30_000)).split(' ')[1]
      const config: ClientConfig = {
        url: `http://127.0.0.1:${port}/stream`,
        events: smoke ? 2_000 : 200_000,
        warmup: smoke ? 0 : 2,
        rounds: smoke ? 1 : 9,
      }
      const runs: ClientRun[] = []
      for (const runtime of RUNTIMES) {
        log(`client: ${runtime}`)
        const { stdout } = await runChild(runtimeCommand(runtime, ENTRY), {
          env: { BENCH_CONFIG: JSON.stringify(config) },
          timeoutMs: smoke ? 60_000 : 600_000,
        })
        const run = parseResult<ClientRun>(stdout)
        for (const contender of run.contenders) {
          if (contender.seconds.length !== config.rounds) {
            throw new Error(`${contender.name} has no samples on ${runtime}`)
          }
        }
        runs.push(run)
      }
      await writePart(outDir, 'client', { config, runs }, smoke)
    } finally {
      await server.stop()
    }
  },
}
