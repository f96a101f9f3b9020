import { errorMessage, instrumentation, logEvent } from '@ssekit/core/backend'

// Every subscriber of an isolate has its own socket, so one reset reaches each: a line per kind
// per second is enough for an operator; the metric counts every one.
const lastLogged = new Map<string, number>()
// Since when the object has been failing this isolate, for the recovery's line.
let failingSince: number | undefined

/**
 * The channel's object failed this isolate (`type`: `unreachable`, `reset`, `replay`,
 * `publish`): counted in `ssekit.backend.errors`, and logged without a stack.
 */
export function objectFailed(type: string, msg: string, error?: unknown): void {
  instrumentation()?.backendError('durable-object', type)
  const now = Date.now()
  failingSince ??= now
  if (now - (lastLogged.get(type) ?? 0) < 1000) return
  lastLogged.set(type, now)
  logEvent({
    level: 'warn',
    event: `ssekit.durable-object.${type}`,
    msg,
    backend: 'durable-object',
    ...(error === undefined ? {} : { error: errorMessage(error) }),
  })
}

/** A call to the object went through: after failures, that is its recovery, logged once. */
export function objectReached(): void {
  if (failingSince === undefined) return
  const ms = Date.now() - failingSince
  failingSince = undefined
  lastLogged.clear()
  logEvent({
    level: 'info',
    event: 'ssekit.durable-object.recovered',
    msg: `The channel's Durable Object answers again after ${ms} ms`,
    backend: 'durable-object',
    ms,
  })
}
