/**
 * The writers' `afterTurns` (see direct-write.ts), shared: every direct target whose writer is
 * busy until the microtasks run out waits in one list, and one scheduled call tells them all.
 */

/** A target that waits for its writer's `afterTurns`. */
export interface WriterIdle {
  writerIdle(): void
}

// Every target waiting for the writer's `afterTurns`, run together: one scheduled call for a
// fan-out to thousands of sockets, not one each.
let idle: WriterIdle[] = []
let idleScheduled = false

export function afterTurns(target: WriterIdle, schedule: (run: () => void) => void): void {
  idle.push(target)
  if (idleScheduled) return
  idleScheduled = true
  schedule(runIdle)
}

function runIdle(): void {
  const targets = idle
  idle = []
  idleScheduled = false
  for (const target of targets) {
    try {
      target.writerIdle()
    } catch (error) {
      // One failing target must not strand the others; surface it as an uncaught error.
      queueMicrotask(() => {
        throw error
      })
    }
  }
}
