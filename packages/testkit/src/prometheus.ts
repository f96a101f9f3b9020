import parsePrometheusTextFormat from 'parse-prometheus-text-format'

/** One metric family as the Prometheus text format describes it. */
export interface MetricFamily {
  name: string
  type: string
  metrics: { value?: string; labels?: Record<string, string> }[]
}

/**
 * Parses a Prometheus text exposition (what `GET /metrics` answers) with
 * parse-prometheus-text-format.
 *
 * @example
 * ```ts
 * const families = parsePrometheus(await (await fetch(`${url}/metrics`)).text())
 * ```
 */
export function parsePrometheus(text: string): MetricFamily[] {
  return parsePrometheusTextFormat(text) as MetricFamily[]
}

/**
 * The value of metric `name` in parsed families, summed over its samples whose labels include
 * `labels`; `undefined` when there is no such metric at all, so a test tells a missing name from a 0.
 *
 * @example
 * ```ts
 * const open = metricValue(families, 'ssekit_streams_open')
 * ```
 */
export function metricValue(
  families: readonly MetricFamily[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const family = families.find((candidate) => candidate.name === name)
  if (family === undefined) return undefined
  let total = 0
  for (const sample of family.metrics) {
    const own = sample.labels ?? {}
    if (Object.entries(labels).every(([key, value]) => own[key] === value)) {
      total += Number(sample.value)
    }
  }
  return total
}

/**
 * GETs `url` (a `/metrics` endpoint) and parses it; fails unless it answers 200 in the text format.
 *
 * @example
 * ```ts
 * const families = await scrapeMetrics(`${server.url}/metrics`)
 * ```
 */
export async function scrapeMetrics(url: string): Promise<MetricFamily[]> {
  const response = await fetch(url)
  const text = await response.text()
  const type = response.headers.get('content-type') ?? ''
  if (response.status !== 200 || !type.startsWith('text/plain')) {
    throw new Error(`${url} answered ${response.status} (${type}): ${text.slice(0, 200)}`)
  }
  return parsePrometheus(text)
}
