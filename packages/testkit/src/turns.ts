/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Lets queued microtasks and one macrotask turn run. */
export const settleTurns = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
