/**
 * The longest delay a timer can wait, 2^31 - 1 ms (24.8 days): `setTimeout` stores the delay as a
 * signed 32-bit integer on every runtime and fires at once for a longer one.
 * @internal
 */
export const MAX_TIMER_DELAY = 2_147_483_647

/**
 * The wait before reconnect number `failures` (1 for the first): full jitter, uniform over the
 * whole milliseconds of [floor, min(max(cap, base), base × 2^(failures - 1))], so a crowd of
 * clients that lost the same server do not come back in step. The cap never undercuts the
 * server's own `retry:`; the floor is never undercut, even by `retry: 0`.
 * @internal
 */
export function backoffDelay(
  base: number,
  failures: number,
  bounds: { readonly floor: number; readonly cap: number },
  random: () => number,
): number {
  const { floor, cap } = bounds
  const ceiling = Math.min(Math.max(cap, base), base * 2 ** Math.min(failures - 1, 30))
  if (ceiling <= floor) return floor
  return Math.min(ceiling, floor + Math.floor(random() * (ceiling - floor + 1)))
}

/** `ms` moved into [floor, ceiling]. @internal */
export function clampDelay(ms: number, floor: number, ceiling: number): number {
  return Math.min(Math.max(ms, floor), ceiling)
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds: delta-seconds or an HTTP date; 0 for
 * a date in the past. Unbounded: the caller clamps it. `undefined` when the header is absent or
 * unreadable.
 * @internal
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
