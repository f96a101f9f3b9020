import { type RunningServer, startServer } from '@ssekit/testkit'
import type { RuntimeName } from '../runtime.ts'
import { raiseOpenFiles, runtimeCommand } from '../runtime-command.ts'

/** How to start one server process of a socket part. */
export interface RuntimeServerOptions {
  runtime: RuntimeName
  /** The TypeScript entry file. */
  entry: string
  env: Record<string, string>
  /** Extra runtime flags, put just before the entry file, e.g. `--cpu-prof`. */
  flags?: readonly string[]
  /** Raise the open-files limit to its hard maximum first, for thousands of sockets. */
  manyFiles?: boolean
}

/**
 * Starts an entry file on a runtime through testkit's `startServer` (its own process group, a free
 * port in `PORT`, ready once `GET /ready` answers), with `--expose-gc` where the runtime takes it.
 */
export function startRuntimeServer(options: RuntimeServerOptions): Promise<RunningServer> {
  const plain = runtimeCommand(options.runtime, options.entry, { exposeGc: true })
  const base = [...plain.slice(0, -1), ...(options.flags ?? []), options.entry]
  // Both forms start with the binary.
  const [command, ...args] = options.manyFiles
    ? raiseOpenFiles(base)
    : (base as [string, ...string[]])
  return startServer({
    command,
    args,
    env: options.env,
    readyPath: '/ready',
    timeoutMs: 30_000,
  })
}

/** The runtime version a server reports on `GET /ready`. */
export async function serverVersion(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/ready`, { signal: AbortSignal.timeout(10_000) })
  return (await response.text()).trim()
}
