import { hooks } from './internal/hooks.ts'
import type {
  DeliveredEvent,
  Instrumentation,
  PublishScope,
  ReplayScope,
} from './internal/instrumentation-types.ts'

export type { DeliveredEvent, Instrumentation, PublishScope, ReplayScope }

/**
 * Registers the instrumentation of this process, or removes it with `undefined`. Without one,
 * nothing is measured and nothing costs: each path that would report tests one field. One is
 * registered at a time; every copy of `@ssekit/core` in the process shares it.
 *
 * @param instrumentation What to report to, or `undefined` for nothing.
 * @returns The one registered before, so a test can put it back.
 *
 * @example Turn instrumentation off again
 * ```ts
 * import { setInstrumentation } from '@ssekit/core/backend'
 * const previous = setInstrumentation(undefined)
 * setInstrumentation(previous)
 * return new Response('ok')
 * ```
 */
export function setInstrumentation(
  instrumentation: Instrumentation | undefined,
): Instrumentation | undefined {
  const previous = hooks.instrumentation
  hooks.instrumentation = instrumentation
  return previous
}

/**
 * The instrumentation registered now, for a backend's own calls: test it for `undefined` first,
 * so an uninstrumented process does nothing more.
 *
 * @returns The registered instrumentation, or `undefined`.
 *
 * @example A backend reports an error only when someone listens
 * ```ts
 * import { instrumentation } from '@ssekit/core/backend'
 * instrumentation()?.backendError('redis', 'read')
 * return new Response('ok')
 * ```
 */
export function instrumentation(): Instrumentation | undefined {
  return hooks.instrumentation
}
