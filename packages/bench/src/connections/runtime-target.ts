import { fileURLToPath } from 'node:url'
import { startServer } from '@ssekit/testkit'
import type { RuntimeName } from '../runtime.ts'
import { raiseOpenFiles, runtimeCommand } from '../runtime-command.ts'
import { getJson, type ServerTarget, troubleIn } from './server-target.ts'
import type { Memory } from './types.ts'

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))

/** Node, Bun or Deno serving `server.ts` with their own HTTP server. */
export function runtimeTarget(runtime: RuntimeName): ServerTarget {
  return {
    runtime,
    async start(server, heartbeatMs) {
      const [command, ...args] = raiseOpenFiles(runtimeCommand(runtime, SERVER, { exposeGc: true }))
      const running = await startServer({
        command,
        args,
        env: { SERVER_KIND: server, HEARTBEAT_MS: String(heartbeatMs) },
        timeoutMs: 20_000,
      })
      try {
        const { version } = await getJson<{ version: string }>(`${running.url}/version`)
        return {
          base: running.url,
          version,
          memory: () => getJson<Memory>(`${running.url}/memory`),
          diagnose: () => troubleIn(running.output()),
          stop: running.stop,
        }
      } catch (error) {
        await running.stop()
        throw error
      }
    },
  }
}
