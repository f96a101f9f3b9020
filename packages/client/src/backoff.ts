/**
 * The wait before reconnect number `failures` (1 for the first): full jitter, uniform in
 * [0, min(cap, base × 2^(failures - 1))], so a crowd of clients that lost the same server do not
 * come back in step. The cap never undercuts the server's own `retry:`.
 * @internal
 */
export function backoffDelay(
  base: number,
  failures: number,
  cap: number,
  random: () => number,
): number {
  const ceiling = Math.min(Math.max(cap, base), base * 2 ** Math.min(failures - 1, 30))
  return Math.floor(random() * ceiling)
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds: delta-seconds or an HTTP date.
 * `undefined` when the header is absent or unreadable.
 * @internal
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
