import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { type RunningServer, startServer } from '@ssekit/testkit'
import { type RuntimeName, runtimeCommand } from './runtime.ts'

const ENTRY = fileURLToPath(new URL('../server.ts', import.meta.url))

/** A server process of the socket parts, up and answering. */
export interface BenchServer extends RunningServer {
  /** The runtime's version, as the server reports it. */
  version: string
}

/**
 * Starts `src/server.ts` serving `kind` (see there) on `runtime`, in its own process group on a
 * free port, with `env` and runtime `flags` (e.g. `--cpu-prof`); resolves once it answers.
 */
export async function startBenchServer(
  runtime: RuntimeName,
  kind: string,
  options: { env?: Record<string, string>; flags?: readonly string[] } = {},
): Promise<BenchServer> {
  const [command, ...args] = runtimeCommand(runtime, ENTRY, options.flags)
  const server = await startServer({
    command,
    args,
    env: { SERVER_KIND: kind, ...options.env },
    readyPath: '/ready',
    timeoutMs: 30_000,
  })
  try {
    return Object.assign(server, { version: await getText(`${server.url}/ready`) })
  } catch (error) {
    await server.stop()
    throw error
  }
}

/** GETs (or with `init`, sends) a request to one of the bench's servers, with a time limit. */
export async function getText(url: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(180_000) })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return response.text()
}

/** {@link getText}, parsed as JSON. */
export async function getJson<T>(url: string): Promise<T> {
  return JSON.parse(await getText(url)) as T
}

/**
 * Calls `check` every `everyMs` until it holds; resolves the ms that took. Rejects, naming
 * `what`, once `timeoutMs` passed.
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  { everyMs = 20, timeoutMs = 120_000 } = {},
): Promise<number> {
  const started = performance.now()
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`)
    await sleep(everyMs)
  }
  return performance.now() - started
}
