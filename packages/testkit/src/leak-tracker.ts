/**
 * Counts live intervals and abort-signal listeners through the globals every runtime has, so the
 * same leak checks run on Node, Bun, Deno and workerd.
 */
export interface LeakTracker {
  /** Intervals created and not yet cleared since tracking began. */
  readonly liveIntervals: number
  /** Listeners added to signals from `trackedSignal()` and not removed (nor fired once). */
  readonly liveListeners: number
  /** An AbortController whose signal's listeners are counted. */
  trackedController(): AbortController
  restore(): void
}

export function trackLeaks(): LeakTracker {
  const intervals = new Set<unknown>()
  let listeners = 0
  const { setInterval: realSet, clearInterval: realClear } = globalThis
  globalThis.setInterval = ((
    handler: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const id = realSet(handler, ms, ...args)
    intervals.add(id)
    return id
  }) as typeof setInterval
  globalThis.clearInterval = ((id: Parameters<typeof clearInterval>[0]) => {
    intervals.delete(id)
    realClear(id)
  }) as typeof clearInterval
  return {
    get liveIntervals() {
      return intervals.size
    },
    get liveListeners() {
      return listeners
    },
    trackedController() {
      const controller = new AbortController()
      const { signal } = controller
      const add = signal.addEventListener.bind(signal)
      const remove = signal.removeEventListener.bind(signal)
      // Each listener the code added, mapped to what was really registered: a `once` listener is
      // wrapped, and removing it must remove the wrapper, or the tracker would hide a leak.
      const live = new Map<unknown, unknown>()
      signal.addEventListener = (type: string, listener: unknown, options?: unknown) => {
        if (live.has(listener)) return
        listeners++
        const once = typeof options === 'object' && (options as { once?: boolean })?.once
        const wrapped = once
          ? (event: Event) => {
              if (live.delete(listener)) listeners--
              if (typeof listener === 'function') listener(event)
              else (listener as EventListenerObject).handleEvent(event)
            }
          : listener
        live.set(listener, wrapped)
        add(type, wrapped as EventListener, options as AddEventListenerOptions)
      }
      signal.removeEventListener = (type: string, listener: unknown, options?: unknown) => {
        const registered = live.get(listener)
        if (registered === undefined) return
        live.delete(listener)
        listeners--
        remove(type, registered as EventListener, options as EventListenerOptions)
      }
      return controller
    },
    restore() {
      globalThis.setInterval = realSet
      globalThis.clearInterval = realClear
    },
  }
}
