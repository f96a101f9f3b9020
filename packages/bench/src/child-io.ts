const MARKER = '@@bench-result '

/** Hands a part's result from a runtime child to the orchestrator on stdout. */
export function emitResult(result: unknown): void {
  console.log(`${MARKER}${JSON.stringify(result)}`)
}

/** Finds the result a child emitted in its stdout; throws if there is none. */
export function parseResult<T>(stdout: string): T {
  const line = stdout.split('\n').find((text) => text.startsWith(MARKER))
  if (!line) throw new Error('The child printed no result')
  return JSON.parse(line.slice(MARKER.length)) as T
}

/** Reads the JSON config the orchestrator put in `BENCH_CONFIG`. */
export function readConfig<T>(): T {
  const text = process.env.BENCH_CONFIG
  if (!text) throw new Error('BENCH_CONFIG is not set: run this through `pnpm bench`')
  return JSON.parse(text) as T
}
