/** What the demo app's `GET /stats` answers. */
export interface Stats {
  /** Event streams open right now. */
  open: number
  /** Ticks the ticker produced since the server started. */
  ticks: number
}

/**
 * Reads `GET /stats` once.
 *
 * @param baseUrl The server, without a trailing slash.
 * @returns The parsed numbers.
 *
 * @example
 * ```ts
 * const { open } = await fetchStats('http://127.0.0.1:8080')
 * ```
 */
export async function fetchStats(baseUrl: string): Promise<Stats> {
  const response = await fetch(`${baseUrl}/stats`)
  if (!response.ok) throw new Error(`GET /stats answered ${response.status}`)
  return (await response.json()) as Stats
}

/**
 * Polls `GET /stats` until `done` holds. A runtime notices a vanished client a moment later (workerd
 * only on its next write), so a disconnect shows up here after a short while, not at once.
 *
 * @param baseUrl The server, without a trailing slash.
 * @param done The condition to wait for.
 * @param timeoutMs How long to poll before failing with the last numbers seen.
 * @returns The numbers that satisfied `done`.
 *
 * @example Wait until every stream closed
 * ```ts
 * await waitForStats(baseUrl, (stats) => stats.open === 0)
 * ```
 */
export async function waitForStats(
  baseUrl: string,
  done: (stats: Stats) => boolean,
  timeoutMs = 10_000,
): Promise<Stats> {
  const deadline = Date.now() + timeoutMs
  let stats = await fetchStats(baseUrl)
  while (!done(stats)) {
    if (Date.now() > deadline) {
      throw new Error(`/stats stayed at ${JSON.stringify(stats)} for ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    stats = await fetchStats(baseUrl)
  }
  return stats
}
