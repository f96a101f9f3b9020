// A setup file: fails the run loudly if a runner meant for one runtime ends up on another (Bun's
// or Deno's vitest falling back to Node would prove nothing).
import { currentRuntime } from './runtime.ts'

const expected = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
  ?.env?.SSEKIT_RUNTIME
const actual = currentRuntime()
if (expected !== undefined && expected !== actual) {
  throw new Error(`These tests must run on ${expected}, not ${actual}`)
}
