import type { RuntimeName } from '../runtime.ts'
import type { ServerKind } from './routes.ts'
import type { Memory } from './types.ts'

/** A server of the connections part, up and answering on 127.0.0.1. */
export interface StartedServer {
  base: string
  version: string
  /** Memory after a full GC where the runtime lets us force one; heap is null where unseen. */
  memory(): Promise<Memory>
  /** The server's own word on why it failed, if it printed one. */
  diagnose(): string | undefined
  stop(): Promise<void>
}

/** Where the servers run: Node, Bun, Deno, or workerd under `wrangler dev`. */
export interface ServerTarget {
  runtime: RuntimeName | 'workerd'
  start(server: ServerKind, heartbeatMs: number): Promise<StartedServer>
}

// What servers print when they run out of something: worth quoting next to a failed run.
const TROUBLE = /too many open files|crashed|out of memory|EMFILE/i

// biome-ignore lint/suspicious/noControlCharactersInRegex: wrangler colours its output
const COLOURS = /\x1b\[[\d;]*m/g

/** The first line of a server's output that says it ran out of something. */
export function troubleIn(output: string): string | undefined {
  const lines = output.split('\n').map((line) => line.replace(COLOURS, '').trim())
  return lines.find((line) => TROUBLE.test(line))
}

/** GETs JSON from one of our servers, with a time limit. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return (await response.json()) as T
}
