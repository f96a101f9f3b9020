import type { EventsInit } from '../options.ts'
import type { EventsInput } from '../request.ts'

/** What shared mode needs from the platform. @internal */
export interface SharedPlatform {
  readonly locks: LockManager
  readonly Channel: typeof BroadcastChannel
}

/**
 * Web Locks and `BroadcastChannel`, where both exist: browsers' windows and workers. Workers,
 * Node 22, Bun, Deno and older browsers lack one or both; each caller then reads on its own.
 * @internal
 */
export function sharedPlatform(): SharedPlatform | undefined {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks
  const Channel = globalThis.BroadcastChannel as typeof BroadcastChannel | undefined
  if (typeof locks?.request !== 'function' || typeof Channel !== 'function') return undefined
  return { locks, Channel }
}

/**
 * Checks `shared` where `events()` is called.
 * @throws {TypeError} It is neither a boolean nor a string.
 * @internal
 */
export function checkShared(shared: unknown): void {
  if (shared !== undefined && typeof shared !== 'boolean' && typeof shared !== 'string') {
    throw new TypeError('Cannot open the event stream: `shared` must be a boolean or a string')
  }
}

/**
 * The name of a shared stream's lock and channel: its method and absolute URL, and the caller's
 * own key when `shared` is a string. Tabs whose streams differ otherwise (headers, a body) must
 * tell them apart with that key.
 * @internal
 */
export function sharedName(input: EventsInput, init: EventsInit): string {
  const template = input instanceof Request ? input : undefined
  const url = template?.url ?? new URL(String(input), globalThis.location?.href).href
  const method = (init.method ?? template?.method ?? 'GET').toUpperCase()
  const own = typeof init.shared === 'string' ? ` ${JSON.stringify(init.shared)}` : ''
  return `ssekit-shared ${method} ${url}${own}`
}
