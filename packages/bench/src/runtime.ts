/** The JavaScript runtimes the bench runs its parts on. */
export type RuntimeName = 'node' | 'bun' | 'deno'

/** Which runtime runs this code. */
export function currentRuntime(): RuntimeName {
  if ('Bun' in globalThis) return 'bun'
  if ('Deno' in globalThis) return 'deno'
  return 'node'
}

/** The runtime's own version string, e.g. `22.23.3`. */
export function currentRuntimeVersion(): string {
  const runtime = currentRuntime()
  const global = globalThis as unknown as {
    Bun?: { version: string }
    Deno?: { version: { deno: string } }
  }
  if (runtime === 'bun') return global.Bun?.version ?? 'unknown'
  if (runtime === 'deno') return global.Deno?.version.deno ?? 'unknown'
  return process.versions.node
}

/** Resident set size and V8/JSC heap in use, in bytes, for this process. */
export function memoryUsage(): { rss: number; heap: number } {
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heap: heapUsed }
}

/** Asks the engine for a full collection, where it lets us (Node needs `--expose-gc`). */
export function collectGarbage(): void {
  const global = globalThis as unknown as { gc?: () => void; Bun?: { gc(force: boolean): void } }
  if (global.Bun) global.Bun.gc(true)
  else global.gc?.()
}
