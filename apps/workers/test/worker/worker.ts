import { exports } from 'cloudflare:workers'

/** Sends a request to the Worker under test, as its own `fetch` handler receives it. */
export function fetchWorker(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, 'http://ticker.test'), init))
}

/** The Worker's `/stats`. */
export async function stats(): Promise<{ open: number; ticks: number }> {
  const response = await fetchWorker('/stats')
  return response.json()
}
