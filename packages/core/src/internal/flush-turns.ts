/**
 * One microtask turn shared by every outbox waiting to flush. A channel publish writes to
 * thousands of outboxes at once; one queued microtask for all of them, instead of one each, keeps
 * the cost of a turn to a loop over plain method calls. Waiters are objects with a method rather
 * than closures, so an idle stream keeps no closure for it.
 */

/** Something to run on the next microtask turn. */
export interface TurnCheck {
  checkTurn(): void
}

let waiting: TurnCheck[] = []
// Node wraps queueMicrotask callbacks in async-hooks bookkeeping; a resolved promise's then() is
// the same microtask without it.
const RESOLVED = Promise.resolve()
let scheduled = false

/** Runs `check.checkTurn()` on the next microtask turn, together with every other check queued for it. */
export function checkNextTurn(check: TurnCheck): void {
  waiting.push(check)
  if (scheduled) return
  scheduled = true
  void RESOLVED.then(runTurn)
}

function runTurn(): void {
  const checks = waiting
  waiting = []
  scheduled = false
  for (const check of checks) {
    try {
      check.checkTurn()
    } catch (error) {
      // One failing check must not strand the others; surface it as an uncaught error.
      queueMicrotask(() => {
        throw error
      })
    }
  }
}
