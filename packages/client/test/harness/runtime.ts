/** The runtime this test runs on. */
export type RuntimeName = 'node' | 'bun' | 'deno' | 'workerd'

export function currentRuntime(): RuntimeName {
  if (isWorkerd()) return 'workerd'
  if ('Bun' in globalThis) return 'bun'
  if ('Deno' in globalThis) return 'deno'
  return 'node'
}

export function isWorkerd(): boolean {
  return globalThis.navigator?.userAgent === 'Cloudflare-Workers'
}
